package io.quintet.devicelist.internal.pake;

import java.util.function.UnaryOperator;

/**
 * Runs one exchange between A and B through a relay that may rewrite each message, and records what
 * each party ended with: a key or the typed failure. A party whose peer failed before sending its
 * MAC is handed {@code null}, as if the message never came.
 */
final class Exchange {
  byte[] keyA;
  byte[] keyB;
  PakeException failureA;
  PakeException failureB;

  /** Messages from A to B go through {@code toB}, from B to A through {@code toA}. */
  static Exchange run(Spake2 a, Spake2 b, UnaryOperator<byte[]> toB, UnaryOperator<byte[]> toA) {
    Exchange e = new Exchange();
    byte[] pA = a.start();
    byte[] pB = b.start();
    byte[] cB = null;
    byte[] cA = null;
    try {
      cB = b.finish(toB.apply(pA));
    } catch (PakeException x) {
      e.failureB = x;
    }
    try {
      cA = a.finish(toA.apply(pB));
    } catch (PakeException x) {
      e.failureA = x;
    }
    if (e.failureA == null) {
      try {
        e.keyA = a.verifyConfirmation(cB == null ? null : toA.apply(cB));
      } catch (PakeException x) {
        e.failureA = x;
      }
    }
    if (e.failureB == null) {
      try {
        e.keyB = b.verifyConfirmation(cA == null ? null : toB.apply(cA));
      } catch (PakeException x) {
        e.failureB = x;
      }
    }
    return e;
  }

  static Exchange honest(Spake2 a, Spake2 b) {
    return run(a, b, UnaryOperator.identity(), UnaryOperator.identity());
  }
}
