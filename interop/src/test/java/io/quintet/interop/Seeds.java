package io.quintet.interop;

import java.security.SecureRandom;

/**
 * Schedule seeds: {@code -Dinterop.seed=N} replays a failure (every assertion message names
 * its seed); otherwise each run draws a fresh one, so repeated runs cover more schedules.
 */
final class Seeds {
  private Seeds() {}

  static long next() {
    Long fixed = Long.getLong("interop.seed");
    return fixed != null ? fixed : new SecureRandom().nextLong();
  }
}
