package io.quintet.store.sqlite;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** An epoch anchor in memory that counts its writes: the keystore of the tests. */
final class CountingAnchor implements EpochAnchor {
  final AtomicLong value = new AtomicLong();
  final AtomicInteger writes = new AtomicInteger();

  @Override
  public long read() {
    return value.get();
  }

  @Override
  public void advance(long epoch) {
    writes.incrementAndGet();
    value.accumulateAndGet(epoch, Math::max);
  }
}
