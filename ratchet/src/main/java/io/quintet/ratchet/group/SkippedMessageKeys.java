package io.quintet.ratchet.group;

import io.quintet.core.Limits;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The message keys a receiver skipped over, waiting for late messages: at most {@link
 * Limits#MAX_MESSAGE_KEYS}, in ascending iteration order, oldest evicted first.
 *
 * <p>The <em>floor</em> makes replays recognisable: every iteration from the floor up to
 * the chain's current one is either stored here or was already delivered (keys leave only by
 * use). Below the floor lie iterations before the distribution message and evicted keys, of
 * which nothing is known.
 */
final class SkippedMessageKeys {
  /** Iteration (unsigned, as long) → 32-byte seed, in insertion = ascending order. */
  private final LinkedHashMap<Long, byte[]> seeds = new LinkedHashMap<>();
  private long floor;
  /** The highest iteration ever added: adds come from a chain that only moves forward. */
  private long highest = -1;

  SkippedMessageKeys(long floor) {
    this.floor = floor;
  }

  long floor() {
    return floor;
  }

  int size() {
    return seeds.size();
  }

  /** Removes and returns the key of {@code iteration}, or null if none is stored. */
  SenderMessageKey take(long iteration) {
    byte[] seed = seeds.remove(iteration);
    return seed == null ? null : new SenderMessageKey((int) iteration, seed);
  }

  /** Stores the seed of a skipped iteration above every stored one; evicts the oldest if full. */
  void add(long iteration, byte[] seed) {
    if (iteration < floor || iteration <= highest) {
      throw new IllegalArgumentException("skipped keys are added in ascending order");
    }
    highest = iteration;
    seeds.put(iteration, seed);
    if (seeds.size() > Limits.MAX_MESSAGE_KEYS) {
      Iterator<Map.Entry<Long, byte[]>> oldest = seeds.entrySet().iterator();
      Map.Entry<Long, byte[]> evicted = oldest.next();
      floor = evicted.getKey() + 1;
      Arrays.fill(evicted.getValue(), (byte) 0);
      oldest.remove();
    }
  }

  /** Gives up on every iteration below {@code newFloor} (used when a jump skips past them). */
  void raiseFloor(long newFloor) {
    if (newFloor <= floor) {
      return;
    }
    floor = newFloor;
    seeds.entrySet().removeIf(e -> {
      if (e.getKey() >= newFloor) {
        return false;
      }
      Arrays.fill(e.getValue(), (byte) 0);
      return true;
    });
  }

  void forEach(BiConsumer<Long, byte[]> action) {
    seeds.forEach(action);
  }
}
