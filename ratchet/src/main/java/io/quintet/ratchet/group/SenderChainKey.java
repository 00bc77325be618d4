package io.quintet.ratchet.group;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.HmacSha256;

/**
 * A sender chain key at one iteration. It only steps forward: {@link #next()} derives the
 * successor (HMAC(key, 0x02)), {@link #messageKey()} the key of this iteration's message
 * (seed HMAC(key, 0x01)); nothing leads back to an earlier key.
 */
final class SenderChainKey {
  static final int LENGTH = 32;
  /** The last iteration a 32-bit counter can name; its chain has no successor. */
  static final long LAST_ITERATION = 0xFFFF_FFFFL;

  private static final byte[] MESSAGE_KEY_SEED = {0x01};
  private static final byte[] CHAIN_KEY_SEED = {0x02};

  private final long iteration;
  private final byte[] key;

  private SenderChainKey(long iteration, byte[] key) {
    this.iteration = iteration;
    this.key = key;
  }

  /** A chain key from a distribution message or a record; {@code iteration} is unsigned. */
  static SenderChainKey of(int iteration, byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("sender chain key must be 32 bytes");
    }
    return new SenderChainKey(Integer.toUnsignedLong(iteration), key.clone());
  }

  /** 0 .. 2³²−1. */
  long iteration() {
    return iteration;
  }

  /** The successor: iteration + 1, HMAC(key, 0x02). */
  SenderChainKey next() throws InvalidMessageException {
    if (iteration == LAST_ITERATION) {
      throw new InvalidMessageException("sender chain is exhausted at iteration " + iteration);
    }
    return new SenderChainKey(iteration + 1, HmacSha256.mac(key, CHAIN_KEY_SEED));
  }

  /** The key for the message at this iteration. */
  SenderMessageKey messageKey() {
    return new SenderMessageKey((int) iteration, messageSeed());
  }

  /** HMAC(key, 0x01): what a stored skipped key keeps. */
  byte[] messageSeed() {
    return HmacSha256.mac(key, MESSAGE_KEY_SEED);
  }

  /** Overwrites the key; for intermediate keys nobody else holds. */
  void wipe() {
    java.util.Arrays.fill(key, (byte) 0);
  }

  /** The 32 key bytes, for a distribution message or a record. Secret. */
  byte[] keyBytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "SenderChainKey[iteration=" + iteration + "]";
  }
}
