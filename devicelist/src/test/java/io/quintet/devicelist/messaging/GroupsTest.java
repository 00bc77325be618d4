package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.NoSessionException;
import io.quintet.core.store.AppWriteException;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.wire.SenderKeyMessage;
import io.quintet.ratchet.group.GroupCipher;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Groups end to end over three accounts with companions: keys go pairwise only to devices
 * that lack them, a device that leaves never gets the key that follows, new devices get the
 * current one, and every failure is a typed result that heals or stops.
 */
class GroupsTest {
  private final Accounts world = new Accounts();
  private final AccountId bob = AccountId.of("bob");
  private final AccountId carol = AccountId.of("carol");
  private final GroupId group = GroupId.random();
  private QuintetDevice alicePhone;
  private QuintetDevice aliceLaptop;
  private QuintetDevice bobPhone;
  private QuintetDevice bobDesk;
  private QuintetDevice carolPhone;
  private QuintetDevice carolTablet;

  @BeforeEach
  void threeAccountsWithCompanions() throws Exception {
    alicePhone = world.primary("alice");
    aliceLaptop = world.linkByQr(alicePhone);
    bobPhone = world.primary("bob");
    bobDesk = world.linkByQr(bobPhone);
    carolPhone = world.primary("carol");
    carolTablet = world.linkByQr(carolPhone);
  }

  static List<Envelope> keys(Outgoing out) {
    return out.envelopes().stream().filter(e -> e.type() != Envelope.Type.GROUP)
        .collect(Collectors.toList());
  }

  static List<Envelope> groupMessages(Outgoing out) {
    return out.envelopes().stream().filter(e -> e.type() == Envelope.Type.GROUP)
        .collect(Collectors.toList());
  }

  static Set<DeviceAddress> recipients(List<Envelope> envelopes) {
    return envelopes.stream().map(Envelope::recipient).collect(Collectors.toSet());
  }

  static UUID distributionId(Outgoing out) throws Exception {
    return SenderKeyMessage.parse(groupMessages(out).get(0).body()).distributionId().orElseThrow();
  }

  static Set<DeviceAddress> addresses(QuintetDevice... devices) {
    return java.util.Arrays.stream(devices).map(d -> d.address().orElseThrow())
        .collect(Collectors.toSet());
  }

  static Envelope readdressed(Envelope e, DeviceAddress to) {
    return new Envelope(e.messageId(), e.sender(), to, e.type(), e.body(), e.timestamp(),
        e.senderListDigest(), e.recipientListDigest());
  }

  static ProtocolStore store(QuintetDevice d) throws Exception {
    java.lang.reflect.Field f = QuintetDevice.class.getDeclaredField("ctx");
    f.setAccessible(true);
    return ((DeviceContext) f.get(d)).store;
  }

  private Received.Delivered lastDelivered(QuintetDevice d) throws Exception {
    List<Received> got = world.receive(d);
    Received last = got.get(got.size() - 1);
    return assertInstanceOf(Received.Delivered.class, last, () -> d + " got " + got);
  }

  private Outgoing sendAndDeliver(QuintetDevice from, List<AccountId> members, String text)
      throws Exception {
    Outgoing out = from.encryptToGroup(group, members, Payload.text(text));
    world.server.deliverAll(out.envelopes());
    return out;
  }

  @Test
  void theFirstSendDistributesTheKeyToEveryDeviceAndLaterSendsDistributeNone() throws Exception {
    Outgoing first = alicePhone.encryptToGroup(group, List.of(bob, carol), Payload.text("hi all"));
    Set<DeviceAddress> everyone = addresses(aliceLaptop, bobPhone, bobDesk, carolPhone, carolTablet);
    assertEquals(everyone, recipients(keys(first)));
    assertEquals(5, keys(first).size());
    assertEquals(everyone, recipients(groupMessages(first)));
    assertTrue(first.unreachable().isEmpty(), first.unreachable().toString());
    byte[] body = groupMessages(first).get(0).body();
    groupMessages(first).forEach(e -> assertArrayEquals(body, e.body(), "one body for all"));
    assertEquals(keys(first), first.envelopes().subList(0, 5),
        "keys come before the message they unlock");
    world.server.deliverAll(first.envelopes());

    for (QuintetDevice d : List.of(bobPhone, bobDesk, carolPhone, carolTablet, aliceLaptop)) {
      List<Received> got = world.receive(d);
      assertEquals(2, got.size(), d + " got " + got);
      assertInstanceOf(Received.Handled.class, got.get(0));
      Received.Delivered r = assertInstanceOf(Received.Delivered.class, got.get(1));
      assertEquals("hi all", r.payload().text());
      assertEquals(alicePhone.address().get(), r.sender());
      assertEquals(group, GroupId.of(r.groupId().orElseThrow()));
      assertEquals(first.messageId(), r.messageId());
      assertEquals(d == aliceLaptop, r.sentByOwnAccount(), "own devices see their own account");
    }

    Outgoing second = sendAndDeliver(alicePhone, List.of(bob, carol), "steady");
    assertEquals(0, keys(second).size(), "everyone already has the key");
    assertEquals(everyone, recipients(groupMessages(second)));
    assertEquals(distributionId(first), distributionId(second));
    for (QuintetDevice d : List.of(bobPhone, bobDesk, carolPhone, carolTablet, aliceLaptop)) {
      assertEquals("steady", lastDelivered(d).payload().text());
    }

    // Every sending device has its own key: bob's desk distributes to everyone else once.
    Outgoing fromBob = sendAndDeliver(bobDesk, List.of(AccountId.of("alice"), carol), "me too");
    assertEquals(addresses(alicePhone, aliceLaptop, bobPhone, carolPhone, carolTablet),
        recipients(keys(fromBob)));
    assertNotEquals(distributionId(first), distributionId(fromBob));
    Received.Delivered own = lastDelivered(bobPhone);
    assertTrue(own.sentByOwnAccount());
    assertEquals("me too", lastDelivered(alicePhone).payload().text());
  }

  @Test
  void aRemovedCompanionIsLeftWithAKeyThatNoLongerOpensAnything() throws Exception {
    Outgoing first = sendAndDeliver(alicePhone, List.of(bob, carol), "before");
    for (QuintetDevice d : List.of(bobPhone, bobDesk, carolPhone, carolTablet, aliceLaptop)) {
      lastDelivered(d);
    }
    DeviceAddress desk = bobDesk.address().orElseThrow();
    bobPhone.removeCompanion(desk.device());

    Outgoing after = sendAndDeliver(alicePhone, List.of(bob, carol), "after");
    UUID fresh = distributionId(after);
    assertNotEquals(distributionId(first), fresh, "a removed device forces a fresh key");
    Set<DeviceAddress> remaining = addresses(aliceLaptop, bobPhone, carolPhone, carolTablet);
    assertEquals(remaining, recipients(keys(after)), "everyone left gets the fresh key");
    assertEquals(remaining, recipients(groupMessages(after)));
    assertTrue(store(alicePhone).loadSenderKey(alicePhone.address().get(), distributionId(first))
        .isEmpty(), "the old own key is deleted");
    for (QuintetDevice d : List.of(bobPhone, carolPhone, carolTablet, aliceLaptop)) {
      assertEquals("after", lastDelivered(d).payload().text());
    }

    // A server that hands the removed desk the message anyway: the desk has no key for it.
    Envelope leaked = readdressed(groupMessages(after).get(0), desk);
    Received r = bobDesk.decrypt(leaked);
    assertEquals(Received.Reply.Kind.RETRY_REQUEST, assertInstanceOf(Received.Reply.class, r).kind());
    assertThrows(NoSessionException.class, () -> new GroupCipher(store(bobDesk), desk)
        .decrypt(alicePhone.address().get(), leaked.body()));
    // And its request for the message is refused: it is not in bob's list any more.
    Received answer = alicePhone.decrypt(((Received.Reply) r).envelopes().get(0));
    assertEquals(Received.Rejected.Reason.DEVICE_NOT_IN_LIST,
        assertInstanceOf(Received.Rejected.class, answer).reason());
  }

  @Test
  void aNewlyLinkedCompanionGetsTheCurrentKeyAndNothingRotates() throws Exception {
    Outgoing first = sendAndDeliver(alicePhone, List.of(bob, carol), "one");
    for (QuintetDevice d : List.of(bobPhone, bobDesk, carolPhone, carolTablet, aliceLaptop)) {
      lastDelivered(d);
    }
    QuintetDevice carolLaptop = world.linkByQr(carolPhone);
    QuintetDevice aliceTablet = world.linkByQr(alicePhone);

    Outgoing second = sendAndDeliver(alicePhone, List.of(bob, carol), "two");
    assertEquals(addresses(carolLaptop, aliceTablet), recipients(keys(second)));
    assertEquals(distributionId(first), distributionId(second));
    assertEquals(7, groupMessages(second).size());
    for (QuintetDevice d : List.of(carolLaptop, aliceTablet)) {
      List<Received> got = world.receive(d);
      assertInstanceOf(Received.Handled.class, got.get(0));
      assertEquals("two", assertInstanceOf(Received.Delivered.class, got.get(1)).payload().text());
    }
  }

  @Test
  void aMemberLeavingTheGroupForcesAFreshKeyItNeverSees() throws Exception {
    Outgoing first = sendAndDeliver(alicePhone, List.of(bob, carol), "with carol");
    for (QuintetDevice d : List.of(bobPhone, bobDesk, carolPhone, carolTablet, aliceLaptop)) {
      lastDelivered(d);
    }
    Outgoing without = sendAndDeliver(alicePhone, List.of(bob), "without carol");
    assertNotEquals(distributionId(first), distributionId(without));
    assertEquals(addresses(aliceLaptop, bobPhone, bobDesk), recipients(keys(without)));
    assertEquals(addresses(aliceLaptop, bobPhone, bobDesk), recipients(groupMessages(without)));
    assertTrue(world.server.drain(carolPhone.address().get()).isEmpty());

    Received r = carolPhone.decrypt(
        readdressed(groupMessages(without).get(0), carolPhone.address().get()));
    Received.Reply retry = assertInstanceOf(Received.Reply.class, r);
    Received answer = alicePhone.decrypt(retry.envelopes().get(0));
    assertEquals(Received.Rejected.Reason.UNKNOWN_MESSAGE,
        assertInstanceOf(Received.Rejected.class, answer).reason(),
        "a non-member's request for the message is refused");
    assertEquals("without carol", lastDelivered(bobDesk).payload().text());
  }

  @Test
  void theSameGroupMessageOrKeyIsAcceptedOnce() throws Exception {
    Outgoing out = alicePhone.encryptToGroup(group, List.of(bob), Payload.text("once"));
    DeviceAddress bp = bobPhone.address().get();
    Envelope key = keys(out).stream().filter(e -> e.recipient().equals(bp)).findFirst().orElseThrow();
    Envelope message = groupMessages(out).stream().filter(e -> e.recipient().equals(bp))
        .findFirst().orElseThrow();
    assertInstanceOf(Received.Handled.class, bobPhone.decrypt(key));
    assertInstanceOf(Received.Duplicate.class, bobPhone.decrypt(key));
    assertInstanceOf(Received.Delivered.class, bobPhone.decrypt(message));
    assertInstanceOf(Received.Duplicate.class, bobPhone.decrypt(message));
    assertInstanceOf(Received.Duplicate.class, bobPhone.decrypt(Envelope.parse(message.serialize())));
  }

  @Test
  void forgedSendersAreRejectedOrLeftUndelivered() throws Exception {
    Outgoing out = alicePhone.encryptToGroup(group, List.of(bob, carol), Payload.text("real"));
    world.server.deliverAll(keys(out));
    world.receive(bobPhone);
    sendAndDeliver(carolPhone, List.of(AccountId.of("alice"), bob), "carol's own");
    assertEquals("carol's own", lastDelivered(bobPhone).payload().text());
    Envelope real = groupMessages(out).stream()
        .filter(e -> e.recipient().equals(bobPhone.address().get())).findFirst().orElseThrow();

    // A device bob's list does not name.
    Envelope invented = new Envelope(real.messageId(), DeviceAddress.of(carol, DeviceId.of(9)),
        real.recipient(), Envelope.Type.GROUP, real.body(), real.timestamp(),
        real.senderListDigest(), real.recipientListDigest());
    assertEquals(Received.Rejected.Reason.DEVICE_NOT_IN_LIST,
        assertInstanceOf(Received.Rejected.class, bobPhone.decrypt(invented)).reason());

    // A real member's device claimed as the sender of alice's message: carol's keys do not
    // open it, and carol's phone refuses to resend what it never sent.
    Envelope misattributed = new Envelope(real.messageId(), carolPhone.address().get(),
        real.recipient(), Envelope.Type.GROUP, real.body(), real.timestamp(),
        real.senderListDigest(), real.recipientListDigest());
    Received r = bobPhone.decrypt(misattributed);
    Received.Reply retry = assertInstanceOf(Received.Reply.class, r);
    assertEquals(Received.Rejected.Reason.UNKNOWN_MESSAGE, assertInstanceOf(
        Received.Rejected.class, carolPhone.decrypt(retry.envelopes().get(0))).reason());

    // The real one still arrives, once.
    assertEquals("real", assertInstanceOf(Received.Delivered.class, bobPhone.decrypt(real))
        .payload().text());
  }

  @Test
  void aMessageWithoutItsKeyHealsThroughARetryAndLaterMessagesNeedNoHelp() throws Exception {
    Outgoing out = alicePhone.encryptToGroup(group, List.of(bob), Payload.text("lost key"));
    DeviceAddress bp = bobPhone.address().get();
    // The server loses bob's phone's key envelope.
    world.server.deliverAll(out.envelopes().stream()
        .filter(e -> !(e.recipient().equals(bp) && e.type() != Envelope.Type.GROUP))
        .collect(Collectors.toList()));

    Received asked = world.receive(bobPhone).get(0);
    assertEquals(Received.Reply.Kind.RETRY_REQUEST, ((Received.Reply) asked).kind());
    Received.Reply resend = assertInstanceOf(Received.Reply.class, world.receive(alicePhone).get(0));
    assertEquals(Received.Reply.Kind.RESEND, resend.kind());
    assertEquals(2, resend.envelopes().size(), "the key again and the message pairwise");
    List<Received> healed = world.receive(bobPhone);
    assertInstanceOf(Received.Handled.class, healed.get(0));
    Received.Delivered d = assertInstanceOf(Received.Delivered.class, healed.get(1));
    assertEquals("lost key", d.payload().text());
    assertEquals(group, GroupId.of(d.groupId().orElseThrow()));

    Outgoing next = sendAndDeliver(alicePhone, List.of(bob), "and now directly");
    assertEquals(0, keys(next).size());
    List<Received> direct = world.receive(bobPhone);
    assertEquals(1, direct.size(), direct.toString());
    assertEquals("and now directly",
        assertInstanceOf(Received.Delivered.class, direct.get(0)).payload().text());
    // The original envelope, delivered again, is a duplicate of the healed delivery.
    Envelope original = groupMessages(out).stream().filter(e -> e.recipient().equals(bp))
        .findFirst().orElseThrow();
    Received again = bobPhone.decrypt(original);
    assertFalse(again instanceof Received.Delivered, again.toString());
  }

  @Test
  void aReceiverThatLostItsSenderKeysIsSentTheKeyAgain() throws Exception {
    sendAndDeliver(alicePhone, List.of(bob), "first");
    assertEquals("first", lastDelivered(bobPhone).payload().text());
    store(bobPhone).deleteAllSenderKeys();

    sendAndDeliver(alicePhone, List.of(bob), "second");
    assertInstanceOf(Received.Reply.class, world.receive(bobPhone).get(0));
    world.receive(alicePhone);
    assertEquals("second", lastDelivered(bobPhone).payload().text());
    sendAndDeliver(alicePhone, List.of(bob), "third");
    List<Received> got = world.receive(bobPhone);
    assertEquals(1, got.size(), got.toString());
    assertEquals("third", assertInstanceOf(Received.Delivered.class, got.get(0)).payload().text());
  }

  @Test
  void aFailedAppWriteLosesNoGroupMessage() throws Exception {
    Outgoing out = alicePhone.encryptToGroup(group, List.of(bob), Payload.text("keep me"));
    DeviceAddress bp = bobPhone.address().get();
    bobPhone.decrypt(keys(out).stream().filter(e -> e.recipient().equals(bp)).findFirst()
        .orElseThrow());
    Envelope message = groupMessages(out).stream().filter(e -> e.recipient().equals(bp))
        .findFirst().orElseThrow();
    assertThrows(AppWriteException.class, () -> bobPhone.decrypt(message, d -> {
      throw new java.io.IOException("disk full");
    }));
    // The server delivers it again: it was never delivered, so bob asks for it pairwise.
    List<Received.Delivered> stored = new java.util.ArrayList<>();
    Received r = bobPhone.decrypt(message, stored::add);
    world.server.deliverAll(assertInstanceOf(Received.Reply.class, r).envelopes());
    world.receive(alicePhone);
    for (Envelope e : world.server.drain(bp)) {
      bobPhone.decrypt(e, stored::add);
    }
    assertEquals(1, stored.size());
    assertEquals("keep me", stored.get(0).payload().text());
    assertEquals(group, GroupId.of(stored.get(0).groupId().orElseThrow()));
  }

  static DeviceContext context(QuintetDevice d) throws Exception {
    java.lang.reflect.Field f = QuintetDevice.class.getDeclaredField("ctx");
    f.setAccessible(true);
    return (DeviceContext) f.get(d);
  }

  /** What a misbehaving member device could send: its own crafted content, pairwise. */
  private static Envelope pairwise(QuintetDevice from, QuintetDevice to, Content content)
      throws Exception {
    DeviceAddress recipient = to.address().get();
    io.quintet.ratchet.CiphertextMessage m =
        context(from).cipher(recipient).encrypt(content.serialize());
    return Fanout.envelope(content.messageId, from.address().get(),
        new Fanout.Sealed(recipient, m), content.timestamp, new byte[0], new byte[0]);
  }

  private static Envelope underSenderKey(QuintetDevice from, QuintetDevice to, UUID key,
      Content content) throws Exception {
    byte[] body = new GroupCipher(store(from), from.address().get()).encrypt(key,
        content.serialize());
    return new Envelope(content.messageId, from.address().get(), to.address().get(),
        Envelope.Type.GROUP, body, content.timestamp, new byte[0], new byte[0]);
  }

  @Test
  void aKeyIsBoundToItsGroupAndToItsSendersIdentity() throws Exception {
    Outgoing out = sendAndDeliver(alicePhone, List.of(bob), "bound");
    assertEquals("bound", lastDelivered(bobPhone).payload().text());
    UUID key = distributionId(out);
    DeviceAddress alice = alicePhone.address().get();
    GroupId other = GroupId.random();
    long now = world.clock.millis();

    // The same key offered again for another group: refused, nothing recorded.
    byte[] distribution = new io.quintet.ratchet.group.GroupSessionBuilder(store(alicePhone))
        .create(alice, key).serialize();
    Received reused = bobPhone.decrypt(pairwise(alicePhone, bobPhone, Content.groupKey(
        io.quintet.core.internal.crypto.Rng.bytes(16), now, other.bytes(), distribution)));
    assertEquals(Received.Rejected.Reason.MALFORMED,
        assertInstanceOf(Received.Rejected.class, reused).reason());

    // A message under the key that names another group, or another message id: refused.
    byte[] id = io.quintet.core.internal.crypto.Rng.bytes(16);
    Content wrongGroup = Content.groupPayload(id, now, Payload.text("x"), other.bytes(),
        java.util.Map.of());
    assertEquals(Received.Rejected.Reason.MALFORMED, assertInstanceOf(Received.Rejected.class,
        bobPhone.decrypt(underSenderKey(alicePhone, bobPhone, key, wrongGroup))).reason());
    Envelope good = underSenderKey(alicePhone, bobPhone, key, Content.groupPayload(id, now,
        Payload.text("x"), group.bytes(), java.util.Map.of()));
    Envelope otherId = new Envelope(io.quintet.core.internal.crypto.Rng.bytes(16), good.sender(),
        good.recipient(), good.type(), good.body(), good.timestamp(), new byte[0], new byte[0]);
    assertEquals(Received.Rejected.Reason.MALFORMED,
        assertInstanceOf(Received.Rejected.class, bobPhone.decrypt(otherId)).reason());
    Content notPayload = Content.groupKey(id, now, group.bytes(), distribution);
    assertEquals(Received.Rejected.Reason.MALFORMED, assertInstanceOf(Received.Rejected.class,
        bobPhone.decrypt(underSenderKey(alicePhone, bobPhone, key, notPayload))).reason());

    // The key was received from another identity than alice's list names now.
    GroupState.ReceivedKey stored = GroupState.ReceivedKey.load(store(bobPhone), alice, key)
        .orElseThrow();
    new GroupState.ReceivedKey(stored.group,
        io.quintet.core.keys.IdentityKeyPair.generate().identityKey(), null)
        .save(store(bobPhone), alice, key);
    Outgoing later = alicePhone.encryptToGroup(group, List.of(bob), Payload.text("later"));
    Envelope toBob = groupMessages(later).stream()
        .filter(e -> e.recipient().equals(bobPhone.address().get())).findFirst().orElseThrow();
    assertEquals(Received.Rejected.Reason.UNTRUSTED_IDENTITY,
        assertInstanceOf(Received.Rejected.class, bobPhone.decrypt(toBob)).reason());
  }
}
