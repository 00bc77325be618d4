package io.quintet.devicelist.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.SignedDeviceList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server that serves an older list, or another list under the accepted version. */
class RolledBackListTest {
  private final Accounts a = new Accounts();

  @Test
  void anOlderListIsARollback() throws Exception {
    a.link(IdentityKeyPair.generate());
    SignedDeviceList withLaptop = a.current();
    a.bob.accept(a.devices.remove(withLaptop.entries().get(0).deviceId)); // laptop removed
    a.watch();
    DeviceListException e = assertThrows(DeviceListException.class, () -> a.bob.accept(withLaptop));
    assertEquals(DeviceListException.Reason.ROLLBACK, e.reason());
    a.assertUntouched();
  }

  @Test
  void anotherListUnderTheAcceptedVersionIsARollbackAndTheSameOneIsNoWrite() throws Exception {
    SignedDeviceList accepted = a.devices.refresh();
    a.bob.accept(accepted);
    SignedDeviceList sameVersion = SignedDeviceList.sign(a.phone, a.alice, accepted.version(),
        a.clock.millis() + 1, List.of(), accepted.nextKeyIndex());
    a.watch();
    DeviceListException e = assertThrows(DeviceListException.class, () -> a.bob.accept(sameVersion));
    assertEquals(DeviceListException.Reason.ROLLBACK, e.reason());
    assertEquals(accepted.version(), a.bob.accept(SignedDeviceList.parse(accepted.serialize())).version());
    a.assertUntouched();
  }
}
