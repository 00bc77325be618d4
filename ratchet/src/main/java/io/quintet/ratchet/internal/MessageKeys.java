package io.quintet.ratchet.internal;

import io.quintet.core.internal.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys of one message: HKDF(seed, no salt, "WhisperMessageKeys", 80) = AES-256 key 32 ‖
 * MAC key 32 ‖ IV 16. Used for exactly one message.
 */
public final class MessageKeys {
  private static final byte[] INFO = "WhisperMessageKeys".getBytes(StandardCharsets.US_ASCII);

  private final byte[] cipherKey;
  private final byte[] macKey;
  private final byte[] iv;
  private final int counter;

  private MessageKeys(byte[] cipherKey, byte[] macKey, byte[] iv, int counter) {
    this.cipherKey = cipherKey;
    this.macKey = macKey;
    this.iv = iv;
    this.counter = counter;
  }

  public static MessageKeys fromSeed(byte[] seed, int counter) {
    byte[] okm = Hkdf.derive(seed, null, INFO, 80);
    MessageKeys keys =
        new MessageKeys(
            Arrays.copyOfRange(okm, 0, 32),
            Arrays.copyOfRange(okm, 32, 64),
            Arrays.copyOfRange(okm, 64, 80),
            counter);
    Arrays.fill(okm, (byte) 0);
    return keys;
  }

  public byte[] cipherKey() {
    return cipherKey;
  }

  public byte[] macKey() {
    return macKey;
  }

  public byte[] iv() {
    return iv;
  }

  public int counter() {
    return counter;
  }

  /** Zeroes the keys once the message is done. */
  public void wipe() {
    Arrays.fill(cipherKey, (byte) 0);
    Arrays.fill(macKey, (byte) 0);
    Arrays.fill(iv, (byte) 0);
  }

  @Override
  public String toString() {
    return "MessageKeys[counter=" + Integer.toUnsignedString(counter) + ", redacted]";
  }
}
