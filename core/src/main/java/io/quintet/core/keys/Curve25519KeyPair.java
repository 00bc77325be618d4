package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import java.util.Objects;

/**
 * A Curve25519 key pair: ratchet keys, base keys, prekeys.
 *
 * <pre>{@code
 * Curve25519KeyPair ephemeral = Curve25519KeyPair.generate();
 * byte[] wire = ephemeral.publicKey().serialize();
 * }</pre>
 */
public final class Curve25519KeyPair {
  private final Curve25519PublicKey publicKey;
  private final Curve25519PrivateKey privateKey;

  private Curve25519KeyPair(Curve25519PublicKey publicKey, Curve25519PrivateKey privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /** A fresh key pair from the system's {@link java.security.SecureRandom}. */
  public static Curve25519KeyPair generate() {
    Curve25519PrivateKey priv = Curve25519PrivateKey.generate();
    return new Curve25519KeyPair(priv.publicKey(), priv);
  }

  /** The pair for a stored private key; the public key is recomputed. */
  public static Curve25519KeyPair fromPrivateKey(Curve25519PrivateKey privateKey) {
    return new Curve25519KeyPair(privateKey.publicKey(), privateKey);
  }

  /**
   * A stored pair. The public key must belong to the private key.
   *
   * @throws InvalidKeyException if it does not
   */
  public static Curve25519KeyPair of(Curve25519PublicKey publicKey, Curve25519PrivateKey privateKey)
      throws InvalidKeyException {
    Objects.requireNonNull(publicKey, "publicKey");
    if (!privateKey.publicKey().equals(publicKey)) {
      throw new InvalidKeyException("public key does not match private key");
    }
    return new Curve25519KeyPair(publicKey, privateKey);
  }

  /**
   * A pair read back from a record this library wrote itself, without the scalar
   * multiplication that {@link #of} spends on checking the halves. Never use it for keys
   * from outside.
   */
  public static Curve25519KeyPair fromTrustedRecord(
      Curve25519PublicKey publicKey, Curve25519PrivateKey privateKey) {
    return new Curve25519KeyPair(
        Objects.requireNonNull(publicKey, "publicKey"),
        Objects.requireNonNull(privateKey, "privateKey"));
  }

  public Curve25519PublicKey publicKey() {
    return publicKey;
  }

  public Curve25519PrivateKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "Curve25519KeyPair[" + publicKey + "]";
  }
}
