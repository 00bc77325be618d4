package io.quintet.core.internal.crypto;

import io.quintet.core.InvalidMessageException;
import java.security.GeneralSecurityException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC with PKCS#7 padding, as the Signal protocol uses it: always inside
 * encrypt-then-MAC, so a padding failure is only ever reached after the MAC verified.
 */
public final class AesCbc {
  public static final int KEY_LENGTH = 32;
  public static final int IV_LENGTH = 16;

  private static final ThreadLocal<Cipher> CIPHER =
      ThreadLocal.withInitial(() -> JcaCiphers.get("AES/CBC/PKCS5Padding"));

  private AesCbc() {}

  public static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
    checkSizes(key, iv);
    try {
      Cipher c = CIPHER.get();
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC encryption failed", e);
    }
  }

  /** Decrypts; a ciphertext that is not whole blocks or has bad padding is rejected. */
  public static byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext, int offset, int length)
      throws InvalidMessageException {
    checkSizes(key, iv);
    if (length == 0 || length % IV_LENGTH != 0) {
      throw new InvalidMessageException("ciphertext is not a whole number of AES blocks");
    }
    try {
      Cipher c = CIPHER.get();
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return c.doFinal(ciphertext, offset, length);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new InvalidMessageException("ciphertext has invalid padding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC decryption failed", e);
    }
  }

  private static void checkSizes(byte[] key, byte[] iv) {
    if (key.length != KEY_LENGTH || iv.length != IV_LENGTH) {
      throw new IllegalArgumentException("AES-256-CBC needs a 32-byte key and a 16-byte IV");
    }
  }
}
