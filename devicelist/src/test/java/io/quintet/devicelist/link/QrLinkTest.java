package io.quintet.devicelist.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListVerifier;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.PrimaryDevices;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.devicelist.internal.proto.LinkProtos.SealedApproval;
import io.quintet.devicelist.qr.QrCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Linking a companion by QR code, end to end, and what the relaying server cannot do. */
class QrLinkTest {
  private final Instant now = Instant.parse("2026-11-25T10:00:00Z");
  private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  private final AccountId alice = AccountId.of("alice");
  private final IdentityKeyPair phone = IdentityKeyPair.generate();
  private final PrimaryDevices devices = PrimaryDevices.create(phone, alice, LinkPolicy.DEFAULT, clock);
  private final IdentityKeyPair laptop = IdentityKeyPair.generate();

  @Test
  void aScannedQrCodeLinksTheCompanionAndSendersSeeIt() throws Exception {
    QrLinkOffer offer = QrLinkOffer.create(laptop, now, Duration.ofMinutes(2));
    String scanned = QrCode.decode(QrCode.encode(offer.payload()).toImage(4)); // through a real QR
    byte[] sealed = QrLinkApprover.approve(devices, phone, scanned, now);
    assertArrayEquals(offer.ref(), QrLinkApprover.ref(scanned));
    LinkedCompanion linked = offer.open(sealed, now.plusSeconds(5));
    assertEquals(alice, linked.account());
    assertEquals(phone.identityKey(), linked.primaryIdentityKey());
    SignedDeviceList list = devices.add(DeviceIdentity.parse(linked.identity().serialize()));
    VerifiedDeviceList seen = new DeviceListVerifier(
        InMemoryProtocolStore.create(IdentityKeyPair.generate(), 2), LinkPolicy.DEFAULT, clock).accept(list);
    assertTrue(seen.vouchesFor(DeviceId.of(1), laptop.identityKey(), now));
  }

  @Test
  void theServerCannotForgeAnApprovalAndAFailedForgeryDoesNotSpendTheOffer() throws Exception {
    QrLinkOffer offer = QrLinkOffer.create(laptop, now, Duration.ofMinutes(2));
    byte[] forged = SealedApproval.newBuilder()
        .setRef(ByteString.copyFrom(offer.ref()))
        .setPrimaryEphemeral(ByteString.copyFrom(Curve25519KeyPair.generate().publicKey().serialize()))
        .setCiphertext(ByteString.copyFrom(new byte[200]))
        .build().toByteArray();
    assertThrows(InvalidMessageException.class, () -> offer.open(forged, now));
    byte[] sealed = QrLinkApprover.approve(devices, phone, offer.payload(), now);
    assertEquals(alice, offer.open(sealed, now).account());
    assertThrows(InvalidMessageException.class, () -> offer.open(sealed, now), "one approval per offer");
  }

  @Test
  void anApprovalCannotBeRedirectedToAnotherCompanionOrTampered() throws Exception {
    QrLinkOffer mine = QrLinkOffer.create(laptop, now, Duration.ofMinutes(2));
    QrLinkOffer other = QrLinkOffer.create(IdentityKeyPair.generate(), now, Duration.ofMinutes(2));
    byte[] sealed = QrLinkApprover.approve(devices, phone, mine.payload(), now);
    assertThrows(InvalidMessageException.class, () -> other.open(sealed, now));
    byte[] readdressed = SealedApproval.parseFrom(sealed).toBuilder()
        .setRef(ByteString.copyFrom(other.ref())).build().toByteArray();
    assertThrows(InvalidMessageException.class, () -> other.open(readdressed, now));
    for (int i = 0; i < sealed.length; i += 7) {
      byte[] bad = sealed.clone();
      bad[i] ^= 1;
      assertThrows(InvalidMessageException.class, () -> mine.open(bad, now), "flipped byte " + i);
    }
    assertEquals(alice, mine.open(sealed, now).account());
  }

  @Test
  void expiredOffersAreRefusedOnBothSides() throws Exception {
    QrLinkOffer offer = QrLinkOffer.create(laptop, now, Duration.ofMinutes(2));
    assertThrows(InvalidMessageException.class,
        () -> QrLinkApprover.approve(devices, phone, offer.payload(), now.plusSeconds(120)));
    byte[] sealed = QrLinkApprover.approve(devices, phone, offer.payload(), now.plusSeconds(60));
    assertThrows(InvalidMessageException.class, () -> offer.open(sealed, now.plusSeconds(121)));
  }

  @Test
  void anyOtherTextIsRefusedWithTheTypedException() {
    qt().withExamples(1000).forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(s -> {
      for (String text : new String[] {s, QrLinkOffer.PREFIX + s}) {
        try {
          QrLinkApprover.approve(devices, phone, text, now);
          throw new AssertionError("accepted: " + text);
        } catch (InvalidMessageException expected) {
          // typed
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    });
  }
}
