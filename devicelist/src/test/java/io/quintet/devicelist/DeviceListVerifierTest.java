package io.quintet.devicelist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.DeviceListException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a sender believes about another account's devices, and what it refuses. */
class DeviceListVerifierTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final AccountId alice = AccountId.of("alice");
  private final IdentityKeyPair phone = IdentityKeyPair.generate();
  private final PrimaryDevices devices = PrimaryDevices.create(phone, alice, LinkPolicy.DEFAULT, clock);
  private final InMemoryProtocolStore bobStore = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 7);
  private final DeviceListVerifier bob = new DeviceListVerifier(bobStore, LinkPolicy.DEFAULT, clock);

  private SignedDeviceList link(IdentityKeyPair companion) throws Exception {
    DeviceIdentity approval = devices.approve(companion.identityKey());
    return devices.add(approval.counterSign(companion, phone.identityKey()));
  }

  private void assertNothingStored(Optional<Long> version, Optional<byte[]> record) {
    assertEquals(version, bobStore.deviceListVersion(alice));
    assertEquals(record.isPresent(), bobStore.loadDeviceList(alice).isPresent());
    record.ifPresent(r -> assertArrayEquals(r, bobStore.loadDeviceList(alice).orElseThrow()));
  }

  @Test
  void aLinkedCompanionIsVouchedForAndARemovedOneIsNot() throws Exception {
    IdentityKeyPair laptop = IdentityKeyPair.generate();
    VerifiedDeviceList v = bob.accept(SignedDeviceList.parse(link(laptop).serialize()));
    Instant now = clock.instant();
    assertEquals(List.of(DeviceAddress.of(alice, DeviceId.PRIMARY), DeviceAddress.of(alice, DeviceId.of(1))),
        v.validDevices(now));
    assertTrue(v.vouchesFor(DeviceId.of(1), laptop.identityKey(), now));
    VerifiedDeviceList after = bob.accept(devices.remove(DeviceId.of(1)));
    assertEquals(List.of(DeviceAddress.of(alice, DeviceId.PRIMARY)), after.validDevices(now));
    assertTrue(!after.vouchesFor(DeviceId.of(1), laptop.identityKey(), now));
    assertEquals(after.version(), bob.current(alice).orElseThrow().version());
  }

  @Test
  void fiveCompanionsAreRefusedByThePrimaryAndByEveryVerifier() throws Exception {
    List<DeviceIdentity> five = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      link(IdentityKeyPair.generate());
    }
    assertThrows(DeviceListException.class, () -> devices.approve(IdentityKeyPair.generate().identityKey()));
    five.addAll(devices.current().identities());
    IdentityKeyPair fifth = IdentityKeyPair.generate();
    five.add(DeviceIdentity.approve(phone, alice, DeviceId.of(5), 5, clock.millis(), fifth.identityKey())
        .counterSign(fifth, phone.identityKey()));
    SignedDeviceList overfull = SignedDeviceList.sign(phone, alice, 99, clock.millis(), five, 6);
    DeviceListException e = assertThrows(DeviceListException.class, () -> bob.accept(overfull));
    assertEquals(Reason.TOO_MANY_COMPANIONS, e.reason());
    assertNothingStored(Optional.empty(), Optional.empty());
  }

  @Test
  void anOlderListIsRefusedAndTheSameOneAgainChangesNothing() throws Exception {
    SignedDeviceList v2 = link(IdentityKeyPair.generate());
    SignedDeviceList v3 = devices.refresh();
    bob.accept(v3);
    byte[] stored = bobStore.loadDeviceList(alice).orElseThrow();
    DeviceListException e = assertThrows(DeviceListException.class, () -> bob.accept(v2));
    assertEquals(Reason.ROLLBACK, e.reason());
    assertEquals(v3.version(), bob.accept(SignedDeviceList.parse(v3.serialize())).version());
    assertNothingStored(Optional.of(v3.version()), Optional.of(stored));
    // A different list claiming the same version is a conflict, not a refresh.
    SignedDeviceList sameVersion = SignedDeviceList.sign(phone, alice, v3.version(), clock.millis() + 1,
        List.of(), v3.nextKeyIndex());
    assertEquals(Reason.ROLLBACK, assertThrows(DeviceListException.class, () -> bob.accept(sameVersion)).reason());
  }

  @Test
  void aDeviceSignedForAnotherAccountOrByAnotherPrimaryIsRefused() throws Exception {
    IdentityKeyPair carolsPhone = IdentityKeyPair.generate();
    IdentityKeyPair stolen = IdentityKeyPair.generate();
    DeviceIdentity carols = DeviceIdentity.approve(carolsPhone, AccountId.of("carol"), DeviceId.of(1), 1,
        clock.millis(), stolen.identityKey()).counterSign(stolen, carolsPhone.identityKey());
    SignedDeviceList foreign = SignedDeviceList.sign(phone, alice, 5, clock.millis(), List.of(carols), 2);
    assertEquals(Reason.FOREIGN_DEVICE, assertThrows(DeviceListException.class, () -> bob.accept(foreign)).reason());
    DeviceIdentity signedByCarol = DeviceIdentity.approve(carolsPhone, alice, DeviceId.of(1), 1,
        clock.millis(), stolen.identityKey()).counterSign(stolen, carolsPhone.identityKey());
    SignedDeviceList wrongSigner = SignedDeviceList.sign(phone, alice, 5, clock.millis(), List.of(signedByCarol), 2);
    assertEquals(Reason.BAD_SIGNATURE, assertThrows(DeviceListException.class, () -> bob.accept(wrongSigner)).reason());
    assertNothingStored(Optional.empty(), Optional.empty());
  }

  @Test
  void aListSignedByAnotherPrimaryKeyIsAnIdentityChange() throws Exception {
    bob.accept(devices.current());
    IdentityKeyPair impostor = IdentityKeyPair.generate();
    SignedDeviceList forged = SignedDeviceList.sign(impostor, alice, 50, clock.millis(), List.of(), 1);
    UntrustedIdentityException e = assertThrows(UntrustedIdentityException.class, () -> bob.accept(forged));
    assertEquals(UntrustedIdentityException.Reason.IDENTITY_CHANGED, e.reason());
    assertEquals(1L, bobStore.deviceListVersion(alice).orElseThrow());
  }

  @Test
  void aTamperedListOrAFutureOneIsRefused() throws Exception {
    byte[] bytes = link(IdentityKeyPair.generate()).serialize();
    int refused = 0;
    for (int i = 0; i < bytes.length; i++) {
      byte[] bad = bytes.clone();
      bad[i] ^= 0x01;
      try {
        bob.accept(SignedDeviceList.parse(bad));
      } catch (io.quintet.core.InvalidMessageException | DeviceListException | UntrustedIdentityException e) {
        refused++;
      }
    }
    // Every byte is covered by a signature, a signed identity or the framing that carries
    // them, so every single-bit change must be refused.
    assertEquals(bytes.length, refused);
    assertNothingStored(Optional.empty(), Optional.empty());
    MutableClock behind = new MutableClock(clock.instant().minus(Duration.ofHours(1)));
    DeviceListException e = assertThrows(DeviceListException.class,
        () -> new DeviceListVerifier(bobStore, LinkPolicy.DEFAULT, behind).accept(devices.refresh()));
    assertEquals(Reason.FROM_THE_FUTURE, e.reason());
  }

  @Test
  void companionsExpireWhenThePrimaryStaysSilentAndComeBackWhenItReSigns() throws Exception {
    link(IdentityKeyPair.generate());
    VerifiedDeviceList v = bob.accept(devices.current());
    assertEquals(VerifiedDeviceList.Status.ACTIVE, v.status(clock.instant()));
    clock.advance(Duration.ofDays(12).plusHours(1));
    assertEquals(VerifiedDeviceList.Status.EXPIRING_SOON, v.status(clock.instant()));
    assertEquals(2, v.validDevices(clock.instant()).size());
    clock.advance(Duration.ofDays(2));
    assertEquals(VerifiedDeviceList.Status.EXPIRED, v.status(clock.instant()));
    assertEquals(List.of(DeviceAddress.of(alice, DeviceId.PRIMARY)), v.validDevices(clock.instant()));
    VerifiedDeviceList renewed = bob.accept(devices.refresh());
    assertEquals(VerifiedDeviceList.Status.ACTIVE, renewed.status(clock.instant()));
    assertEquals(2, renewed.validDevices(clock.instant()).size());
  }

  @Test
  void theExpiryIsConfigurable() throws Exception {
    LinkPolicy week = LinkPolicy.builder().companionExpiry(Duration.ofDays(7)).build();
    link(IdentityKeyPair.generate());
    VerifiedDeviceList v = new DeviceListVerifier(bobStore, week, clock).accept(devices.current());
    clock.advance(Duration.ofDays(7));
    assertEquals(VerifiedDeviceList.Status.EXPIRED, v.status(clock.instant()));
  }
}
