package io.quintet.devicelist.link;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import io.quintet.core.AccountId;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.devicelist.internal.pake.PakeException;
import io.quintet.devicelist.internal.pake.Spake2;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkConfirmation;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkHello;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkResponse;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkSealed;
import io.quintet.devicelist.link.CodeLinkException.Reason;

/**
 * The five wire messages of linking by code, parsed and validated at the boundary into
 * immutable records: a size cap before parsing (so nothing is allocated for a claimed length),
 * exact field lengths, valid keys and account ids, no unknown fields. Anything else is a
 * {@link CodeLinkException} with {@link Reason#MALFORMED}. Share contents (on the curve or not)
 * are SPAKE2's to check. None of these fields is secret.
 */
final class CodeLinkMessages {
  static final int VERSION = 1;
  static final int REF_LENGTH = 16;
  static final int MAC_LENGTH = Spake2.MAC_LENGTH;
  static final int SHARE_LENGTH = Spake2.SHARE_LENGTH;
  /** Caps on a whole message: each is several times the largest valid one. */
  static final int MAX_HELLO = 1024;
  static final int MAX_RESPONSE = 256;
  static final int MAX_CONFIRMATION = 128;
  static final int MAX_SEALED = 4096;

  private CodeLinkMessages() {}

  /** 1. The companion's request (ref, account, both identity keys, pA, expiry). */
  record Hello(byte[] ref, AccountId account, IdentityKey primaryKey, IdentityKey companionKey,
      byte[] share, long expiresAt) {
    byte[] serialize() {
      return CodeLinkHello.newBuilder()
          .setVersion(VERSION)
          .setRef(ByteString.copyFrom(ref))
          .setAccount(account.value())
          .setPrimaryIdentityKey(ByteString.copyFrom(primaryKey.serialize()))
          .setCompanionIdentityKey(ByteString.copyFrom(companionKey.serialize()))
          .setShare(ByteString.copyFrom(share))
          .setExpiresAt(expiresAt)
          .build().toByteArray();
    }

    static Hello parse(byte[] bytes) throws CodeLinkException {
      CodeLinkHello p;
      try {
        p = CodeLinkHello.parseFrom(bounded(bytes, MAX_HELLO, "link request"));
      } catch (InvalidProtocolBufferException e) {
        throw malformed("link request is not a valid protobuf");
      }
      noUnknownFields(p, "link request");
      if (p.getVersion() != VERSION) {
        throw malformed("link request has unknown version " + Integer.toUnsignedString(p.getVersion()));
      }
      require(p.getRef(), REF_LENGTH, "link request ref");
      require(p.getShare(), SHARE_LENGTH, "link request share");
      try {
        Spake2.checkShare(p.getShare().toByteArray());
      } catch (PakeException e) {
        throw malformed("link request share is not a valid P-256 point");
      }
      if (p.getExpiresAt() <= 0) {
        throw malformed("link request has no valid expiry");
      }
      try {
        return new Hello(p.getRef().toByteArray(), AccountId.of(p.getAccount()),
            IdentityKey.parse(p.getPrimaryIdentityKey().toByteArray()),
            IdentityKey.parse(p.getCompanionIdentityKey().toByteArray()),
            p.getShare().toByteArray(), p.getExpiresAt());
      } catch (InvalidKeyException | IllegalArgumentException e) {
        throw malformed("link request carries an invalid account id or key");
      }
    }
  }

  /** 2. The primary's answer: pB and its confirmation cB. */
  record Response(byte[] ref, byte[] share, byte[] confirmation) {
    byte[] serialize() {
      return CodeLinkResponse.newBuilder()
          .setRef(ByteString.copyFrom(ref))
          .setShare(ByteString.copyFrom(share))
          .setConfirmation(ByteString.copyFrom(confirmation))
          .build().toByteArray();
    }

    static Response parse(byte[] bytes) throws CodeLinkException {
      CodeLinkResponse p;
      try {
        p = CodeLinkResponse.parseFrom(bounded(bytes, MAX_RESPONSE, "link response"));
      } catch (InvalidProtocolBufferException e) {
        throw malformed("link response is not a valid protobuf");
      }
      noUnknownFields(p, "link response");
      require(p.getRef(), REF_LENGTH, "link response ref");
      require(p.getShare(), SHARE_LENGTH, "link response share");
      try {
        Spake2.checkShare(p.getShare().toByteArray());
      } catch (PakeException e) {
        throw malformed("link response share is not a valid P-256 point");
      }
      require(p.getConfirmation(), MAC_LENGTH, "link response confirmation");
      return new Response(p.getRef().toByteArray(), p.getShare().toByteArray(),
          p.getConfirmation().toByteArray());
    }
  }

  /** 3. The companion's confirmation cA. */
  record Confirmation(byte[] ref, byte[] confirmation) {
    byte[] serialize() {
      return CodeLinkConfirmation.newBuilder()
          .setRef(ByteString.copyFrom(ref))
          .setConfirmation(ByteString.copyFrom(confirmation))
          .build().toByteArray();
    }

    static Confirmation parse(byte[] bytes) throws CodeLinkException {
      CodeLinkConfirmation p;
      try {
        p = CodeLinkConfirmation.parseFrom(bounded(bytes, MAX_CONFIRMATION, "link confirmation"));
      } catch (InvalidProtocolBufferException e) {
        throw malformed("link confirmation is not a valid protobuf");
      }
      noUnknownFields(p, "link confirmation");
      require(p.getRef(), REF_LENGTH, "link confirmation ref");
      require(p.getConfirmation(), MAC_LENGTH, "link confirmation");
      return new Confirmation(p.getRef().toByteArray(), p.getConfirmation().toByteArray());
    }
  }

  /** 4 and 5. An AES-GCM ciphertext for the run named by ref. */
  record Sealed(byte[] ref, byte[] ciphertext) {
    byte[] serialize() {
      return CodeLinkSealed.newBuilder()
          .setRef(ByteString.copyFrom(ref))
          .setCiphertext(ByteString.copyFrom(ciphertext))
          .build().toByteArray();
    }

    static Sealed parse(byte[] bytes, String what) throws CodeLinkException {
      CodeLinkSealed p;
      try {
        p = CodeLinkSealed.parseFrom(bounded(bytes, MAX_SEALED, what));
      } catch (InvalidProtocolBufferException e) {
        throw malformed(what + " is not a valid protobuf");
      }
      noUnknownFields(p, what);
      require(p.getRef(), REF_LENGTH, what + " ref");
      if (p.getCiphertext().size() <= CodeLinkKeys.TAG_LENGTH) {
        throw malformed(what + " is too short to hold anything");
      }
      return new Sealed(p.getRef().toByteArray(), p.getCiphertext().toByteArray());
    }
  }

  private static byte[] bounded(byte[] bytes, int max, String what) throws CodeLinkException {
    if (bytes == null || bytes.length == 0) {
      throw malformed(what + " is empty");
    }
    if (bytes.length > max) {
      throw malformed(what + " is longer than " + max + " bytes");
    }
    return bytes;
  }

  private static void require(ByteString field, int length, String what) throws CodeLinkException {
    if (field.size() != length) {
      throw malformed(what + " must be " + length + " bytes, got " + field.size());
    }
  }

  private static void noUnknownFields(MessageOrBuilder p, String what)
      throws CodeLinkException {
    if (p.getUnknownFields().getSerializedSize() != 0) {
      throw malformed(what + " has unknown fields");
    }
  }

  static CodeLinkException malformed(String message) {
    return new CodeLinkException(Reason.MALFORMED, message);
  }
}
