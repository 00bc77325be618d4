package io.quintet.core.internal.crypto;

import java.security.SecureRandom;

/** The one source of randomness: a shared {@link SecureRandom} (thread-safe). */
public final class Rng {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Rng() {}

  public static SecureRandom secureRandom() {
    return RANDOM;
  }

  public static byte[] bytes(int length) {
    byte[] out = new byte[length];
    RANDOM.nextBytes(out);
    return out;
  }
}
