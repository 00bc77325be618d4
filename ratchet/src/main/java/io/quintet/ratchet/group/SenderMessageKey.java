package io.quintet.ratchet.group;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.AesCbc;
import io.quintet.core.internal.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key of one group message: HKDF-SHA256(seed, no salt, info "WhisperGroup", 48 bytes)
 * gives IV (16) ‖ AES-256 key (32) for AES-256-CBC. It is used once: encrypting or
 * decrypting wipes it, and a second use is a programming error.
 */
final class SenderMessageKey {
  private static final byte[] INFO = "WhisperGroup".getBytes(StandardCharsets.US_ASCII);
  private static final int DERIVED_LENGTH = AesCbc.IV_LENGTH + AesCbc.KEY_LENGTH;

  private final int iteration;
  private final byte[] seed;
  private boolean used;

  SenderMessageKey(int iteration, byte[] seed) {
    this.iteration = iteration;
    this.seed = seed;
  }

  /** The iteration this key belongs to (unsigned). */
  int iteration() {
    return iteration;
  }

  byte[] encrypt(byte[] plaintext) {
    byte[] derived = consume();
    byte[] iv = iv(derived);
    byte[] key = key(derived);
    try {
      return AesCbc.encrypt(key, iv, plaintext);
    } finally {
      wipe(derived, iv, key);
    }
  }

  /** @throws InvalidMessageException if the ciphertext is not whole blocks or badly padded */
  byte[] decrypt(byte[] ciphertext) throws InvalidMessageException {
    byte[] derived = consume();
    byte[] iv = iv(derived);
    byte[] key = key(derived);
    try {
      return AesCbc.decrypt(key, iv, ciphertext, 0, ciphertext.length);
    } finally {
      wipe(derived, iv, key);
    }
  }

  private static void wipe(byte[]... secrets) {
    for (byte[] s : secrets) {
      Arrays.fill(s, (byte) 0);
    }
  }

  private byte[] consume() {
    if (used) {
      throw new IllegalStateException("a sender message key is used once");
    }
    used = true;
    byte[] derived = Hkdf.derive(seed, null, INFO, DERIVED_LENGTH);
    Arrays.fill(seed, (byte) 0);
    return derived;
  }

  private static byte[] iv(byte[] derived) {
    return Arrays.copyOfRange(derived, 0, AesCbc.IV_LENGTH);
  }

  private static byte[] key(byte[] derived) {
    return Arrays.copyOfRange(derived, AesCbc.IV_LENGTH, DERIVED_LENGTH);
  }

  @Override
  public String toString() {
    return "SenderMessageKey[iteration=" + Integer.toUnsignedString(iteration)
        + (used ? ", used" : "") + "]";
  }
}
