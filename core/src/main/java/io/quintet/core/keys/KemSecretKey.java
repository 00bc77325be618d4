package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
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
  private final byte[] key;
  private volatile boolean destroyed;

  KemSecretKey(KemType type, byte[] key) {
    this.type = type;
    this.key = key;
  }

  public static KemSecretKey parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null || serialized.length == 0) {
      throw new InvalidKeyException("KEM secret key is empty");
    }
    KemType type = KemType.fromTypeByte(serialized[0]);
    if (serialized.length != 1 + KemType.SECRET_KEY_LENGTH) {
      throw new InvalidKeyException(
          type + " secret key must be " + (1 + KemType.SECRET_KEY_LENGTH) + " bytes");
    }
    return new KemSecretKey(type, Arrays.copyOfRange(serialized, 1, serialized.length));
  }

  public KemType type() {
    return type;
  }

  /**
   * Recovers the shared secret from {@code type ‖ ciphertext}. A tampered ciphertext of the
   * right length yields an unrelated secret (implicit rejection), caught later by the MAC.
   *
   * @throws InvalidMessageException if the type byte or the length is wrong
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
    byte[] k = live();
    byte[] out = new byte[1 + k.length];
    out[0] = type.typeByte();
    System.arraycopy(k, 0, out, 1, k.length);
    return out;
  }

  private byte[] live() {
    if (destroyed) {
      throw new IllegalStateException("KEM secret key was destroyed");
    }
    return key;
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "KemSecretKey[" + type + ", redacted]";
  }
}
