package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.testing.StoreSnapshot;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireRetryRequest;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireSignedRetryRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retry requests are signed by the requester's identity key: one that its list does not vouch
 * for (a server's forgery), that is unsigned, addressed to another device, from the future or
 * replayed (the same signed nonce again) spends none of the requester's resends and none of its
 * hourly session re-creations.
 */
class SignedRetryTest {
  private final Accounts world = new Accounts();
  private QuintetDevice phone;
  private QuintetDevice bobPhone;
  private DeviceAddress to;
  private String secret;
  private Envelope delivered;

  @BeforeEach
  void aMessageBobRead() throws Exception {
    phone = world.primary("alice");
    bobPhone = world.primary("bob");
    to = phone.address().orElseThrow();
    Outgoing out = phone.encrypt(List.of(AccountId.of("bob")), Payload.text("secret"));
    delivered = out.envelopes().get(0);
    assertInstanceOf(Received.Delivered.class, bobPhone.decrypt(delivered));
    secret = out.messageId();
  }

  private static Received.Rejected.Reason rejection(Received r) {
    return assertInstanceOf(Received.Rejected.class, r, () -> "expected a rejection, got " + r).reason();
  }

  private static ByteString nonce() {
    return ByteString.copyFrom(io.quintet.core.internal.crypto.Rng.bytes(16));
  }

  private Envelope genuine(int count) throws Exception {
    return FanoutHardeningTest.signedRetry(secret, bobPhone, to, count, world.clock.millis());
  }

  /** Every one of bob's five resends is still available. */
  private void allResendsLeft() throws Exception {
    for (int i = 1; i <= 5; i++) {
      assertEquals(Received.Reply.Kind.RESEND,
          assertInstanceOf(Received.Reply.class, phone.decrypt(genuine(i))).kind());
    }
    assertEquals(Received.Rejected.Reason.TOO_MANY_RETRIES, rejection(phone.decrypt(genuine(1))));
  }

  /** Bob's genuine request, carrying his current bundle, signed at {@code timestamp}. */
  private Envelope genuineWithBundle(int count, long timestamp) throws Exception {
    byte[] id = HexFormat.of().parseHex(secret);
    byte[] request = WireRetryRequest.newBuilder().setMessageId(ByteString.copyFrom(id))
        .setRetryCount(count).setTimestamp(timestamp).setNonce(nonce())
        .setBundle(Bundles.wire(bobPhone.newPreKeyBundles(1).get(0))).build().toByteArray();
    byte[] signature = FanoutHardeningTest.store(bobPhone).identityKeyPair()
        .sign(Retries.signed(bobPhone.address().get(), to, request));
    return FanoutHardeningTest.retryEnvelope(id, bobPhone.address().get(), to,
        WireSignedRetryRequest.newBuilder().setRequest(ByteString.copyFrom(request))
            .setSignature(ByteString.copyFrom(signature)).build().toByteString());
  }

  private boolean rebuilt() throws Exception {
    return FanoutHardeningTest.store(phone)
        .loadState(Retries.REBUILT, bobPhone.address().get().toString()).isPresent();
  }

  private StoreSnapshot phoneStore() throws Exception {
    return StoreSnapshot.of(FanoutHardeningTest.store(phone))
        .addresses(bobPhone.address().orElseThrow()).states(Retries.REBUILT).take();
  }

  @Test
  void aForgedRequestWithAGenuineBundleIsRefusedAndSpendsNothing() throws Exception {
    byte[] id = HexFormat.of().parseHex(secret);
    byte[] request = WireRetryRequest.newBuilder().setMessageId(ByteString.copyFrom(id))
        .setRetryCount(2).setTimestamp(world.clock.millis()).setNonce(nonce())
        .setBundle(Bundles.wire(bobPhone.newPreKeyBundles(1).get(0))).build().toByteArray();
    IdentityKeyPair server = IdentityKeyPair.generate();
    Envelope forged = FanoutHardeningTest.retryEnvelope(id, bobPhone.address().get(), to,
        WireSignedRetryRequest.newBuilder().setRequest(ByteString.copyFrom(request))
            .setSignature(ByteString.copyFrom(
                server.sign(Retries.signed(bobPhone.address().get(), to, request))))
            .build().toByteString());
    StoreSnapshot before = phoneStore();
    for (int i = 0; i < 10; i++) {
      assertEquals(Received.Rejected.Reason.FORGED, rejection(phone.decrypt(forged)));
    }
    before.retake().assertUnchanged();
    allResendsLeft();
  }

  @Test
  void anUnsignedRequestIsMalformed() throws Exception {
    byte[] id = HexFormat.of().parseHex(secret);
    ByteString bare = WireRetryRequest.newBuilder().setMessageId(ByteString.copyFrom(id))
        .setRetryCount(1).setTimestamp(world.clock.millis()).setNonce(nonce()).build()
        .toByteString();
    assertEquals(Received.Rejected.Reason.MALFORMED, rejection(phone.decrypt(
        FanoutHardeningTest.retryEnvelope(id, bobPhone.address().get(), to, bare))));
    allResendsLeft();
  }

  @Test
  void aRequestSignedForAnotherRecipientIsForged() throws Exception {
    DeviceAddress elsewhere = world.linkByQr(phone).address().orElseThrow();
    byte[] id = HexFormat.of().parseHex(secret);
    byte[] request = WireRetryRequest.newBuilder().setMessageId(ByteString.copyFrom(id))
        .setRetryCount(1).setTimestamp(world.clock.millis()).setNonce(nonce()).build()
        .toByteArray();
    byte[] signature = FanoutHardeningTest.store(bobPhone).identityKeyPair()
        .sign(Retries.signed(bobPhone.address().get(), elsewhere, request));
    Envelope redirected = FanoutHardeningTest.retryEnvelope(id, bobPhone.address().get(), to,
        WireSignedRetryRequest.newBuilder().setRequest(ByteString.copyFrom(request))
            .setSignature(ByteString.copyFrom(signature)).build().toByteString());
    assertEquals(Received.Rejected.Reason.FORGED, rejection(phone.decrypt(redirected)));
  }

  @Test
  void aReplayedRequestIsADuplicateAndSpendsNothing() throws Exception {
    Envelope first = genuine(1);
    assertInstanceOf(Received.Reply.class, phone.decrypt(first));
    for (int i = 0; i < 10; i++) {
      assertInstanceOf(Received.Duplicate.class, phone.decrypt(first));
    }
    for (int i = 2; i <= 5; i++) {
      assertInstanceOf(Received.Reply.class, phone.decrypt(genuine(i)));
    }
    assertEquals(Received.Rejected.Reason.TOO_MANY_RETRIES, rejection(phone.decrypt(genuine(1))),
        "the replays spent none of the five");
  }

  @Test
  void aGarbledCopyOfADeliveredMessageIsADuplicateNotARequest() throws Exception {
    byte[] body = delivered.serialize();
    io.quintet.devicelist.internal.proto.MessagingProtos.WireEnvelope w =
        io.quintet.devicelist.internal.proto.MessagingProtos.WireEnvelope.parseFrom(body);
    byte[] garbled = w.getBody().toByteArray();
    garbled[garbled.length - 1] ^= 1;
    Envelope copy = Envelope.parse(w.toBuilder().setBody(ByteString.copyFrom(garbled)).build()
        .toByteArray());
    for (int i = 0; i < 6; i++) {
      assertInstanceOf(Received.Duplicate.class, bobPhone.decrypt(copy),
          "the server cannot make bob sign requests for what he has read");
    }
  }

  @Test
  void aReplayedBundleRequestDoesNotRebuildAgainLater() throws Exception {
    Envelope request = genuineWithBundle(2, world.clock.millis());
    assertInstanceOf(Received.Reply.class, phone.decrypt(request));
    assertTrue(rebuilt());
    world.clock.advance(Duration.ofHours(2)); // past the hourly limit
    StoreSnapshot before = phoneStore();
    assertInstanceOf(Received.Duplicate.class, phone.decrypt(request));
    before.retake().assertUnchanged();
  }

  @Test
  void aBundleRequestHeldBackIsAnsweredWithoutRebuilding() throws Exception {
    long signedAt = world.clock.millis();
    world.clock.advance(Retries.FRESH_FOR_REBUILD.plusMinutes(11)); // beyond the clock skew too
    assertInstanceOf(Received.Reply.class, phone.decrypt(genuineWithBundle(2, signedAt)));
    assertFalse(rebuilt(), "an old request may not choose when the session is re-created");
    assertInstanceOf(Received.Reply.class, phone.decrypt(genuineWithBundle(3, world.clock.millis())));
    assertTrue(rebuilt(), "a fresh one may");
  }

  @Test
  void aRequestFromTheFutureIsRefused() throws Exception {
    long tomorrow = world.clock.millis() + Duration.ofDays(1).toMillis();
    assertEquals(Received.Rejected.Reason.MALFORMED, rejection(phone.decrypt(
        FanoutHardeningTest.signedRetry(secret, bobPhone, to, 1, tomorrow))));
    allResendsLeft();
  }
}
