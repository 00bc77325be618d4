package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Defects the simulated world ({@link SimulatedWorld}) ran into, each as a minimal failing test.
 * They are disabled until the library is fixed; the world's oracle tolerates their effects only
 * where it must (see its Javadoc), so enabling a test here is the check that a fix works.
 */
class WorldFindingsTest {
  private final Accounts world = new Accounts();
  private final AccountId alice = AccountId.of("alice");
  private final AccountId bob = AccountId.of("bob");

  @Test
  void statusDoesNotLogOutACompanionWhosePrimaryReSignedInTime() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    world.primary("bob");
    laptop.encrypt(List.of(bob), Payload.text("hi")); // the laptop now knows its list
    world.clock.advance(Duration.ofDays(13));
    phone.encrypt(List.of(bob), Payload.text("the phone is in use")); // re-signs the list
    world.clock.advance(Duration.ofDays(2)); // the laptop's list is 15 days old, the newest 2

    assertTrue(phone.knownDeviceList(alice).orElseThrow().validDevices(world.clock.instant())
        .contains(laptop.address().orElseThrow()), "the account's newest list vouches for it");
    assertFalse(laptop.status() == DeviceStatus.LOGGED_OUT, "status() logged a valid device out");
    laptop.encrypt(List.of(bob), Payload.text("still here")); // throws LoggedOutException today
  }

  @Test
  void companionsThatExpiredAreNotReinstatedByThePrimarysNextList() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");
    world.clock.advance(Duration.ofDays(15)); // the phone is idle
    LoggedOutException out = assertThrows(LoggedOutException.class,
        () -> laptop.encrypt(List.of(bob), Payload.text("x")));
    assertEquals(LoggedOutException.Reason.EXPIRED, out.reason());

    phone.encrypt(List.of(bob), Payload.text("back")); // the phone is used: it re-signs
    Outgoing toAlice = bobPhone.encrypt(List.of(alice), Payload.text("hello alice"));
    DeviceAddress dead = laptop.address().orElseThrow();
    assertTrue(toAlice.envelopes().stream().noneMatch(e -> e.recipient().equals(dead)),
        "bob encrypts to alice's logged-out laptop, which will never decrypt it");
  }

  @Test
  void aCompanionRemovedBeforeItSawItsListLogsOutAsRemoved() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    world.primary("bob");
    phone.removeCompanion(laptop.address().orElseThrow().device()); // before the laptop synced
    world.clock.advance(Duration.ofHours(1));

    LoggedOutException out = assertThrows(LoggedOutException.class,
        () -> laptop.encrypt(List.of(bob), Payload.text("x"))); // today: IOException
    assertEquals(LoggedOutException.Reason.REMOVED, out.reason());
  }

  @Test
  void anOldEnvelopeReplayedByTheServerIsNotDeliveredTwice() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    Envelope first = bobPhone.encrypt(List.of(alice), Payload.text("pay 10")).envelopes().get(0);
    assertInstanceOf(Received.Delivered.class, phone.decrypt(first));
    for (int i = 0; i < 300; i++) { // ping-pong: new ratchet steps, old receiving chains drop
      for (Envelope e : bobPhone.encrypt(List.of(alice), Payload.text("b" + i)).envelopes()) {
        assertInstanceOf(Received.Delivered.class, phone.decrypt(e));
      }
      if (i % 30 == 0) {
        for (Envelope e : phone.encrypt(List.of(bob), Payload.text("a" + i)).envelopes()) {
          assertInstanceOf(Received.Delivered.class, bobPhone.decrypt(e));
        }
      }
    }
    Received replayed = phone.decrypt(first); // the server replays the first envelope
    assertInstanceOf(Received.Duplicate.class, replayed,
        "its receiving chain is gone, but it was delivered: a duplicate, not a retry request");
  }
}
