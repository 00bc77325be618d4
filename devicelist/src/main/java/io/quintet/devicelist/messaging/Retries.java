package io.quintet.devicelist.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.DeviceAddress;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireRetryRequest;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireSignedRetryRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Healing, bounded so it converges and never loops (WhatsApp's retry receipts, Signal's
 * decryption errors): a receiver that cannot decrypt asks the sending device to send again,
 * at most {@code maxRetries} times per message; from the second request on it attaches its
 * current prekey bundle, from which the sender re-creates the session — at most once per
 * {@code rebuildInterval} per device. Requests are signed by the requester's identity key and
 * checked against the identity its list vouches for before anything is counted, and a request
 * whose random nonce was already admitted for the same message and device is a replay, so
 * nobody else can spend a device's resends or its session re-creation. Retry counters live
 * in memory (bounded); only a real session re-creation is written. A group message
 * is sent again pairwise, preceded by the group's current key if the requester holds it (see
 * {@link Groups#redistribute}).
 */
final class Retries {
  static final String REBUILT = "quintet.rebuilt";
  private static final int MAX_TRACKED = 4096;
  private static final int MAX_REQUEST_BYTES = 8192;
  private static final int SIGNATURE_BYTES = 64;
  private static final int NONCE_BYTES = 16;
  /** How old (beyond the allowed clock skew) a request may be to re-create a session. */
  static final Duration FRESH_FOR_REBUILD = Duration.ofMinutes(15);
  private static final byte[] DOMAIN =
      "Quintet retry request v1\0".getBytes(StandardCharsets.US_ASCII);

  private final DeviceContext ctx;
  private final Fanout fanout;
  private final Groups groups;
  private final Map<String, Integer> asked = bounded(); // receiver: sender/message -> requests

  Retries(DeviceContext ctx, Fanout fanout, Groups groups) {
    this.ctx = ctx;
    this.fanout = fanout;
    this.groups = groups;
  }

  private static Map<String, Integer> bounded() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
        return size() > MAX_TRACKED;
      }
    };
  }

  /** The receiver could not decrypt {@code failed}: ask its sender to send it again. */
  Received request(Envelope failed, DeviceAddress self, String why) {
    String key = failed.sender() + "/" + failed.messageIdHex();
    int count;
    synchronized (asked) {
      count = asked.getOrDefault(key, 0) + 1;
      if (count > ctx.maxRetries) {
        return new Received.Rejected(Received.Rejected.Reason.TOO_MANY_RETRIES,
            "message " + failed.messageIdHex() + " still fails after " + ctx.maxRetries
                + " retries: " + why);
      }
      asked.put(key, count);
    }
    WireRetryRequest.Builder request = WireRetryRequest.newBuilder()
        .setMessageId(ByteString.copyFrom(failed.messageId()))
        .setRetryCount(count)
        .setRegistrationId(ctx.store.localRegistrationId())
        .setTimestamp(ctx.clock.millis())
        .setNonce(ByteString.copyFrom(Rng.bytes(NONCE_BYTES)));
    if (count >= 2) {
      Bundles.current(ctx.store, self.device()).ifPresent(b -> request.setBundle(Bundles.wire(b)));
    }
    byte[] inner = request.build().toByteArray();
    byte[] signature = ctx.store.identityKeyPair().sign(signed(self, failed.sender(), inner));
    byte[] body = WireSignedRetryRequest.newBuilder().setRequest(ByteString.copyFrom(inner))
        .setSignature(ByteString.copyFrom(signature)).build().toByteArray();
    Envelope envelope = new Envelope(failed.messageId(), self, failed.sender(),
        Envelope.Type.RETRY, body, ctx.clock.millis(), new byte[0], new byte[0]);
    return new Received.Reply(Received.Reply.Kind.RETRY_REQUEST, List.of(envelope),
        "could not decrypt (" + why + "), retry " + count + " of " + ctx.maxRetries);
  }

  /** The message decrypted: forget its retry count. */
  void delivered(Envelope envelope) {
    synchronized (asked) {
      asked.remove(envelope.sender() + "/" + envelope.messageIdHex());
    }
  }

  /**
   * Another device asks for a message again: re-encrypt it for that one device, re-creating
   * the session from the attached bundle if allowed.
   */
  Received answer(Envelope e, IdentityKey vouched, Membership self, byte[] ownDigest,
      byte[] requesterDigest) throws IOException {
    long now = ctx.clock.millis();
    DeviceAddress requester = e.sender();
    // Cheap refusals first: only a device the message was meant for, with the identity it had
    // then (a device linked later, or a reused id, never gets an earlier message by asking).
    SentMessages.Sent sent = ctx.sent.find(e.messageIdHex(), now);
    if (sent == null || !vouched.equals(sent.targets.get(requester))) {
      return rejected(Received.Rejected.Reason.UNKNOWN_MESSAGE,
          "no recent message " + e.messageIdHex() + " to " + requester);
    }
    WireRetryRequest request;
    try {
      if (e.body().length > MAX_REQUEST_BYTES) {
        throw new InvalidProtocolBufferException("oversized");
      }
      WireSignedRetryRequest wire = WireSignedRetryRequest.parseFrom(e.body());
      byte[] inner = wire.getRequest().toByteArray();
      byte[] signature = wire.getSignature().toByteArray();
      if (signature.length != SIGNATURE_BYTES) {
        return rejected(Received.Rejected.Reason.MALFORMED, "retry request is not signed");
      }
      // Before anything is counted or sent: a request the requester did not sign (a server's
      // forgery) must not spend its resends or its hourly session re-creation.
      if (!vouched.verifySignature(signed(requester, self.address(), inner), signature)) {
        return rejected(Received.Rejected.Reason.FORGED,
            "retry request is not signed by the identity " + requester + "'s list vouches for");
      }
      request = WireRetryRequest.parseFrom(inner);
    } catch (InvalidProtocolBufferException x) {
      return rejected(Received.Rejected.Reason.MALFORMED, "retry request is malformed");
    }
    if (!Arrays.equals(request.getMessageId().toByteArray(), e.messageId())
        || request.getRetryCount() < 1 || request.getNonce().size() != NONCE_BYTES) {
      return rejected(Received.Rejected.Reason.MALFORMED, "retry request is inconsistent");
    }
    long skew = ctx.linkPolicy.maxClockSkew().toMillis();
    if (request.getTimestamp() > now + skew) {
      return rejected(Received.Rejected.Reason.MALFORMED, "retry request is from the future");
    }
    if (request.getRetryCount() > ctx.maxRetries) {
      return rejected(Received.Rejected.Reason.TOO_MANY_RETRIES,
          "message " + e.messageIdHex() + " was sent again too often to " + requester);
    }
    switch (sent.admit(requester, ctx.maxRetries, request.getNonce())) {
      case REPLAYED:
        return new Received.Duplicate(requester, e.messageIdHex());
      case EXHAUSTED:
        return rejected(Received.Rejected.Reason.TOO_MANY_RETRIES,
            "message " + e.messageIdHex() + " was sent again too often to " + requester);
      default:
        break;
    }
    Map<DeviceAddress, String> unreachable = new HashMap<>();
    // Only a request made just now may re-create the session: one held back by the server
    // would let it choose when the hourly re-creation is spent. An old one is answered on the
    // current session; if that fails, the requester asks again, freshly signed.
    if (request.hasBundle() && request.getTimestamp() >= now - skew - FRESH_FOR_REBUILD.toMillis()) {
      rebuild(requester, vouched, request, unreachable);
    }
    fanout.ensureSessions(Map.of(requester, vouched), unreachable);
    if (!unreachable.isEmpty()) {
      return rejected(Received.Rejected.Reason.UNDECRYPTABLE,
          "cannot send again to " + requester + ": " + unreachable.get(requester));
    }
    boolean own = requester.account().equals(self.account);
    Content content = own
        ? Content.sent(e.messageId(), sent.timestamp, sent.payload, sent.recipients, sent.groupId,
            Map.of()).asResend()
        : Content.groupPayload(e.messageId(), sent.timestamp, sent.payload, sent.groupId, Map.of())
            .asResend();
    List<Envelope> envelopes = new ArrayList<>(2);
    if (sent.groupId != null) { // a group message: the key too, if the requester had it
      groups.redistribute(GroupId.of(sent.groupId), requester, vouched, self.address(), ownDigest,
          requesterDigest).ifPresent(envelopes::add);
    }
    List<Fanout.Sealed> sealed =
        fanout.encrypt(List.of(requester), d -> content.serialize(), unreachable);
    if (sealed.isEmpty()) {
      return rejected(Received.Rejected.Reason.UNDECRYPTABLE,
          "cannot send again to " + requester + ": " + unreachable.get(requester));
    }
    envelopes.add(Fanout.envelope(e.messageId(), self.address(), sealed.get(0),
        ctx.clock.millis(), ownDigest, requesterDigest));
    return new Received.Reply(Received.Reply.Kind.RESEND, envelopes,
        "sent " + e.messageIdHex() + " again to " + requester);
  }

  private void rebuild(DeviceAddress requester, IdentityKey vouched, WireRetryRequest request,
      Map<DeviceAddress, String> unreachable) {
    String key = requester.toString();
    long now = ctx.clock.millis();
    Optional<byte[]> last = ctx.store.loadState(REBUILT, key);
    if (last.isPresent() && last.get().length == Long.BYTES
        && now - ByteBuffer.wrap(last.get()).getLong() < ctx.rebuildInterval.toMillis()) {
      return; // re-created recently: send again on the current session
    }
    PreKeyBundle bundle;
    try {
      bundle = Bundles.parse(request.getBundle());
    } catch (InvalidMessageException x) {
      return; // a bad bundle is ignored; the existing session (if any) is used
    }
    String problem = fanout.build(requester, vouched, bundle);
    if (problem == null) {
      ctx.store.atomically(() -> {
        ctx.store.storeState(REBUILT, key, ByteBuffer.allocate(Long.BYTES).putLong(now).array());
        return null;
      });
    }
  }

  /** What a requester signs (see messaging.proto, {@code WireSignedRetryRequest}). */
  static byte[] signed(DeviceAddress requester, DeviceAddress recipient, byte[] request) {
    byte[] from = requester.account().value().getBytes(StandardCharsets.UTF_8);
    byte[] to = recipient.account().value().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(DOMAIN.length + 2 * (2 + 4) + from.length + to.length
            + request.length)
        .put(DOMAIN)
        .putShort((short) from.length).put(from).putInt(requester.device().value())
        .putShort((short) to.length).put(to).putInt(recipient.device().value())
        .put(request)
        .array();
  }

  private static Received rejected(Received.Rejected.Reason reason, String detail) {
    return new Received.Rejected(reason, detail);
  }
}
