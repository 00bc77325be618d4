package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.ProtocolStore;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireEnvelope;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireRetryRequest;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireSignedRetryRequest;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionCipher;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the hostile review of the fan-out layer: each was an attack that
 * worked (forged retry requests, late-linked devices, removed companions, lost publishes).
 */
class FanoutHardeningTest {
  private final Accounts world = new Accounts();
  private final AccountId alice = AccountId.of("alice");
  private final AccountId bob = AccountId.of("bob");

  private static Received.Delivered delivered(Received r) {
    return assertInstanceOf(Received.Delivered.class, r, () -> "expected delivery, got " + r);
  }

  private static Received.Rejected.Reason rejection(Received r) {
    return assertInstanceOf(Received.Rejected.class, r, () -> "expected rejection, got " + r).reason();
  }

  static ProtocolStore store(QuintetDevice d) throws Exception {
    java.lang.reflect.Field f = QuintetDevice.class.getDeclaredField("ctx");
    f.setAccessible(true);
    return ((DeviceContext) f.get(d)).store;
  }

  /** A retry request as {@code requester} signs it (and as a server could replay it). */
  static Envelope signedRetry(String messageIdHex, QuintetDevice requester, DeviceAddress to,
      int count, long timestamp) throws Exception {
    return retryEnvelope(messageIdHex, requester.address().orElseThrow(), to, count, timestamp,
        store(requester).identityKeyPair());
  }

  /** What a server can build by itself: a retry request claiming any sender, signed by its own key. */
  static Envelope forgeRetry(String messageIdHex, DeviceAddress claimedSender, DeviceAddress to,
      int count) throws Exception {
    return retryEnvelope(messageIdHex, claimedSender, to, count, 0, IdentityKeyPair.generate());
  }

  static Envelope retryEnvelope(String messageIdHex, DeviceAddress from, DeviceAddress to, int count,
      long timestamp, IdentityKeyPair signer) throws Exception {
    byte[] id = HexFormat.of().parseHex(messageIdHex);
    byte[] request = WireRetryRequest.newBuilder().setMessageId(ByteString.copyFrom(id))
        .setRetryCount(count).setRegistrationId(1).setTimestamp(timestamp)
        .setNonce(ByteString.copyFrom(io.quintet.core.internal.crypto.Rng.bytes(16)))
        .build().toByteArray();
    byte[] signature = signer.sign(Retries.signed(from, to, request));
    return retryEnvelope(id, from, to, WireSignedRetryRequest.newBuilder()
        .setRequest(ByteString.copyFrom(request)).setSignature(ByteString.copyFrom(signature))
        .build().toByteString());
  }

  static Envelope retryEnvelope(byte[] id, DeviceAddress from, DeviceAddress to, ByteString body)
      throws Exception {
    return Envelope.parse(WireEnvelope.newBuilder().setVersion(1).setMessageId(ByteString.copyFrom(id))
        .setSenderAccount(from.account().value()).setSenderDevice(from.device().value())
        .setRecipientAccount(to.account().value()).setRecipientDevice(to.device().value())
        .setType(3).setBody(body).build().toByteArray());
  }

  @Test
  void aLateRetryCannotGetAnOldMessageDeliveredAgainAfterTheSeenWindowRolledOver()
      throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    Outgoing first = phone.encrypt(List.of(bob), Payload.text("transfer 100 EUR"));
    world.server.deliverAll(first.envelopes());
    delivered(world.receive(bobPhone).get(0));
    for (int i = 0; i < BUSY_CHAT; i++) {
      world.clock.advance(Duration.ofMillis(1));
      world.server.deliverAll(phone.encrypt(List.of(bob), Payload.text("m" + i)).envelopes());
    }
    world.receive(bobPhone).forEach(FanoutHardeningTest::delivered);

    Received r = phone.decrypt(signedRetry(first.messageId(), bobPhone, phone.address().get(), 1,
        world.clock.millis()));
    world.server.deliverAll(assertInstanceOf(Received.Reply.class, r).envelopes());
    assertInstanceOf(Received.Duplicate.class, world.receive(bobPhone).get(0),
        "older than the watermark: counts as delivered");
  }

  @Test
  void aRetryIsAnsweredOnlyForDevicesTheMessageWasMeantFor() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    Outgoing secret = phone.encrypt(List.of(bob), Payload.text("before any desk existed"));
    world.server.deliverAll(secret.envelopes());
    delivered(world.receive(bobPhone).get(0));

    QuintetDevice bobDesk = world.linkByQr(bobPhone);
    assertEquals(Received.Rejected.Reason.UNKNOWN_MESSAGE, rejection(phone.decrypt(
        signedRetry(secret.messageId(), bobDesk, phone.address().get(), 1, world.clock.millis()))));
    QuintetDevice laptop = world.linkByQr(phone);
    assertEquals(Received.Rejected.Reason.UNKNOWN_MESSAGE, rejection(phone.decrypt(
        signedRetry(secret.messageId(), laptop, phone.address().get(), 1, world.clock.millis()))));

    // The device it was meant for gets it again, at most five times, then never.
    for (int i = 1; i <= 5; i++) {
      assertInstanceOf(Received.Reply.class, phone.decrypt(
          signedRetry(secret.messageId(), bobPhone, phone.address().get(), i, world.clock.millis())));
    }
    assertEquals(Received.Rejected.Reason.TOO_MANY_RETRIES, rejection(phone.decrypt(
        signedRetry(secret.messageId(), bobPhone, phone.address().get(), 1, world.clock.millis()))));
    world.clock.advance(SentMessages.MAX_RESEND_AGE.plusMinutes(1));
    QuintetDevice carol = world.primary("carol");
    Outgoing old = phone.encrypt(List.of(AccountId.of("carol")), Payload.text("x"));
    world.clock.advance(SentMessages.MAX_RESEND_AGE.plusMinutes(1));
    assertEquals(Received.Rejected.Reason.UNKNOWN_MESSAGE, rejection(phone.decrypt(
        signedRetry(old.messageId(), carol, phone.address().get(), 1, world.clock.millis()))));
  }

  @Test
  void aRemovedCompanionIsRefusedByContactsThatOnlyReceiveWithinAnHour() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");
    world.server.deliverAll(laptop.encrypt(List.of(bob), Payload.text("hi")).envelopes());
    delivered(world.receive(bobPhone).get(0));

    phone.removeCompanion(laptop.address().get().device()); // the laptop was stolen
    world.clock.advance(Duration.ofHours(2));
    ProtocolStore stolen = store(laptop); // a modified client keeps using its session
    byte[] id = io.quintet.core.internal.crypto.Rng.bytes(16);
    CiphertextMessage c = new SessionCipher(stolen, bobPhone.address().get())
        .encrypt(Content.payload(id, world.clock.millis(), Payload.text("send me the code"),
            Map.of()).serialize());
    Envelope e = Fanout.envelope(id, laptop.address().get(),
        new Fanout.Sealed(bobPhone.address().get(), c), world.clock.millis(), new byte[0],
        new byte[0]);
    assertEquals(Received.Rejected.Reason.DEVICE_NOT_IN_LIST, rejection(bobPhone.decrypt(e)));
  }

  @Test
  void aRemovalWhosePublishFailedIsPublishedByTheNextOperation() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");
    world.server.offline = true;
    assertThrows(IOException.class, () -> phone.removeCompanion(laptop.address().get().device()));
    world.server.offline = false;
    QuintetDevice carol = world.primary("carol");
    phone.encrypt(List.of(carol.address().get().account()), Payload.text("in use again"));
    Outgoing o = bobPhone.encrypt(List.of(alice), Payload.text("who is there?"));
    assertTrue(o.envelopes().stream().noneMatch(e -> e.recipient().equals(laptop.address().get())));
    assertThrows(LoggedOutException.class, () -> laptop.encrypt(List.of(bob), Payload.text("x")));
  }

  @Test
  void aDeviceCannotReKeyItsOwnAccountAndOversizedSendsFailBeforeAnySessionMoves()
      throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    assertThrows(IllegalArgumentException.class,
        () -> phone.trustNewPrimaryIdentity(alice, bobPhone.identityKey()));
    world.server.deliverAll(phone.encrypt(List.of(bob), Payload.text("hi")).envelopes());
    byte[] before = store(phone).loadSession(bobPhone.address().get()).orElseThrow();
    byte[] big = new byte[Payload.MAX_DATA_BYTES];
    List<AccountId> many = new java.util.ArrayList<>(List.of(bob));
    for (int i = 0; i < 20; i++) {
      many.add(AccountId.of("x".repeat(240) + i));
    }
    assertThrows(IllegalArgumentException.class,
        () -> phone.encrypt(many, Payload.data("application/octet-stream", big)));
    assertEquals(HexFormat.of().formatHex(before),
        HexFormat.of().formatHex(store(phone).loadSession(bobPhone.address().get()).orElseThrow()));
    assertFalse(store(phone).loadSession(DeviceAddress.of(bob, DeviceId.of(1))).isPresent());
  }

  @Test
  void aHealingResendOfAnOldNeverDeliveredMessageIsDelivered() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    world.server.deliverAll(phone.encrypt(List.of(bob), Payload.text("hello")).envelopes());
    world.receive(bobPhone).forEach(FanoutHardeningTest::delivered);
    world.server.deliverAll(bobPhone.encrypt(List.of(alice), Payload.text("hi")).envelopes());
    world.receive(phone);
    Envelope orig = phone.encrypt(List.of(bob), Payload.text("the important one")).envelopes().get(0);
    for (int i = 0; i < BUSY_CHAT; i++) {
      world.clock.advance(Duration.ofMillis(1));
      world.server.deliverAll(phone.encrypt(List.of(bob), Payload.text("m" + i)).envelopes());
    }
    world.receive(bobPhone).forEach(FanoutHardeningTest::delivered);
    byte[] body = orig.body(); // it arrives late and broken
    body[body.length - 3] ^= 1;
    Envelope broken = new Envelope(orig.messageId(), orig.sender(), orig.recipient(),
        orig.type(), body, orig.timestamp(), new byte[0], new byte[0]);
    Received ask = bobPhone.decrypt(broken);
    Received answer = phone.decrypt(assertInstanceOf(Received.Reply.class, ask).envelopes().get(0));
    world.server.deliverAll(assertInstanceOf(Received.Reply.class, answer).envelopes());
    assertEquals("the important one", delivered(world.receive(bobPhone).get(0)).payload().text());
  }

  private static final int BUSY_CHAT = 300; // more than any count-bounded memory of ids

  @Test
  void aPrimaryThatReSignedOfflineDropsTheCompanionsWhoseListExpiredOnTheServer()
      throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");
    world.server.offline = true;
    for (int d = 0; d < 16; d++) {
      world.clock.advance(Duration.ofDays(1));
      try {
        phone.encrypt(List.of(bob), Payload.text("offline"));
      } catch (IOException e) {
        // the server is unreachable: the phone re-signs locally but cannot publish
      }
    }
    world.server.offline = false;
    assertEquals(DeviceStatus.LOGGED_OUT, laptop.refresh());
    phone.encrypt(List.of(bob), Payload.text("back online"));
    Outgoing o = bobPhone.encrypt(List.of(alice), Payload.text("hi"));
    assertTrue(o.envelopes().stream().noneMatch(e -> e.recipient().equals(laptop.address().get())),
        "nobody encrypts to the logged-out laptop");
  }
}
