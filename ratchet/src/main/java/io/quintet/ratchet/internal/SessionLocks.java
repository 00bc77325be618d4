package io.quintet.ratchet.internal;

import io.quintet.core.DeviceAddress;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes operations on one session (one store, one peer device) without a global lock:
 * a fixed stripe of locks, chosen by the store's identity and the address. Two unrelated
 * sessions rarely share a stripe, and when they do they merely take turns.
 */
public final class SessionLocks {
  private static final int STRIPES = 1024;
  private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      LOCKS[i] = new ReentrantLock();
    }
  }

  private SessionLocks() {}

  public static ReentrantLock of(Object store, Object scope, DeviceAddress address) {
    int h = System.identityHashCode(store) * 31 + scope.hashCode();
    h = h * 31 + address.hashCode();
    h ^= h >>> 16;
    return LOCKS[(h & 0x7FFFFFFF) % STRIPES];
  }
}
