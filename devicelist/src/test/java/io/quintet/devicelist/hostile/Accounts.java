package io.quintet.devicelist.hostile;

import io.quintet.core.AccountId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.core.testing.RecordingProtocolStore;
import io.quintet.core.testing.StoreSnapshot;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListVerifier;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.MutableClock;
import io.quintet.devicelist.PrimaryDevices;
import io.quintet.devicelist.SignedDeviceList;
import java.time.Instant;

/**
 * Alice's account (her phone as primary) and Bob, who verifies her device lists on a watched
 * store: {@link #watch()} snapshots Bob's records of Alice, {@link #assertUntouched()} proves
 * a refused list committed no write and changed no byte.
 *
 * <pre>{@code
 * Accounts a = new Accounts();
 * a.bob.accept(a.devices.refresh());
 * a.watch();
 * assertThrows(DeviceListException.class, () -> a.bob.accept(older));
 * a.assertUntouched();
 * }</pre>
 */
final class Accounts {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  final AccountId alice = AccountId.of("alice");
  final IdentityKeyPair phone = IdentityKeyPair.generate();
  final PrimaryDevices devices = PrimaryDevices.create(phone, alice, LinkPolicy.DEFAULT, clock);
  final RecordingProtocolStore bobStore =
      new RecordingProtocolStore(InMemoryProtocolStore.create(IdentityKeyPair.generate(), 7));
  final DeviceListVerifier bob = new DeviceListVerifier(bobStore, LinkPolicy.DEFAULT, clock);
  private StoreSnapshot before;

  /** Links {@code companion} through the primary's approval and the companion's counter-signature. */
  DeviceIdentity link(IdentityKeyPair companion) throws Exception {
    DeviceIdentity signed =
        devices.approve(companion.identityKey()).counterSign(companion, phone.identityKey());
    devices.add(signed);
    return signed;
  }

  SignedDeviceList current() {
    return devices.current();
  }

  void watch() {
    before = StoreSnapshot.of(bobStore).accounts(alice)
        .addresses(io.quintet.core.DeviceAddress.of(alice, io.quintet.core.DeviceId.PRIMARY))
        .take();
    bobStore.reset();
  }

  void assertUntouched() {
    bobStore.assertNothingCommitted();
    before.assertUnchanged();
  }
}
