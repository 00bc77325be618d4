package io.quintet.core.keys;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.proto.KeyRecordProtos.SignedPreKeyRecord;
import java.util.Objects;

/**
 * A medium-term Curve25519 prekey signed by the device's identity key. The signature is
 * XEdDSA over the serialized public key ({@code 0x05 ‖ u}), as libsignal signs it.
 *
 * <pre>{@code
 * SignedPreKey spk = SignedPreKey.generate(7, clock.millis(), identity);
 * assert identity.identityKey().verifySignature(spk.publicKey().serialize(), spk.signature());
 * }</pre>
 */
public final class SignedPreKey {
  /** XEdDSA signature length. */
  public static final int SIGNATURE_LENGTH = 64;

  private final int id;
  private final long timestamp;
  private final Curve25519KeyPair keyPair;
  private final byte[] signature;

  public SignedPreKey(int id, long timestamp, Curve25519KeyPair keyPair, byte[] signature) {
    this.id = PreKeyIds.check(id);
    this.timestamp = timestamp;
    this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
    this.signature = Objects.requireNonNull(signature, "signature").clone();
    if (signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("XEdDSA signatures are 64 bytes");
    }
  }

  /** A fresh key pair signed by {@code identity}. */
  public static SignedPreKey generate(int id, long timestamp, IdentityKeyPair identity) {
    Curve25519KeyPair pair = Curve25519KeyPair.generate();
    return new SignedPreKey(id, timestamp, pair, identity.sign(pair.publicKey().serialize()));
  }

  public static SignedPreKey parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null) {
      throw new InvalidKeyException("signed prekey record is missing");
    }
    try {
      SignedPreKeyRecord r = SignedPreKeyRecord.parseFrom(serialized);
      if (r.getSignature().size() != SIGNATURE_LENGTH) {
        throw new InvalidKeyException("signed prekey record has a malformed signature");
      }
      return new SignedPreKey(
          PreKeyIds.parsed(r.getId()),
          r.getTimestamp(),
          Curve25519KeyPair.of(
              Curve25519PublicKey.parse(r.getPublicKey().toByteArray()),
              Curve25519PrivateKey.parse(r.getPrivateKey().toByteArray())),
          r.getSignature().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidKeyException("signed prekey record is malformed");
    }
  }

  public int id() {
    return id;
  }

  public long timestamp() {
    return timestamp;
  }

  public Curve25519KeyPair keyPair() {
    return keyPair;
  }

  public Curve25519PublicKey publicKey() {
    return keyPair.publicKey();
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The storage record. Secret. */
  public byte[] serialize() {
    return SignedPreKeyRecord.newBuilder()
        .setId(id)
        .setTimestamp(timestamp)
        .setPublicKey(ByteString.copyFrom(keyPair.publicKey().serialize()))
        .setPrivateKey(ByteString.copyFrom(keyPair.privateKey().serialize()))
        .setSignature(ByteString.copyFrom(signature))
        .build()
        .toByteArray();
  }

  @Override
  public String toString() {
    return "SignedPreKey[id=" + id + ", " + keyPair.publicKey() + "]";
  }
}
