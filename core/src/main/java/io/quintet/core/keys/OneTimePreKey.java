package io.quintet.core.keys;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.proto.KeyRecordProtos.PreKeyRecord;
import java.util.Objects;

/**
 * A one-time Curve25519 prekey: uploaded in batches, handed to one initiator, consumed by the
 * first message that uses it.
 *
 * <pre>{@code
 * OneTimePreKey k = OneTimePreKey.generate(42, clock.millis());
 * store.storePreKey(k);
 * upload(k.id(), k.publicKey().serialize());
 * }</pre>
 */
public final class OneTimePreKey {
  private final int id;
  private final long timestamp;
  private final Curve25519KeyPair keyPair;

  public OneTimePreKey(int id, long timestamp, Curve25519KeyPair keyPair) {
    this.id = PreKeyIds.check(id);
    this.timestamp = timestamp;
    this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
  }

  public static OneTimePreKey generate(int id, long timestamp) {
    return new OneTimePreKey(id, timestamp, Curve25519KeyPair.generate());
  }

  public static OneTimePreKey parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null) {
      throw new InvalidKeyException("prekey record is missing");
    }
    try {
      PreKeyRecord r = PreKeyRecord.parseFrom(serialized);
      return new OneTimePreKey(
          PreKeyIds.parsed(r.getId()),
          r.getTimestamp(),
          Curve25519KeyPair.of(
              Curve25519PublicKey.parse(r.getPublicKey().toByteArray()),
              Curve25519PrivateKey.parse(r.getPrivateKey().toByteArray())));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidKeyException("prekey record is malformed");
    }
  }

  public int id() {
    return id;
  }

  /** Creation time, milliseconds since the epoch. */
  public long timestamp() {
    return timestamp;
  }

  public Curve25519KeyPair keyPair() {
    return keyPair;
  }

  public Curve25519PublicKey publicKey() {
    return keyPair.publicKey();
  }

  /** The storage record. Secret. */
  public byte[] serialize() {
    return PreKeyRecord.newBuilder()
        .setId(id)
        .setTimestamp(timestamp)
        .setPublicKey(ByteString.copyFrom(keyPair.publicKey().serialize()))
        .setPrivateKey(ByteString.copyFrom(keyPair.privateKey().serialize()))
        .build()
        .toByteArray();
  }

  @Override
  public String toString() {
    return "OneTimePreKey[id=" + id + ", " + keyPair.publicKey() + "]";
  }
}
