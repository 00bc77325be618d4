package io.quintet.devicelist.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list the primary signed longer ago than the policy's expiry (14 days). By design it is not
 * an exception — it may still be the newest list there is — but it vouches for no companion,
 * and it cannot displace a newer list.
 */
class ExpiredListTest {
  private final Accounts a = new Accounts();

  @Test
  void anExpiredListVouchesOnlyForThePrimary() throws Exception {
    IdentityKeyPair laptop = IdentityKeyPair.generate();
    DeviceIdentity linked = a.link(laptop);
    SignedDeviceList signed = a.current();
    a.clock.advance(Duration.ofDays(15));
    VerifiedDeviceList v = a.bob.accept(signed);
    assertEquals(VerifiedDeviceList.Status.EXPIRED, v.status(a.clock.instant()));
    assertEquals(List.of(DeviceAddress.of(a.alice, DeviceId.PRIMARY)), v.validDevices(a.clock.instant()));
    assertFalse(v.vouchesFor(linked.deviceId(), laptop.identityKey(), a.clock.instant()));
    assertTrue(a.bob.current(a.alice).orElseThrow().identityOf(linked.deviceId(), a.clock.instant())
        .isEmpty());
    VerifiedDeviceList renewed = a.bob.accept(a.devices.refresh());
    assertTrue(renewed.vouchesFor(linked.deviceId(), laptop.identityKey(), a.clock.instant()));
  }

  @Test
  void anExpiredListCannotDisplaceANewerOne() throws Exception {
    a.link(IdentityKeyPair.generate());
    SignedDeviceList old = a.current();
    a.clock.advance(Duration.ofDays(15));
    a.bob.accept(a.devices.refresh());
    a.watch();
    DeviceListException e = assertThrows(DeviceListException.class, () -> a.bob.accept(old));
    assertEquals(DeviceListException.Reason.ROLLBACK, e.reason());
    a.assertUntouched();
  }
}
