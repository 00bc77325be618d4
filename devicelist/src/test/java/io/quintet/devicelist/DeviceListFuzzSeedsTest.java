package io.quintet.devicelist;

import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.testing.FuzzSeedsContract;
import java.util.List;
import java.util.Map;

/** Seeds for {@link DeviceListFuzzTest}: a list with one companion, and that identity. */
class DeviceListFuzzSeedsTest extends FuzzSeedsContract {
  @Override
  protected List<Seeds> seeds() {
    Class<?> t = DeviceListFuzzTest.class;
    return List.of(
        new Seeds(t, "deviceIdentity", () -> Map.of("companion", linked().identities().get(0).serialize()),
            DeviceIdentity::parse),
        new Seeds(t, "signedDeviceList", () -> Map.of("one-companion", linked().serialize()),
            SignedDeviceList::parse));
  }

  /** Another account's list (the fixture's own is made fresh on every run). */
  private static SignedDeviceList linked() {
    try {
      IdentityKeyPair phone = IdentityKeyPair.generate();
      IdentityKeyPair laptop = IdentityKeyPair.generate();
      PrimaryDevices devices = PrimaryDevices.create(phone, io.quintet.core.AccountId.of("carol"),
          LinkPolicy.DEFAULT, new MutableClock(DeviceListFuzzTest.NOW));
      return devices.add(devices.approve(laptop.identityKey()).counterSign(laptop, phone.identityKey()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
