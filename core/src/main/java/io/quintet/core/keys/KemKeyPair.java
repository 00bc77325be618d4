package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
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

  public static KemKeyPair generate(KemType type) {
    byte[][] pair = type.generateKeyPair();
    return new KemKeyPair(new KemPublicKey(type, pair[0]), new KemSecretKey(type, pair[1]));
  }

  /** A stored pair; both halves must be of the same KEM. */
  public static KemKeyPair of(KemPublicKey publicKey, KemSecretKey secretKey)
      throws InvalidKeyException {
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.type() != secretKey.type()) {
      throw new InvalidKeyException("KEM public and secret keys are of different types");
    }
    return new KemKeyPair(publicKey, secretKey);
  }

  public KemType type() {
    return publicKey.type();
  }

  public KemPublicKey publicKey() {
    return publicKey;
  }

  public KemSecretKey secretKey() {
    return secretKey;
  }

  @Override
  public String toString() {
    return "KemKeyPair[" + publicKey + "]";
  }
}
