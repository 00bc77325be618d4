package io.quintet.core.internal.crypto;

import io.quintet.core.InvalidMessageException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag: the only parameters Quintet uses. Other
 * nonce sizes are refused up front rather than passed through to GHASH-derived nonces.
 */
public final class AesGcm {
  public static final int KEY_LENGTH = 32;
  public static final int NONCE_LENGTH = 12;
  public static final int TAG_LENGTH = 16;

  private AesGcm() {}

  /** Returns ciphertext ‖ tag. A (key, nonce) pair must never be used twice. */
  public static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
    checkSizes(key, nonce);
    try {
      Cipher c = JcaCiphers.get("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), spec(nonce));
      if (aad != null) {
        c.updateAAD(aad);
      }
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** Decrypts ciphertext ‖ tag, failing if the tag does not verify. */
  public static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad)
      throws InvalidMessageException {
    checkSizes(key, nonce);
    if (ciphertextAndTag.length < TAG_LENGTH) {
      throw new InvalidMessageException("AES-GCM ciphertext is shorter than its tag");
    }
    try {
      Cipher c = JcaCiphers.get("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), spec(nonce));
      if (aad != null) {
        c.updateAAD(aad);
      }
      return c.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new InvalidMessageException("AES-GCM tag does not verify");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private static GCMParameterSpec spec(byte[] nonce) {
    return new GCMParameterSpec(TAG_LENGTH * 8, nonce);
  }

  private static void checkSizes(byte[] key, byte[] nonce) {
    if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key and a 12-byte nonce");
    }
  }
}
