package io.quintet.core.internal.crypto;

import java.util.Arrays;

/** HKDF-SHA256 (RFC 5869) composed from {@link HmacSha256}. */
public final class Hkdf {
  /** RFC 5869 allows at most 255 blocks of output. */
  public static final int MAX_OUTPUT = 255 * HmacSha256.LENGTH;

  private static final byte[] ZERO_SALT = new byte[HmacSha256.LENGTH];
  private static final byte[][] COUNTERS = counters();

  private Hkdf() {}

  /**
   * HKDF-Extract then Expand.
   *
   * @param salt the salt; {@code null} or empty means 32 zero bytes, as RFC 5869 says
   * @throws IllegalArgumentException if {@code length} is not 1..{@link #MAX_OUTPUT}
   */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    byte[] prk = extract(salt, ikm);
    try {
      return expand(prk, info, length);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  public static byte[] extract(byte[] salt, byte[] ikm) {
    return HmacSha256.mac(salt == null || salt.length == 0 ? ZERO_SALT : salt, ikm);
  }

  public static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 1 || length > MAX_OUTPUT) {
      throw new IllegalArgumentException("HKDF output length must be 1.." + MAX_OUTPUT);
    }
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int done = 0;
    for (int counter = 1; done < length; counter++) {
      // T(i) = HMAC(PRK, T(i-1) || info || i), on HmacSha256's one-shot path (no Mac re-keying).
      byte[] next = HmacSha256.mac(prk, block, info, COUNTERS[counter]);
      Arrays.fill(block, (byte) 0);
      block = next;
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    Arrays.fill(block, (byte) 0);
    return out;
  }

  /** The one-byte block counters 0..255 of RFC 5869 (index 0 unused). */
  private static byte[][] counters() {
    byte[][] c = new byte[256][];
    for (int i = 0; i < c.length; i++) {
      c[i] = new byte[] {(byte) i};
    }
    return c;
  }
}
