package io.quintet.ratchet.internal;

import io.quintet.core.keys.Curve25519PublicKey;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One receiving chain: the peer's ratchet key, the next chain key, and the seeds of skipped
 * messages (oldest first), bounded. {@link #evictedBelow()} remembers that keys under it may
 * have been dropped, which is how a duplicate is told apart from a message that is too old.
 */
public final class ReceiverChain {
  private final Curve25519PublicKey ratchetKey;
  private ChainKey chainKey;
  private final LinkedHashMap<Integer, byte[]> skipped;
  private int evictedBelow;

  public ReceiverChain(Curve25519PublicKey ratchetKey, ChainKey chainKey) {
    this(ratchetKey, chainKey, new LinkedHashMap<>(), 0);
  }

  ReceiverChain(
      Curve25519PublicKey ratchetKey,
      ChainKey chainKey,
      LinkedHashMap<Integer, byte[]> skipped,
      int evictedBelow) {
    this.ratchetKey = ratchetKey;
    this.chainKey = chainKey;
    this.skipped = skipped;
    this.evictedBelow = evictedBelow;
  }

  ReceiverChain copy() {
    return new ReceiverChain(ratchetKey, chainKey, new LinkedHashMap<>(skipped), evictedBelow);
  }

  public Curve25519PublicKey ratchetKey() {
    return ratchetKey;
  }

  public ChainKey chainKey() {
    return chainKey;
  }

  public void setChainKey(ChainKey chainKey) {
    this.chainKey = chainKey;
  }

  /** Stores the seed of a skipped message, dropping the oldest beyond {@code max}. */
  public void addSkipped(int index, byte[] seed, int max) {
    skipped.put(index, seed);
    Iterator<Map.Entry<Integer, byte[]>> oldest = skipped.entrySet().iterator();
    while (skipped.size() > max) {
      int dropped = oldest.next().getKey();
      oldest.remove();
      if (Integer.compareUnsigned(dropped + 1, evictedBelow) > 0) {
        evictedBelow = dropped + 1;
      }
    }
  }

  /** Removes and returns the seed for {@code index}, or null. */
  public byte[] takeSkipped(int index) {
    return skipped.remove(index);
  }

  public int skippedCount() {
    return skipped.size();
  }

  Map<Integer, byte[]> skipped() {
    return skipped;
  }

  public int evictedBelow() {
    return evictedBelow;
  }
}
