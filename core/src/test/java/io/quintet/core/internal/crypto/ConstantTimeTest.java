package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ConstantTimeTest {
  private static final Gen<byte[]> SMALL_ARRAYS =
      Generate.byteArrays(
          integers().between(0, 6), integers().between(0, 2).map(Integer::byteValue));

  @Test
  void equalArrays() {
    assertTrue(ConstantTime.equals(new byte[0], new byte[0]));
    assertTrue(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}));
    byte[] a = {(byte) 0x80, 0x7f};
    assertTrue(ConstantTime.equals(a, a.clone()));
  }

  @Test
  void aDifferenceAtAnyPositionIsFound() {
    byte[] a = new byte[32];
    for (int i = 0; i < a.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] b = a.clone();
        b[i] ^= (byte) (1 << bit);
        assertFalse(ConstantTime.equals(a, b), "byte " + i + " bit " + bit);
      }
    }
  }

  @Test
  void differentLengthsAreUnequal() {
    assertFalse(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2, 0}));
    assertFalse(ConstantTime.equals(new byte[0], new byte[] {0}));
    assertFalse(ConstantTime.equals(new byte[8], new byte[0]));
    // A prefix of a truncated MAC must not pass as the whole MAC.
    assertFalse(ConstantTime.equals(new byte[] {5, 6, 7}, new byte[] {5, 6}));
  }

  @Test
  void nullIsNeverEqualToAnArray() {
    assertFalse(ConstantTime.equals(null, new byte[0]));
    assertFalse(ConstantTime.equals(new byte[0], null));
  }

  /** Small lengths and a 3-value alphabet make equal and nearly-equal pairs common. */
  @Test
  void agreesWithArraysEquals() {
    qt().forAll(SMALL_ARRAYS, SMALL_ARRAYS)
        .checkAssert((a, b) -> assertEquals(Arrays.equals(a, b), ConstantTime.equals(a, b)));
  }

  @Test
  void isZero() {
    assertTrue(ConstantTime.isZero(new byte[0]));
    assertTrue(ConstantTime.isZero(new byte[32]));
    for (int i = 0; i < 32; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] b = new byte[32];
        b[i] = (byte) (1 << bit);
        assertFalse(ConstantTime.isZero(b), "byte " + i + " bit " + bit);
      }
    }
    assertFalse(ConstantTime.isZero(new byte[] {(byte) 0xff}));
  }
}
