package io.quintet.core.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.proto.SignalWireProtos;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.KemType;
import java.util.Optional;

/**
 * The first messages of a session: what the responder needs to run X3DH/PQXDH (the
 * initiator's identity and base key, the prekey ids used, the KEM ciphertext) wrapped around
 * an ordinary {@link SignalMessage}. Version 4 (PQXDH) must carry the KEM fields, version 3
 * must not carry only half of them.
 *
 * <pre>{@code
 * PreKeySignalMessage first = PreKeySignalMessage.parse(bytes);
 * first.kemPreKeyId().ifPresent(id -> ...);
 * }</pre>
 */
public final class PreKeySignalMessage {
  private final int version;
  private final int registrationId;
  private final Integer preKeyId;
  private final int signedPreKeyId;
  private final Integer kemPreKeyId;
  private final byte[] kemCiphertext;
  private final Curve25519PublicKey baseKey;
  private final IdentityKey identityKey;
  private final SignalMessage message;
  private final byte[] serialized;

  private PreKeySignalMessage(
      int version,
      int registrationId,
      Integer preKeyId,
      int signedPreKeyId,
      Integer kemPreKeyId,
      byte[] kemCiphertext,
      Curve25519PublicKey baseKey,
      IdentityKey identityKey,
      SignalMessage message,
      byte[] serialized) {
    this.version = version;
    this.registrationId = registrationId;
    this.preKeyId = preKeyId;
    this.signedPreKeyId = signedPreKeyId;
    this.kemPreKeyId = kemPreKeyId;
    this.kemCiphertext = kemCiphertext;
    this.baseKey = baseKey;
    this.identityKey = identityKey;
    this.message = message;
    this.serialized = serialized;
  }

  public static PreKeySignalMessage parse(byte[] serialized) throws InvalidMessageException {
    int version =
        WireVersions.check(
            serialized, 1, WireVersions.PRE_KYBER, WireVersions.CURRENT, "PreKey message");
    SignalWireProtos.PreKeySignalMessage p;
    try {
      p =
          SignalWireProtos.PreKeySignalMessage.parseFrom(
              ByteString.copyFrom(serialized, 1, serialized.length - 1));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidMessageException("PreKey message body is not a valid protobuf");
    }
    if (!p.hasBaseKey() || !p.hasIdentityKey() || !p.hasMessage() || !p.hasSignedPreKeyId()) {
      throw new InvalidMessageException("PreKey message lacks a required field");
    }
    if (p.hasKyberPreKeyId() != p.hasKyberCiphertext()) {
      throw new InvalidMessageException(
          "PreKey message must carry both or neither KEM prekey id and ciphertext");
    }
    if (version >= WireVersions.CURRENT && !p.hasKyberPreKeyId()) {
      throw new InvalidMessageException("version 4 PreKey message lacks its KEM ciphertext");
    }
    byte[] kemCiphertext = p.getKyberCiphertext().toByteArray();
    if (p.hasKyberCiphertext() && kemCiphertext.length != 1 + KemType.CIPHERTEXT_LENGTH) {
      throw new InvalidMessageException("PreKey message KEM ciphertext has the wrong length");
    }
    Curve25519PublicKey baseKey;
    IdentityKey identityKey;
    try {
      baseKey = Curve25519PublicKey.parse(p.getBaseKey().toByteArray());
      identityKey = IdentityKey.parse(p.getIdentityKey().toByteArray());
    } catch (InvalidKeyException e) {
      throw new InvalidMessageException("PreKey message carries an invalid key: " + e.getMessage());
    }
    SignalMessage inner = SignalMessage.parse(p.getMessage().toByteArray());
    if (inner.version() != version) {
      throw new InvalidMessageException("PreKey message and its inner message differ in version");
    }
    return new PreKeySignalMessage(
        version,
        p.getRegistrationId(),
        p.hasPreKeyId() ? p.getPreKeyId() : null,
        p.getSignedPreKeyId(),
        p.hasKyberPreKeyId() ? p.getKyberPreKeyId() : null,
        kemCiphertext,
        baseKey,
        identityKey,
        inner,
        serialized.clone());
  }

  /**
   * Wraps {@code message}. {@code preKeyId} and {@code kemPreKeyId} may be null; a KEM prekey
   * id requires its serialized ciphertext.
   */
  public static PreKeySignalMessage create(
      int version,
      int registrationId,
      Integer preKeyId,
      int signedPreKeyId,
      Integer kemPreKeyId,
      byte[] kemCiphertext,
      Curve25519PublicKey baseKey,
      IdentityKey identityKey,
      SignalMessage message) {
    SignalWireProtos.PreKeySignalMessage.Builder b =
        SignalWireProtos.PreKeySignalMessage.newBuilder()
            .setRegistrationId(registrationId)
            .setSignedPreKeyId(signedPreKeyId)
            .setBaseKey(ByteString.copyFrom(baseKey.serialize()))
            .setIdentityKey(ByteString.copyFrom(identityKey.serialize()))
            .setMessage(ByteString.copyFrom(message.serialize()));
    if (preKeyId != null) {
      b.setPreKeyId(preKeyId);
    }
    if (kemPreKeyId != null) {
      b.setKyberPreKeyId(kemPreKeyId).setKyberCiphertext(ByteString.copyFrom(kemCiphertext));
    }
    byte[] body = b.build().toByteArray();
    byte[] out = new byte[1 + body.length];
    out[0] = WireVersions.versionByte(version, WireVersions.CURRENT);
    System.arraycopy(body, 0, out, 1, body.length);
    return new PreKeySignalMessage(
        version, registrationId, preKeyId, signedPreKeyId, kemPreKeyId,
        kemCiphertext == null ? new byte[0] : kemCiphertext.clone(), baseKey, identityKey,
        message, out);
  }

  public int version() {
    return version;
  }

  public int registrationId() {
    return registrationId;
  }

  public Optional<Integer> preKeyId() {
    return Optional.ofNullable(preKeyId);
  }

  public int signedPreKeyId() {
    return signedPreKeyId;
  }

  public Optional<Integer> kemPreKeyId() {
    return Optional.ofNullable(kemPreKeyId);
  }

  /** {@code type ‖ ciphertext}, empty for version 3. */
  public byte[] kemCiphertext() {
    return kemCiphertext.clone();
  }

  public Curve25519PublicKey baseKey() {
    return baseKey;
  }

  public IdentityKey identityKey() {
    return identityKey;
  }

  public SignalMessage message() {
    return message;
  }

  public byte[] serialize() {
    return serialized.clone();
  }

  @Override
  public String toString() {
    return "PreKeySignalMessage[v" + version + ", spk=" + signedPreKeyId
        + (preKeyId != null ? ", opk=" + preKeyId : "")
        + (kemPreKeyId != null ? ", kem=" + kemPreKeyId : "") + ", " + message + "]";
  }
}
