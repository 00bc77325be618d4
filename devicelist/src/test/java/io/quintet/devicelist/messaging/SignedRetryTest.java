package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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

  @BeforeEach
  void aMessageBobRead() throws Exception {
    phone = world.primary("alice");
    bobPhone = world.primary("bob");
    to = phone.address().orElseThrow();
    Outgoing out = phone.encrypt(List.of(AccountId.of("bob")), Payload.text("secret"));
    world.server.deliverAll(out.envelopes());
    assertInstanceOf(Received.Delivered.class, world.receive(bobPhone).get(0));
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
  void aRequestFromTheFutureIsRefused() throws Exception {
    long tomorrow = world.clock.millis() + Duration.ofDays(1).toMillis();
    assertEquals(Received.Rejected.Reason.MALFORMED, rejection(phone.decrypt(
        FanoutHardeningTest.signedRetry(secret, bobPhone, to, 1, tomorrow))));
    allResendsLeft();
  }
}
