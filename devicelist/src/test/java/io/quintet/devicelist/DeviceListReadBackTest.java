package io.quintet.devicelist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceIdentity;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceListRecord;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Reading an accepted list back ({@link DeviceListVerifier#current}) after it was read once,
 * so the verifier remembers it as checked: a record altered in the store afterwards must be
 * checked afresh and refused, never served from what was remembered.
 */
class DeviceListReadBackTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final AccountId alice = AccountId.of("alice");
  private final IdentityKeyPair phone = IdentityKeyPair.generate();
  private final PrimaryDevices devices = PrimaryDevices.create(phone, alice, LinkPolicy.DEFAULT, clock);
  private final InMemoryProtocolStore bobStore =
      InMemoryProtocolStore.create(IdentityKeyPair.generate(), 7);
  private final DeviceListVerifier bob = new DeviceListVerifier(bobStore, LinkPolicy.DEFAULT, clock);

  private SignedDeviceList listWithTwoCompanions() throws Exception {
    for (int i = 0; i < 2; i++) {
      IdentityKeyPair companion = IdentityKeyPair.generate();
      devices.add(devices.approve(companion.identityKey()).counterSign(companion, phone.identityKey()));
    }
    return devices.current();
  }

  /** Accepts the list, reads it back twice, then overwrites the stored record. */
  private boolean readableAfterStoring(UnaryOperator<SignedDeviceListRecord> tamper)
      throws Exception {
    SignedDeviceList genuine = listWithTwoCompanions();
    bob.accept(genuine);
    assertEquals(2, bob.current(alice).orElseThrow().companions().size());
    assertEquals(2, bob.current(alice).orElseThrow().companions().size());
    SignedDeviceListRecord altered = tamper.apply(SignedDeviceListRecord.parseFrom(genuine.serialize()));
    bobStore.storeDeviceList(alice, genuine.version(), altered.toByteArray());
    return bob.current(alice).isPresent();
  }

  private static ByteString flipLastBit(ByteString b) {
    byte[] bytes = b.toByteArray();
    bytes[bytes.length - 1] ^= 1;
    return ByteString.copyFrom(bytes);
  }

  @Test
  void aListSignatureAlteredAfterReadingIsRefused() throws Exception {
    assertFalse(readableAfterStoring(r -> r.toBuilder().setSignature(flipLastBit(r.getSignature())).build()));
  }

  @Test
  void aCompanionSignatureAlteredAfterReadingIsRefused() throws Exception {
    assertFalse(readableAfterStoring(r -> {
      SignedDeviceIdentity first = r.getIdentities(0);
      SignedDeviceIdentity forged;
      try {
        forged = SignedDeviceIdentity.parseFrom(flipLastBit(first.toByteString()));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
      return r.toBuilder().setIdentities(0, forged).build();
    }));
  }

  @Test
  void aCompanionDroppedFromTheRecordAfterReadingIsRefused() throws Exception {
    assertFalse(readableAfterStoring(r -> r.toBuilder().removeIdentities(1).build()));
  }

  @Test
  void theSameRecordWrittenAgainStillReads() throws Exception {
    assertTrue(readableAfterStoring(r -> r));
  }

  @Test
  void aRememberedListStillNeedsTheTrustedPrimary() throws Exception {
    bob.accept(listWithTwoCompanions());
    assertTrue(bob.current(alice).isPresent());
    bobStore.saveIdentity(io.quintet.core.DeviceAddress.of(alice, io.quintet.core.DeviceId.PRIMARY),
        IdentityKeyPair.generate().identityKey());
    assertFalse(bob.current(alice).isPresent());
  }

  @Test
  void aRememberedListStillNeedsToBeTheStoredVersion() throws Exception {
    SignedDeviceList genuine = listWithTwoCompanions();
    bob.accept(genuine);
    assertTrue(bob.current(alice).isPresent());
    bobStore.storeDeviceList(alice, genuine.version() + 1, genuine.serialize());
    assertFalse(bob.current(alice).isPresent(), "the record is not the version the store names");
  }

  @Test
  void anotherAccountsValidListStoredUnderThisAccountVouchesForNobody() throws Exception {
    IdentityKeyPair carolPhone = IdentityKeyPair.generate();
    AccountId carol = AccountId.of("carol");
    SignedDeviceList carols = PrimaryDevices.create(carolPhone, carol, LinkPolicy.DEFAULT, clock).current();
    bob.accept(carols);
    assertTrue(bob.current(carol).isPresent());
    SignedDeviceList alices = devices.current();
    assertEquals(alices.version(), carols.version(), "same version: only the account differs");
    bob.accept(alices);
    assertTrue(bob.current(alice).isPresent());
    bobStore.storeDeviceList(alice, carols.version(), carols.serialize());
    assertFalse(bob.current(alice).isPresent());
    assertFalse(bob.current(alice).isPresent(), "and not after a second read either");
    assertTrue(bob.current(carol).isPresent());
  }

  @Test
  void theSameListInOtherBytesDoesNotDisplaceTheRememberedOne() throws Exception {
    SignedDeviceList genuine = listWithTwoCompanions();
    bob.accept(genuine);
    VerifiedDeviceList remembered = bob.current(alice).orElseThrow();
    assertSame(remembered, bob.current(alice).orElseThrow(), "read back without checking again");
    SignedDeviceListRecord r = SignedDeviceListRecord.parseFrom(genuine.serialize());
    SignedDeviceList reEncoded = SignedDeviceList.parse(r.toBuilder().setSignature(
        ByteString.copyFrom(DeviceListHardeningTest.plusL(r.getSignature().toByteArray())))
        .build().toByteArray());
    bob.accept(reEncoded); // the same list: accepted, nothing stored
    assertArrayEquals(genuine.serialize(), bobStore.loadDeviceList(alice).orElseThrow());
    assertSame(remembered, bob.current(alice).orElseThrow());
  }

  @Test
  void aNewerAcceptedListReplacesTheRememberedOne() throws Exception {
    SignedDeviceList two = listWithTwoCompanions();
    bob.accept(two);
    assertEquals(2, bob.current(alice).orElseThrow().companions().size());
    SignedDeviceList one = devices.remove(two.entries().get(0).deviceId);
    bob.accept(one);
    VerifiedDeviceList read = bob.current(alice).orElseThrow();
    assertEquals(1, read.companions().size());
    assertArrayEquals(one.serialize(), read.signedList().serialize());
  }
}
