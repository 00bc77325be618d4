package io.quintet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class DeviceIdTest {

  @Test
  void rangeIsZeroToMax() {
    assertEquals(0, DeviceId.of(0).value());
    assertEquals(DeviceId.MAX, DeviceId.of(DeviceId.MAX).value());
    qt().forAll(
            integers()
                .between(Integer.MIN_VALUE, -1)
                .mix(integers().between(DeviceId.MAX + 1, Integer.MAX_VALUE)))
        .checkAssert(v -> assertThrows(IllegalArgumentException.class, () -> DeviceId.of(v)));
  }

  @Test
  void primaryIsZero() {
    assertSame(DeviceId.PRIMARY, DeviceId.of(0));
    assertTrue(DeviceId.PRIMARY.isPrimary());
    assertFalse(DeviceId.of(1).isPrimary());
    assertEquals("0", DeviceId.PRIMARY.toString());
  }

  @Test
  void equalityAndOrderFollowTheNumber() {
    qt().forAll(integers().between(0, DeviceId.MAX), integers().between(0, DeviceId.MAX))
        .checkAssert(
            (a, b) -> {
              DeviceId x = DeviceId.of(a);
              DeviceId y = DeviceId.of(b);
              assertEquals(a.equals(b), x.equals(y));
              assertEquals(Integer.signum(Integer.compare(a, b)), Integer.signum(x.compareTo(y)));
              assertEquals(x, DeviceId.of(a));
              assertEquals(x.hashCode(), DeviceId.of(a).hashCode());
              assertEquals(Integer.toString(a), x.toString());
            });
    assertNotEquals(DeviceId.of(1), 1);
  }
}
