package io.quintet.core.keys;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.proto.KeyRecordProtos.KemPreKeyRecord;
import java.util.Objects;

/**
 * A post-quantum prekey signed by the identity key (XEdDSA over {@code type ‖ key}). A
 * one-time KEM prekey is consumed by its first use; a last-resort one stays until rotated,
 * so a device that ran out of one-time keys can still be reached.
 *
 * <pre>{@code
 * KemPreKey pq = KemPreKey.generate(9, clock.millis(), KemType.ML_KEM_1024, identity, true);
 * }</pre>
 */
public final class KemPreKey {
  private final int id;
  private final long timestamp;
  private final KemKeyPair keyPair;
  private final byte[] signature;
  private final boolean lastResort;

  public KemPreKey(
      int id, long timestamp, KemKeyPair keyPair, byte[] signature, boolean lastResort) {
    this.id = PreKeyIds.check(id);
    this.timestamp = timestamp;
    this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
    this.signature = Objects.requireNonNull(signature, "signature").clone();
    this.lastResort = lastResort;
  }

  /** A fresh KEM key pair of {@code type}, signed by {@code identity}. */
  public static KemPreKey generate(
      int id, long timestamp, KemType type, IdentityKeyPair identity, boolean lastResort) {
    KemKeyPair pair = KemKeyPair.generate(type);
    return new KemPreKey(
        id, timestamp, pair, identity.sign(pair.publicKey().serialize()), lastResort);
  }

  public static KemPreKey parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null) {
      throw new InvalidKeyException("KEM prekey record is missing");
    }
    try {
      KemPreKeyRecord r = KemPreKeyRecord.parseFrom(serialized);
      return new KemPreKey(
          PreKeyIds.parsed(r.getId()),
          r.getTimestamp(),
          KemKeyPair.of(
              KemPublicKey.parse(r.getPublicKey().toByteArray()),
              KemSecretKey.parse(r.getSecretKey().toByteArray())),
          r.getSignature().toByteArray(),
          r.getLastResort());
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidKeyException("KEM prekey record is malformed");
    }
  }

  public int id() {
    return id;
  }

  public long timestamp() {
    return timestamp;
  }

  public KemKeyPair keyPair() {
    return keyPair;
  }

  public KemPublicKey publicKey() {
    return keyPair.publicKey();
  }

  public byte[] signature() {
    return signature.clone();
  }

  public boolean isLastResort() {
    return lastResort;
  }

  /** The storage record. Secret. */
  public byte[] serialize() {
    return KemPreKeyRecord.newBuilder()
        .setId(id)
        .setTimestamp(timestamp)
        .setPublicKey(ByteString.copyFrom(keyPair.publicKey().serialize()))
        .setSecretKey(ByteString.copyFrom(keyPair.secretKey().serialize()))
        .setSignature(ByteString.copyFrom(signature))
        .setLastResort(lastResort)
        .build()
        .toByteArray();
  }

  @Override
  public String toString() {
    return "KemPreKey[id=" + id + ", " + keyPair.type() + (lastResort ? ", last resort]" : "]");
  }
}
