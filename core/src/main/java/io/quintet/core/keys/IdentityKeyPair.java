package io.quintet.core.keys;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.proto.KeyRecordProtos.IdentityKeyPairRecord;

/**
 * A device's long-term identity: its {@link IdentityKey} and the private key that signs its
 * prekeys (and, for a primary, its companions and device lists).
 *
 * <pre>{@code
 * IdentityKeyPair me = IdentityKeyPair.generate();
 * byte[] sig = me.sign(signedPreKey.publicKey().serialize());
 * byte[] stored = me.serialize();                 // secret: for the key store only
 * IdentityKeyPair again = IdentityKeyPair.parse(stored);
 * }</pre>
 */
public final class IdentityKeyPair {
  private final IdentityKey identityKey;
  private final Curve25519PrivateKey privateKey;

  private IdentityKeyPair(IdentityKey identityKey, Curve25519PrivateKey privateKey) {
    this.identityKey = identityKey;
    this.privateKey = privateKey;
  }

  public static IdentityKeyPair generate() {
    Curve25519KeyPair pair = Curve25519KeyPair.generate();
    return new IdentityKeyPair(new IdentityKey(pair.publicKey()), pair.privateKey());
  }

  /** The identity for a stored private key. */
  public static IdentityKeyPair fromPrivateKey(Curve25519PrivateKey privateKey) {
    return new IdentityKeyPair(new IdentityKey(privateKey.publicKey()), privateKey);
  }

  /** Parses {@link #serialize()}'s output, checking that the halves belong together. */
  public static IdentityKeyPair parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null) {
      throw new InvalidKeyException("identity key pair record is missing");
    }
    try {
      IdentityKeyPairRecord r = IdentityKeyPairRecord.parseFrom(serialized);
      Curve25519KeyPair pair =
          Curve25519KeyPair.of(
              Curve25519PublicKey.parse(r.getPublicKey().toByteArray()),
              Curve25519PrivateKey.parse(r.getPrivateKey().toByteArray()));
      return new IdentityKeyPair(new IdentityKey(pair.publicKey()), pair.privateKey());
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidKeyException("identity key pair record is malformed");
    }
  }

  public IdentityKey identityKey() {
    return identityKey;
  }

  public Curve25519PublicKey publicKey() {
    return identityKey.publicKey();
  }

  public Curve25519PrivateKey privateKey() {
    return privateKey;
  }

  /** An XEdDSA signature over {@code message} by this identity. */
  public byte[] sign(byte[] message) {
    return privateKey.sign(message);
  }

  /** A record of both halves. Secret. */
  public byte[] serialize() {
    return IdentityKeyPairRecord.newBuilder()
        .setPublicKey(ByteString.copyFrom(identityKey.serialize()))
        .setPrivateKey(ByteString.copyFrom(privateKey.serialize()))
        .build()
        .toByteArray();
  }

  @Override
  public String toString() {
    return "IdentityKeyPair[" + identityKey + "]";
  }
}
