package io.quintet.devicelist.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceIdentity;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceListRecord;
import org.junit.jupiter.api.Test;

/**
 * A device the verified list does not name: a genuine, primary-signed identity smuggled into the
 * record next to the signed body, or swapped for the one the body names, or a device (or key)
 * the list never vouched for. The record is refused or the device is not vouched for.
 */
class DeviceNotInListTest {
  private final Accounts a = new Accounts();

  @Test
  void aSmuggledIdentityIsRefused() throws Exception {
    DeviceIdentity laptop = a.link(IdentityKeyPair.generate());
    SignedDeviceList without = a.devices.remove(laptop.deviceId());
    a.bob.accept(a.devices.refresh());
    byte[] smuggled = SignedDeviceListRecord.parseFrom(a.devices.refresh().serialize()).toBuilder()
        .addIdentities(SignedDeviceIdentity.parseFrom(laptop.serialize())).build().toByteArray();
    a.watch();
    DeviceListException e = assertThrows(DeviceListException.class,
        () -> a.bob.accept(SignedDeviceList.parse(smuggled)));
    assertEquals(DeviceListException.Reason.IDENTITY_MISMATCH, e.reason());
    a.assertUntouched();
    assertTrue(without.entries().isEmpty());
  }

  @Test
  void anIdentitySwappedForTheNamedOneIsRefused() throws Exception {
    a.link(IdentityKeyPair.generate());
    IdentityKeyPair other = IdentityKeyPair.generate();
    DeviceIdentity notNamed = DeviceIdentity.approve(a.phone, a.alice, DeviceId.of(1), 1,
        a.clock.millis(), other.identityKey()).counterSign(other, a.phone.identityKey());
    byte[] swapped = SignedDeviceListRecord.parseFrom(a.current().serialize()).toBuilder()
        .setIdentities(0, SignedDeviceIdentity.parseFrom(notNamed.serialize())).build().toByteArray();
    a.watch();
    DeviceListException e = assertThrows(DeviceListException.class,
        () -> a.bob.accept(SignedDeviceList.parse(swapped)));
    assertEquals(DeviceListException.Reason.IDENTITY_MISMATCH, e.reason());
    a.assertUntouched();
  }

  @Test
  void devicesAndKeysTheListDoesNotNameAreNotVouchedFor() throws Exception {
    IdentityKeyPair laptop = IdentityKeyPair.generate();
    DeviceIdentity linked = a.link(laptop);
    VerifiedDeviceList v = a.bob.accept(a.current());
    assertTrue(v.vouchesFor(linked.deviceId(), laptop.identityKey(), a.clock.instant()));
    assertFalse(v.vouchesFor(DeviceId.of(2), laptop.identityKey(), a.clock.instant()));
    assertFalse(v.vouchesFor(linked.deviceId(), IdentityKeyPair.generate().identityKey(),
        a.clock.instant()));
    VerifiedDeviceList after = a.bob.accept(a.devices.remove(linked.deviceId()));
    assertFalse(after.vouchesFor(linked.deviceId(), laptop.identityKey(), a.clock.instant()));
    DeviceListException e = assertThrows(DeviceListException.class,
        () -> a.devices.remove(linked.deviceId()));
    assertEquals(DeviceListException.Reason.IDENTITY_MISMATCH, e.reason());
  }
}
