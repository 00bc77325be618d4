package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.Kyber1024;
import io.quintet.core.internal.crypto.MlKem1024;

/**
 * The post-quantum KEMs Quintet speaks, each with libsignal's type byte. Both have the same
 * key and ciphertext sizes; they differ in how the shared secret is derived.
 *
 * <pre>{@code
 * KemKeyPair pq = KemKeyPair.generate(KemType.KYBER_1024); // for Signal peers
 * }</pre>
 */
public enum KemType {
  /** Kyber-1024, round-3 variant: what libsignal 0.86 puts in every prekey bundle. */
  KYBER_1024((byte) 0x08),
  /** ML-KEM-1024 (FIPS 203): Quintet's default, newer libsignal's type {@code 0x0A}. */
  ML_KEM_1024((byte) 0x0A);

  /** Both KEMs: encapsulation key length, without the type byte. */
  public static final int PUBLIC_KEY_LENGTH = MlKem1024.PUBLIC_KEY_LENGTH;
  /** Both KEMs: decapsulation key length, without the type byte. */
  public static final int SECRET_KEY_LENGTH = MlKem1024.SECRET_KEY_LENGTH;
  /** Both KEMs: ciphertext length, without the type byte. */
  public static final int CIPHERTEXT_LENGTH = MlKem1024.CIPHERTEXT_LENGTH;
  /** Both KEMs: shared secret length. */
  public static final int SHARED_SECRET_LENGTH = MlKem1024.SHARED_SECRET_LENGTH;

  private final byte typeByte;

  KemType(byte typeByte) {
    this.typeByte = typeByte;
  }

  /** The byte libsignal puts before this KEM's keys and ciphertexts. */
  public byte typeByte() {
    return typeByte;
  }

  /** The KEM for a serialized key's first byte. */
  public static KemType fromTypeByte(byte b) throws InvalidKeyException {
    for (KemType t : values()) {
      if (t.typeByte == b) {
        return t;
      }
    }
    throw new InvalidKeyException(String.format("unknown KEM key type 0x%02x", b));
  }

  /** A fresh key pair; both KEMs generate keys the same way (see {@link Kyber1024}). */
  MlKem1024.DecapsulationKey generate() {
    return MlKem1024.generate();
  }

  byte[][] encapsulate(MlKem1024.EncapsulationKey publicKey) {
    return this == KYBER_1024 ? Kyber1024.encapsulate(publicKey) : MlKem1024.encapsulate(publicKey);
  }

  byte[] decapsulate(MlKem1024.DecapsulationKey secretKey, byte[] ciphertext) {
    return this == KYBER_1024
        ? Kyber1024.decapsulate(secretKey, ciphertext)
        : MlKem1024.decapsulate(secretKey, ciphertext);
  }
}
