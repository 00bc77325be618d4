package io.quintet.ratchet.internal;

import io.quintet.core.keys.Curve25519KeyPair;

/**
 * Where new base and ratchet keys come from: {@link #SECURE_RANDOM} in production; tests that
 * replay recorded conversations inject the recorded keys.
 */
@FunctionalInterface
public interface RatchetKeySource {
  RatchetKeySource SECURE_RANDOM = Curve25519KeyPair::generate;

  Curve25519KeyPair next();
}
