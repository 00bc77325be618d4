package io.quintet.ratchet.internal;

import io.quintet.core.internal.crypto.HmacSha256;

/**
 * A symmetric chain key at an index. It only moves forward: {@link #next()} is
 * HMAC(key, 0x02), and the message-key seed at this index is HMAC(key, 0x01).
 */
public final class ChainKey {
  private static final byte[] MESSAGE_KEY_SEED = {0x01};
  private static final byte[] CHAIN_KEY_SEED = {0x02};

  private final byte[] key;
  private final int index;

  public ChainKey(byte[] key, int index) {
    if (key.length != 32) {
      throw new IllegalArgumentException("chain key must be 32 bytes");
    }
    this.key = key.clone();
    this.index = index;
  }

  /** The index of the message this key would encrypt or decrypt next (unsigned). */
  public int index() {
    return index;
  }

  public ChainKey next() {
    return new ChainKey(HmacSha256.mac(key, CHAIN_KEY_SEED), index + 1);
  }

  /** The 32-byte seed of this index's message keys. */
  public byte[] messageKeySeed() {
    return HmacSha256.mac(key, MESSAGE_KEY_SEED);
  }

  public MessageKeys messageKeys() {
    return MessageKeys.fromSeed(messageKeySeed(), index);
  }

  public byte[] bytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "ChainKey[index=" + Integer.toUnsignedString(index) + ", redacted]";
  }
}
