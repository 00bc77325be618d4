package io.quintet.ratchet.group;

import io.quintet.core.DeviceAddress;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes operations on one (sender, distribution id): a fixed set of lock stripes, so
 * two operations on the same sender key never interleave (which could reuse a message key),
 * while operations on different keys run in parallel unless they happen to share a stripe.
 * Shared by every {@link GroupCipher} and {@link GroupSessionBuilder} in the JVM, so two
 * instances over one store are serialized too.
 */
final class SenderKeyLocks {
  static final int STRIPES = 1024; // a power of two

  private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      LOCKS[i] = new ReentrantLock();
    }
  }

  private SenderKeyLocks() {}

  static ReentrantLock lockFor(DeviceAddress sender, UUID distributionId) {
    return LOCKS[stripe(sender, distributionId)];
  }

  static int stripe(DeviceAddress sender, UUID distributionId) {
    int h = sender.hashCode() * 31 + distributionId.hashCode();
    h ^= h >>> 16; // spread high bits into the index
    return h & (STRIPES - 1);
  }
}
