package io.quintet.devicelist.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.PrimaryDevices;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.internal.proto.LinkProtos.QrOffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Regression tests for the hostile review of QR linking. */
class QrLinkHardeningTest {
  private final Instant now = Instant.parse("2026-11-25T10:00:00Z");
  private final IdentityKeyPair phone = IdentityKeyPair.generate();
  private final PrimaryDevices devices =
      PrimaryDevices.create(phone, AccountId.of("alice"), LinkPolicy.DEFAULT, Clock.fixed(now, ZoneOffset.UTC));

  private DeviceIdentity linkOffer(IdentityKeyPair companion) throws Exception {
    QrLinkOffer offer = QrLinkOffer.create(companion, now, Duration.ofMinutes(2));
    return offer.open(QrLinkApprover.approve(devices, phone, offer.payload(), now), now).identity();
  }

  @Test
  void approvalsInFlightGetTheirOwnIndexesAndTheServerCannotSwapThem() throws Exception {
    IdentityKeyPair a = IdentityKeyPair.generate();
    IdentityKeyPair b = IdentityKeyPair.generate();
    DeviceIdentity first = linkOffer(a);
    DeviceIdentity second = linkOffer(b);
    assertNotEquals(first.keyIndex(), second.keyIndex());
    devices.cancel(first); // the user abandoned the first attempt
    assertThrows(DeviceListException.class, () -> devices.add(first), "a cancelled approval");
    assertEquals(1, devices.add(second).entries().size());
    assertThrows(DeviceListException.class, () -> devices.add(second), "used once");
  }

  @Test
  void anApprovalExpiresAndAKeyCannotBeLinkedTwice() throws Exception {
    IdentityKeyPair a = IdentityKeyPair.generate();
    MutableLater later = new MutableLater();
    PrimaryDevices timed = PrimaryDevices.create(phone, AccountId.of("bob"), LinkPolicy.DEFAULT, later);
    DeviceIdentity approval = timed.approve(a.identityKey()).counterSign(a, phone.identityKey());
    later.now = later.now.plus(Duration.ofMinutes(11));
    assertThrows(DeviceListException.class, () -> timed.add(approval));
    DeviceIdentity fresh = timed.approve(a.identityKey()).counterSign(a, phone.identityKey());
    timed.add(fresh);
    assertThrows(DeviceListException.class, () -> timed.approve(a.identityKey()), "already linked");
  }

  @Test
  void aLateSecondApprovalOfTheSameKeyCannotAddItTwice() throws Exception {
    // Review finding: a withheld QR approval, then the same device linked another way, then the
    // QR approval delivered late, must not put one key twice into the list.
    IdentityKeyPair laptop = IdentityKeyPair.generate();
    DeviceIdentity late = devices.approve(laptop.identityKey()).counterSign(laptop, phone.identityKey());
    DeviceIdentity used = devices.approve(laptop.identityKey()).counterSign(laptop, phone.identityKey());
    SignedDeviceList list = devices.add(used);
    assertThrows(DeviceListException.class, () -> devices.add(late), "superseded by the newer approval");
    assertEquals(list.version(), devices.current().version(), "nothing was signed");

    IdentityKeyPair tablet = IdentityKeyPair.generate();
    DeviceIdentity one = devices.approve(tablet.identityKey()).counterSign(tablet, phone.identityKey());
    devices.add(one);
    assertThrows(DeviceListException.class, () -> devices.add(one), "already in the list");
    assertEquals(2, devices.current().entries().size());
    new io.quintet.devicelist.DeviceListVerifier(
        io.quintet.core.store.memory.InMemoryProtocolStore.create(IdentityKeyPair.generate(), 3),
        LinkPolicy.DEFAULT, Clock.fixed(now, ZoneOffset.UTC)).accept(devices.current());
  }

  @Test
  void aCodeClaimingAnImplausibleLifetimeIsRefused() throws Exception {
    QrLinkOffer offer = QrLinkOffer.create(IdentityKeyPair.generate(), now, Duration.ofMinutes(2));
    String payload = offer.payload();
    QrOffer parsed = QrOffer.parseFrom(Base64.getUrlDecoder().decode(payload.substring(QrLinkOffer.PREFIX.length())));
    String forever = QrLinkOffer.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(
        parsed.toBuilder().setExpiresAt(now.plus(Duration.ofDays(365)).toEpochMilli()).build().toByteArray());
    assertThrows(InvalidMessageException.class, () -> QrLinkApprover.approve(devices, phone, forever, now));
    assertEquals(ByteString.copyFrom(offer.ref()), parsed.getRef());
  }

  /** A clock tests move forward. */
  private final class MutableLater extends Clock {
    Instant now = QrLinkHardeningTest.this.now;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
