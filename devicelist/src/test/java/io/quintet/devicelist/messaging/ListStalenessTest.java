package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Received.Delivered#senderListStale()}: a receiver learns that the sender used an older
 * list of some account than the receiver has accepted — its own account's, the sender's own, or
 * a third recipient's — e.g. because the server still served the old one.
 */
class ListStalenessTest {
  private final Accounts world = new Accounts();
  private final AccountId bob = AccountId.of("bob");
  private final AccountId carol = AccountId.of("carol");

  private static Received.Delivered delivered(Received r) {
    return assertInstanceOf(Received.Delivered.class, r, () -> "expected delivery, got " + r);
  }

  private static byte[] listOf(QuintetDevice device, AccountId account) {
    return device.knownDeviceList(account).orElseThrow().signedList().serialize();
  }

  @Test
  void aSenderWithTheCurrentListIsNotStale() throws Exception {
    QuintetDevice alice = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    QuintetDevice bobLaptop = world.linkByQr(bobPhone);
    world.server.deliverAll(alice.encrypt(List.of(bob), Payload.text("hi")).envelopes());
    assertFalse(delivered(world.receive(bobPhone).get(0)).senderListStale());
    assertFalse(delivered(world.receive(bobLaptop).get(0)).senderListStale());
  }

  @Test
  void aSenderServedAnOldListOfTheReceiversAccountIsStale() throws Exception {
    QuintetDevice alice = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    QuintetDevice bobLaptop = world.linkByQr(bobPhone);
    world.server.deliverAll(alice.encrypt(List.of(bob), Payload.text("first")).envelopes());
    world.receive(bobPhone);
    world.receive(bobLaptop);
    byte[] withLaptop = listOf(bobPhone, bob);

    QuintetDevice bobTablet = world.linkByQr(bobPhone);
    world.server.serveList(bob, withLaptop); // the server lags behind the newest list
    Outgoing out = alice.encrypt(List.of(bob), Payload.text("second"));
    assertFalse(out.envelopes().stream().anyMatch(e -> e.recipient().equals(bobTablet.address().get())),
        "the old list does not name the tablet");
    world.server.deliverAll(out.envelopes());
    Received.Delivered atPhone = delivered(world.receive(bobPhone).get(0));
    assertEquals("second", atPhone.payload().text());
    assertTrue(atPhone.senderListStale(), "bob's phone knows a newer list of its own account");
  }

  @Test
  void aGroupMessageFromASenderWithAnOldListIsStale() throws Exception {
    QuintetDevice alice = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    GroupId group = GroupId.random();
    world.server.deliverAll(alice.encryptToGroup(group, List.of(bob), Payload.text("a")).envelopes());
    assertFalse(delivered(world.receive(bobPhone).get(1)).senderListStale());
    byte[] phoneOnly = listOf(bobPhone, bob);

    world.linkByQr(bobPhone);
    world.server.serveList(bob, phoneOnly);
    world.server.deliverAll(alice.encryptToGroup(group, List.of(bob), Payload.text("b")).envelopes());
    List<Received> got = world.receive(bobPhone);
    assertEquals(1, got.size(), got.toString());
    Received.Delivered r = delivered(got.get(0));
    assertEquals("b", r.payload().text());
    assertTrue(r.senderListStale());
  }

  @Test
  void anOldListOfAThirdRecipientIsStaleToo() throws Exception {
    QuintetDevice alice = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    QuintetDevice carolPhone = world.primary("carol");
    world.server.deliverAll(alice.encrypt(List.of(carol), Payload.text("hi carol")).envelopes());
    world.receive(carolPhone);
    byte[] carolAlone = listOf(alice, carol);
    world.linkByQr(carolPhone);
    // Bob accepts carol's newer list by writing to her; alice is served the old one.
    world.server.deliverAll(bobPhone.encrypt(List.of(carol), Payload.text("hey")).envelopes());
    assertEquals(2, bobPhone.knownDeviceList(carol).orElseThrow().validDevices(world.clock.instant()).size());
    world.server.serveList(carol, carolAlone);
    world.server.deliverAll(alice.encrypt(List.of(bob, carol), Payload.text("both")).envelopes());
    Received.Delivered r = delivered(world.receive(bobPhone).get(0));
    assertEquals("both", r.payload().text());
    assertTrue(r.senderListStale(), "bob knows a newer list of carol than alice used");
  }

  @Test
  void aCompanionServedAnOldListOfItsOwnAccountIsStale() throws Exception {
    QuintetDevice alicePhone = world.primary("alice");
    QuintetDevice aliceLaptop = world.linkByQr(alicePhone);
    QuintetDevice bobPhone = world.primary("bob");
    AccountId alice = AccountId.of("alice");
    byte[] withLaptop = listOf(aliceLaptop, alice);
    QuintetDevice aliceTablet = world.linkByQr(alicePhone);
    // Bob accepts alice's newest list when her tablet (not in the old list) writes to him.
    world.server.deliverAll(aliceTablet.encrypt(List.of(bob), Payload.text("from the tablet")).envelopes());
    assertEquals("from the tablet", delivered(world.receive(bobPhone).get(0)).payload().text());
    world.server.serveList(alice, withLaptop);
    world.server.deliverAll(aliceLaptop.encrypt(List.of(bob), Payload.text("from the laptop")).envelopes());
    Received.Delivered r = delivered(world.receive(bobPhone).get(0));
    assertEquals("from the laptop", r.payload().text());
    assertTrue(r.senderListStale(), "the laptop used its account's old list");
  }
}
