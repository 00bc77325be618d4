package io.quintet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class DeviceAddressTest {
  /** Few accounts and devices, so equal accounts with different devices are common. */
  private static final Gen<DeviceAddress> ADDRESSES =
      strings()
          .betweenCodePoints('a', 'c')
          .ofLengthBetween(1, 2)
          .zip(
              integers().between(0, 3),
              (a, d) -> DeviceAddress.of(AccountId.of(a), DeviceId.of(d)));

  @Test
  void componentsAndText() {
    DeviceAddress a = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(2));
    assertEquals(AccountId.of("bob"), a.account());
    assertEquals(DeviceId.of(2), a.device());
    assertEquals("bob.2", a.toString());
    assertThrows(NullPointerException.class, () -> DeviceAddress.of(null, DeviceId.PRIMARY));
    assertThrows(NullPointerException.class, () -> DeviceAddress.of(AccountId.of("a"), null));
  }

  @Test
  void equalityNeedsBothParts() {
    DeviceAddress a = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(2));
    assertEquals(a, DeviceAddress.of(AccountId.of("bob"), DeviceId.of(2)));
    assertEquals(a.hashCode(), DeviceAddress.of(AccountId.of("bob"), DeviceId.of(2)).hashCode());
    assertNotEquals(a, DeviceAddress.of(AccountId.of("bob"), DeviceId.of(3)));
    assertNotEquals(a, DeviceAddress.of(AccountId.of("bob2"), DeviceId.of(2)));
    assertNotEquals(a, "bob.2");
  }

  @Test
  void orderIsAccountThenDevice() {
    qt().forAll(ADDRESSES, ADDRESSES)
        .checkAssert(
            (x, y) -> {
              int byAccount = x.account().compareTo(y.account());
              int expected = byAccount != 0 ? byAccount : x.device().compareTo(y.device());
              assertEquals(Integer.signum(expected), Integer.signum(x.compareTo(y)));
              assertEquals(-Integer.signum(x.compareTo(y)), Integer.signum(y.compareTo(x)));
              assertEquals(x.compareTo(y) == 0, x.equals(y));
              if (x.equals(y)) {
                assertEquals(x.hashCode(), y.hashCode());
              }
            });
  }

  @Test
  void sortingGroupsDevicesUnderTheirAccount() {
    List<DeviceAddress> list = new ArrayList<>();
    for (String acct : new String[] {"carol", "alice", "bob"}) {
      for (int d : new int[] {3, 0, 1}) {
        list.add(DeviceAddress.of(AccountId.of(acct), DeviceId.of(d)));
      }
    }
    Collections.sort(list);
    assertEquals(
        "[alice.0, alice.1, alice.3, bob.0, bob.1, bob.3, carol.0, carol.1, carol.3]",
        list.toString());
  }
}
