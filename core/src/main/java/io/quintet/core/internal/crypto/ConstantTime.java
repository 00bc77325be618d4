package io.quintet.core.internal.crypto;

import java.security.MessageDigest;

/** Comparisons of secret-dependent values that take time independent of where they differ. */
public final class ConstantTime {
  private ConstantTime() {}

  /** True when both arrays have the same length and contents; time depends only on length. */
  public static boolean equals(byte[] a, byte[] b) {
    // MessageDigest.isEqual says two nulls are equal; a missing MAC must never match.
    return a != null && b != null && MessageDigest.isEqual(a, b);
  }

  /** True when every byte is zero, in time that depends only on the length. */
  public static boolean isZero(byte[] a) {
    int acc = 0;
    for (byte b : a) {
      acc |= b;
    }
    return acc == 0;
  }
}
