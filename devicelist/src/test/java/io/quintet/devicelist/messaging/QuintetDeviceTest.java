package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The app-facing API end to end: linking, fan-out, own devices, removal, expiry. */
class QuintetDeviceTest {
  private final Accounts world = new Accounts();
  private final AccountId alice = AccountId.of("alice");
  private final AccountId bob = AccountId.of("bob");

  private static Received.Delivered delivered(Received r) {
    return assertInstanceOf(Received.Delivered.class, r, () -> "expected delivery, got " + r);
  }

  @Test
  void oneCallReachesEveryDeviceOfTheRecipientAndTheSendersOwnDevices() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice tablet = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");
    QuintetDevice bobDesk = world.linkByQr(bobPhone);

    Outgoing out = laptop.encrypt(List.of(bob), Payload.text("hi bob"));
    Set<DeviceAddress> to = out.envelopes().stream().map(Envelope::recipient).collect(Collectors.toSet());
    assertEquals(Set.of(bobPhone.address().get(), bobDesk.address().get(), phone.address().get(),
        tablet.address().get()), to);
    assertTrue(out.unreachable().isEmpty(), out.unreachable().toString());
    assertEquals(Set.of(alice, bob), out.listDigests().keySet());
    world.server.deliverAll(out.envelopes());

    for (QuintetDevice d : List.of(bobPhone, bobDesk)) {
      Received.Delivered r = delivered(world.receive(d).get(0));
      assertEquals("hi bob", r.payload().text());
      assertEquals(laptop.address().get(), r.sender());
      assertFalse(r.sentByOwnAccount());
    }
    for (QuintetDevice d : List.of(phone, tablet)) {
      Received.Delivered r = delivered(world.receive(d).get(0));
      assertTrue(r.sentByOwnAccount());
      assertEquals(List.of(bob), r.destinations(), "own devices learn whom it was sent to");
    }
  }

  @Test
  void companionsWorkWhileThePrimaryIsOfflineAndExpireAfterFourteenDays() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");

    world.clock.advance(Duration.ofDays(10)); // the phone is not used any more
    Outgoing out = bobPhone.encrypt(List.of(alice), Payload.text("still there?"));
    world.server.deliverAll(out.envelopes());
    assertEquals("still there?", delivered(world.receive(laptop).get(0)).payload().text());
    world.server.deliverAll(laptop.encrypt(List.of(bob), Payload.text("yes")).envelopes());
    assertEquals("yes", delivered(world.receive(bobPhone).get(0)).payload().text());
    // The phone's own copies wait in its mailbox: the phone is not used, so it does not re-sign.

    world.clock.advance(Duration.ofDays(3));
    assertEquals(DeviceStatus.EXPIRING_SOON, laptop.status());
    world.clock.advance(Duration.ofDays(2)); // 15 days without the primary
    Outgoing late = bobPhone.encrypt(List.of(alice), Payload.text("hello?"));
    assertEquals(Set.of(DeviceAddress.of(alice, DeviceId.PRIMARY)), late.envelopes().stream()
        .filter(e -> e.recipient().account().equals(alice)).map(Envelope::recipient)
        .collect(Collectors.toSet()), "senders stop encrypting to an expired companion");
    LoggedOutException e = assertThrows(LoggedOutException.class,
        () -> laptop.encrypt(List.of(bob), Payload.text("x")));
    assertEquals(LoggedOutException.Reason.EXPIRED, e.reason());
    assertEquals(DeviceStatus.LOGGED_OUT, laptop.status());
    assertThrows(NotFreshException.class, () -> laptop.offerQrLink(Duration.ofMinutes(1)));
  }

  @Test
  void aRemovedCompanionIsDroppedBySendersAndLogsItselfOut() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");
    world.server.deliverAll(bobPhone.encrypt(List.of(alice), Payload.text("one")).envelopes());
    assertEquals("one", delivered(world.receive(laptop).get(0)).payload().text());

    phone.removeCompanion(laptop.address().get().device());
    Outgoing after = bobPhone.encrypt(List.of(alice), Payload.text("two"));
    assertTrue(after.envelopes().stream().noneMatch(e -> e.recipient().equals(laptop.address().get())));
    LoggedOutException e = assertThrows(LoggedOutException.class,
        () -> laptop.encrypt(List.of(bob), Payload.text("may I?")));
    assertEquals(LoggedOutException.Reason.REMOVED, e.reason());
    assertEquals(DeviceStatus.LOGGED_OUT, laptop.status());
    assertFalse(laptop.address().isEmpty());
  }

  @Test
  void aReceiverThatLostItsSessionHealsThroughRetriesWithinTheLimit() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    world.server.deliverAll(bobPhone.encrypt(List.of(alice), Payload.text("first")).envelopes());
    delivered(world.receive(phone).get(0));
    world.server.deliverAll(phone.encrypt(List.of(bob), Payload.text("ack")).envelopes());
    delivered(world.receive(bobPhone).get(0));

    // Alice's phone loses every session (say, restored from an old backup).
    phoneStore(phone).deleteAllSessions();
    world.server.deliverAll(bobPhone.encrypt(List.of(alice), Payload.text("after loss")).envelopes());
    Received first = world.receive(phone).get(0);
    assertEquals(Received.Reply.Kind.RETRY_REQUEST, ((Received.Reply) first).kind());
    Received resend = world.receive(bobPhone).get(0);   // bob answers on his old session
    assertEquals(Received.Reply.Kind.RESEND, ((Received.Reply) resend).kind());
    Received second = world.receive(phone).get(0);      // still no session: asks with a bundle
    assertInstanceOf(Received.Reply.class, second);
    world.receive(bobPhone);                              // bob re-creates the session
    Received.Delivered healed = delivered(world.receive(phone).get(0));
    assertEquals("after loss", healed.payload().text());
  }

  private static io.quintet.core.store.ProtocolStore phoneStore(QuintetDevice d) throws Exception {
    java.lang.reflect.Field f = QuintetDevice.class.getDeclaredField("ctx");
    f.setAccessible(true);
    return ((DeviceContext) f.get(d)).store;
  }

  @Test
  void theSameMessageIsDeliveredOnceAndForeignDevicesAreRejected() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    Outgoing out = bobPhone.encrypt(List.of(alice), Payload.text("once"));
    Envelope e = out.envelopes().get(0);
    delivered(phone.decrypt(e));
    assertInstanceOf(Received.Duplicate.class, phone.decrypt(e));

    // A device bob's list does not name (a server inventing a companion).
    Envelope forged = new Envelope(e.messageId(), DeviceAddress.of(bob, DeviceId.of(3)),
        e.recipient(), e.type(), e.body(), e.timestamp(), e.senderListDigest(),
        e.recipientListDigest());
    Received r = phone.decrypt(forged);
    assertEquals(Received.Rejected.Reason.DEVICE_NOT_IN_LIST, ((Received.Rejected) r).reason());
  }

  @Test
  void aReinstalledPrimaryIsTrustedOnlyAfterTheAppSaysSoAndItsListsContinue() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");
    world.server.deliverAll(bobPhone.encrypt(List.of(alice), Payload.text("before")).envelopes());
    long before = bobPhone.knownDeviceList(alice).orElseThrow().version();

    QuintetDevice reinstalled = world.primary("alice"); // new key, same account
    assertTrue(world.server.deviceList(alice).isPresent());
    Outgoing out = bobPhone.encrypt(List.of(alice), Payload.text("who are you?"));
    assertEquals(Set.of(phone.address().get(), laptop.address().get()), out.envelopes().stream()
        .filter(e -> e.recipient().account().equals(alice)).map(Envelope::recipient)
        .collect(Collectors.toSet()), "a new primary key is not believed without the app's decision");
    assertTrue(out.listProblems().get(alice).contains("untrusted"), out.listProblems().toString());

    bobPhone.trustNewPrimaryIdentity(alice, reinstalled.identityKey());
    Outgoing trusted = bobPhone.encrypt(List.of(alice), Payload.text("welcome back"));
    assertEquals(Set.of(reinstalled.address().get()), trusted.envelopes().stream()
        .filter(e -> e.recipient().account().equals(alice)).map(Envelope::recipient)
        .collect(Collectors.toSet()), "the old companion is gone with the old primary");
    assertTrue(bobPhone.knownDeviceList(alice).orElseThrow().version() > before);
    world.server.deliverAll(trusted.envelopes());
    List<Received> got = world.receive(reinstalled); // the old phone's mail fails first
    assertInstanceOf(Received.Reply.class, got.get(0));
    assertEquals("welcome back", delivered(got.get(got.size() - 1)).payload().text());
    // A list under another primary key cannot log the old companion out (anyone can sign
    // one); the old primary stops re-signing, so the companion expires.
    world.clock.advance(Duration.ofDays(15));
    assertThrows(LoggedOutException.class, () -> laptop.encrypt(List.of(bob), Payload.text("x")));
  }

  @Test
  void aTabletLinkedByCodeReceivesLikeAnyCompanionAndAWrongCodeLinksNothing() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice tablet = world.linkByCode(phone);
    assertEquals(DeviceStatus.LINK_PENDING, tablet.status(), "it has not seen the new list yet");
    assertEquals(DeviceStatus.ACTIVE, tablet.refresh());
    assertThrows(NotFreshException.class, () -> tablet.offerCodeLink(alice));

    QuintetDevice intruder = world.builder(Accounts.newStore()).createCompanion();
    io.quintet.devicelist.link.CodeLinkRequest request = intruder.offerCodeLink(alice);
    String wrong = request.code().display().equals("2222-2222") ? "3333-3333" : "2222-2222";
    byte[] response = phone.respondToCodeLink(request.hello(), wrong);
    assertThrows(io.quintet.devicelist.link.CodeLinkException.class,
        () -> intruder.confirmCodeLink(response));
    assertEquals(DeviceStatus.NOT_LINKED, intruder.status());
    assertEquals(1, phone.knownDeviceList(alice).orElseThrow().companions().size());

    QuintetDevice bobPhone = world.primary("bob");
    world.server.deliverAll(bobPhone.encrypt(List.of(alice), Payload.text("hi tablet")).envelopes());
    assertEquals("hi tablet", delivered(world.receive(tablet).get(0)).payload().text());
  }
}
