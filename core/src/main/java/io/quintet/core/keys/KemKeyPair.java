package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.MlKem1024;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A KEM key pair for post-quantum prekeys.
 *
 * <pre>{@code
 * KemKeyPair pq = KemKeyPair.generate(KemType.ML_KEM_1024);
 * byte[] upload = pq.publicKey().serialize();
 * }</pre>
 */
public final class KemKeyPair {
  private final KemPublicKey publicKey;
  private final KemSecretKey secretKey;

  private KemKeyPair(KemPublicKey publicKey, KemSecretKey secretKey) {
    this.publicKey = publicKey;
    this.secretKey = secretKey;
  }

  /** A fresh key pair of {@code type}. */
  public static KemKeyPair generate(KemType type) {
    MlKem1024.DecapsulationKey dk = type.generate();
    return new KemKeyPair(
        new KemPublicKey(type, dk.encapsulationKey()), new KemSecretKey(type, dk));
  }

  /**
   * A stored pair. Both halves must be of the same KEM, and the secret key must embed this
   * public key (a FIPS 203 decapsulation key carries its encapsulation key).
   *
   * @throws InvalidKeyException if the types differ or the keys do not belong together
   */
  public static KemKeyPair of(KemPublicKey publicKey, KemSecretKey secretKey)
      throws InvalidKeyException {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(secretKey, "secretKey");
    if (publicKey.type() != secretKey.type()) {
      throw new InvalidKeyException("KEM public and secret keys are of different types");
    }
    if (!MessageDigest.isEqual(
        publicKey.parsed().encoded(), secretKey.parsed().encapsulationKey().encoded())) {
      throw new InvalidKeyException("KEM secret key does not belong to the public key");
    }
    return new KemKeyPair(publicKey, secretKey);
  }

  /** The KEM of both keys. */
  public KemType type() {
    return publicKey.type();
  }

  /** The encapsulation key, to publish. */
  public KemPublicKey publicKey() {
    return publicKey;
  }

  /** The decapsulation key. Secret. */
  public KemSecretKey secretKey() {
    return secretKey;
  }

  @Override
  public String toString() {
    return "KemKeyPair[" + publicKey + "]";
  }
}
