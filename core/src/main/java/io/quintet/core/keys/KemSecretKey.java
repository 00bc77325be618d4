package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.MlKem1024;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A KEM secret (decapsulation) key: type byte ‖ the 3168-byte expanded key, as libsignal
 * serializes it.
 *
 * <pre>{@code
 * byte[] shared = kemSecret.decapsulate(serializedCiphertextFromAlice);
 * }</pre>
 */
public final class KemSecretKey implements Destroyable {
  private final KemType type;
  // Parsed once (FIPS 203's hash check ran here); the only copy of the key material.
  private final MlKem1024.DecapsulationKey parsed;

  KemSecretKey(KemType type, MlKem1024.DecapsulationKey parsed) {
    this.type = type;
    this.parsed = parsed;
  }

  /**
   * Parses {@code type ‖ key}. The key must have the KEM's exact length and pass FIPS 203's
   * decapsulation-key check (§7.3: the embedded H(ek) is the hash of the embedded ek).
   *
   * @throws InvalidKeyException if the type byte is unknown, the length is wrong or the key
   *     fails its check
   */
  public static KemSecretKey parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null || serialized.length == 0) {
      throw new InvalidKeyException("KEM secret key is empty");
    }
    KemType type = KemType.fromTypeByte(serialized[0]);
    if (serialized.length != 1 + KemType.SECRET_KEY_LENGTH) {
      throw new InvalidKeyException(
          type + " secret key must be " + (1 + KemType.SECRET_KEY_LENGTH) + " bytes");
    }
    byte[] key = Arrays.copyOfRange(serialized, 1, serialized.length);
    try {
      return new KemSecretKey(type, MlKem1024.DecapsulationKey.parse(key));
    } catch (InvalidKeyException e) {
      throw new InvalidKeyException(type + " secret key is malformed", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The KEM this key belongs to. */
  public KemType type() {
    return type;
  }

  /**
   * Recovers the shared secret from {@code type ‖ ciphertext}. A tampered ciphertext of the
   * right length yields an unrelated secret (implicit rejection), caught later by the MAC.
   *
   * @throws InvalidMessageException if the type byte or the length is wrong
   * @throws IllegalStateException if this key was destroyed
   */
  public byte[] decapsulate(byte[] serializedCiphertext) throws InvalidMessageException {
    if (serializedCiphertext == null
        || serializedCiphertext.length != 1 + KemType.CIPHERTEXT_LENGTH) {
      throw new InvalidMessageException("KEM ciphertext has the wrong length");
    }
    if (serializedCiphertext[0] != type.typeByte()) {
      throw new InvalidMessageException("KEM ciphertext type does not match the prekey's");
    }
    return type.decapsulate(
        live(), Arrays.copyOfRange(serializedCiphertext, 1, serializedCiphertext.length));
  }

  /** {@code type ‖ key}. Secret. */
  public byte[] serialize() {
    byte[] k = live().encoded();
    byte[] out = new byte[1 + k.length];
    out[0] = type.typeByte();
    System.arraycopy(k, 0, out, 1, k.length);
    Arrays.fill(k, (byte) 0);
    return out;
  }

  /** The parsed key, for {@link KemKeyPair#of}. */
  MlKem1024.DecapsulationKey parsed() {
    return live();
  }

  private MlKem1024.DecapsulationKey live() {
    if (parsed.isDestroyed()) {
      throw new IllegalStateException("KEM secret key was destroyed");
    }
    return parsed;
  }

  /** Zeroes the key material; later use throws {@link IllegalStateException}. */
  @Override
  public void destroy() {
    parsed.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return parsed.isDestroyed();
  }

  @Override
  public String toString() {
    return "KemSecretKey[" + type + ", redacted]";
  }
}
