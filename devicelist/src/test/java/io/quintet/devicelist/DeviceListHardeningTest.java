package io.quintet.devicelist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.DeviceListException.Reason;
import io.quintet.devicelist.internal.proto.DeviceListProtos.DeviceListBody;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceListRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Regression tests for the hostile review of device lists. */
class DeviceListHardeningTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final AccountId alice = AccountId.of("alice");
  private final IdentityKeyPair phone = IdentityKeyPair.generate();
  private final PrimaryDevices devices = PrimaryDevices.create(phone, alice, LinkPolicy.DEFAULT, clock);
  private final InMemoryProtocolStore bobStore = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 7);
  private final DeviceListVerifier bob = new DeviceListVerifier(bobStore, LinkPolicy.DEFAULT, clock);

  private DeviceIdentity link(IdentityKeyPair companion) throws Exception {
    DeviceIdentity signed = devices.approve(companion.identityKey()).counterSign(companion, phone.identityKey());
    devices.add(signed);
    return signed;
  }

  @Test
  void resumingFromARecordWithASmuggledIdentityIsRefused() throws Exception {
    IdentityKeyPair laptop = IdentityKeyPair.generate();
    DeviceIdentity laptopIdentity = link(laptop);
    SignedDeviceList removed = devices.remove(DeviceId.of(1));
    // The server adds the removed laptop's genuine identity back to the record it stores.
    byte[] tampered = SignedDeviceListRecord.parseFrom(removed.serialize()).toBuilder()
        .addIdentities(io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceIdentity
            .parseFrom(laptopIdentity.serialize()))
        .build().toByteArray();
    SignedDeviceList smuggled = SignedDeviceList.parse(tampered);
    DeviceListException e = assertThrows(DeviceListException.class,
        () -> PrimaryDevices.resume(phone, smuggled, LinkPolicy.DEFAULT, clock));
    assertEquals(Reason.IDENTITY_MISMATCH, e.reason());
    PrimaryDevices resumed = PrimaryDevices.resume(phone, removed, LinkPolicy.DEFAULT, clock);
    assertTrue(resumed.refresh().entries().isEmpty());
  }

  @Test
  void aPrimaryClockThatRanAheadOnceDoesNotPinLaterLists() throws Exception {
    clock.advance(Duration.ofDays(365));
    devices.refresh();
    clock.advance(Duration.ofDays(-365));
    SignedDeviceList later = devices.refresh();
    assertEquals(clock.millis(), later.timestamp());
    assertEquals(later.version(), bob.accept(later).version());
  }

  @Test
  void anApprovalWhoseDeviceIdIsNotItsKeyIndexIsRefused() throws Exception {
    IdentityKeyPair laptop = IdentityKeyPair.generate();
    DeviceIdentity misnumbered = DeviceIdentity.approve(phone, alice, DeviceId.of(7), 1, clock.millis(),
        laptop.identityKey()).counterSign(laptop, phone.identityKey());
    assertThrows(DeviceListException.class, () -> devices.add(misnumbered));
    assertTrue(devices.current().entries().isEmpty());
  }

  @Test
  void aReEncodedSignatureIsTheSameListNotARollback() throws Exception {
    link(IdentityKeyPair.generate());
    SignedDeviceList genuine = devices.current();
    SignedDeviceListRecord record = SignedDeviceListRecord.parseFrom(genuine.serialize());
    byte[] sig = record.getSignature().toByteArray();
    byte[] malleated = plusL(sig);
    SignedDeviceList other = SignedDeviceList.parse(
        record.toBuilder().setSignature(ByteString.copyFrom(malleated)).build().toByteArray());
    bob.accept(other); // libsignal's XEdDSA accepts s + L, and so does Quintet's
    assertEquals(genuine.version(), bob.accept(genuine).version(), "same body: not a rollback");
  }

  /** The signature with s replaced by s + L (the sign bit in sig[63] kept). */
  static byte[] plusL(byte[] sig) {
    BigInteger l = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
    byte[] le = java.util.Arrays.copyOfRange(sig, 32, 64);
    int signBit = le[31] & 0x80;
    le[31] &= 0x7F;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    byte[] sum = new BigInteger(1, be).add(l).toByteArray();
    byte[] out = sig.clone();
    for (int i = 0; i < 32; i++) {
      int from = sum.length - 1 - i;
      out[32 + i] = from >= 0 ? sum[from] : 0;
    }
    out[63] |= (byte) signBit;
    return out;
  }

  @Test
  void twoListsRacingForFirstContactCannotBothWin() throws Exception {
    IdentityKeyPair impostor = IdentityKeyPair.generate();
    SignedDeviceList real = devices.refresh();
    SignedDeviceList fake = SignedDeviceList.sign(impostor, alice, real.version(), clock.millis(), List.of(), 1);
    for (int round = 0; round < 20; round++) {
      InMemoryProtocolStore store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1);
      DeviceListVerifier v = new DeviceListVerifier(store, LinkPolicy.DEFAULT, clock);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger accepted = new AtomicInteger();
      List<Future<?>> jobs = new ArrayList<>();
      for (SignedDeviceList l : List.of(real, fake)) {
        jobs.add(pool.submit(() -> {
          go.await();
          try {
            v.accept(l);
            accepted.incrementAndGet();
          } catch (io.quintet.core.QuintetException refused) {
            // one of the two must lose, with a typed exception
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : jobs) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(1, accepted.get());
    }
  }

  @Test
  void versionsAndTimesBeyondSignedLongRangeAreMalformed() throws Exception {
    SignedDeviceList list = devices.refresh();
    SignedDeviceListRecord record = SignedDeviceListRecord.parseFrom(list.serialize());
    DeviceListBody body = DeviceListBody.parseFrom(record.getBody());
    for (DeviceListBody bad : List.of(body.toBuilder().setVersion(-1).build(),
        body.toBuilder().setTimestamp(-5).build(), body.toBuilder().setVersion(0).build())) {
      byte[] bytes = record.toBuilder().setBody(bad.toByteString()).build().toByteArray();
      assertThrows(InvalidMessageException.class, () -> SignedDeviceList.parse(bytes));
    }
    assertThrows(InvalidMessageException.class, () -> SignedDeviceList.parse(new byte[70 * 1024]));
  }

  @Test
  void policyDurationsAreBounded() {
    assertThrows(IllegalArgumentException.class,
        () -> LinkPolicy.builder().maxClockSkew(Duration.ofDays(36500)));
    assertThrows(IllegalArgumentException.class,
        () -> LinkPolicy.builder().companionExpiry(Duration.ofMillis(Long.MAX_VALUE)));
    assertThrows(IllegalArgumentException.class, () -> LinkPolicy.builder().warnBefore(Duration.ofDays(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> LinkPolicy.builder().companionExpiry(Duration.ofDays(1)).warnBefore(Duration.ofDays(2)).build());
  }

  @Test
  void theStoredListOfAnotherAccountOrAnUntrustedPrimaryVouchesForNobody() throws Exception {
    bob.accept(devices.refresh());
    assertTrue(bob.current(alice).isPresent());
    // The user re-verified and now trusts another key for alice's primary.
    bobStore.saveIdentity(io.quintet.core.DeviceAddress.of(alice, DeviceId.PRIMARY),
        IdentityKeyPair.generate().identityKey());
    assertFalse(bob.current(alice).isPresent());
  }
}
