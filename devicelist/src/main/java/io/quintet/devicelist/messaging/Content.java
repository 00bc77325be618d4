package io.quintet.devicelist.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireContent;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireGroupKey;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireListRef;
import io.quintet.devicelist.internal.proto.MessagingProtos.WirePayload;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireSent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What travels inside a pairwise ciphertext, parsed and validated. */
final class Content {
  /** At most this many destination accounts in one sent transcript. */
  static final int MAX_DESTINATIONS = 4096;
  static final int MAX_LIST_REFS = MAX_DESTINATIONS + 1;
  static final int MAX_GROUP_ID_BYTES = 64;

  enum Kind { PAYLOAD, SENT, GROUP_KEY }

  final Kind kind;
  final byte[] messageId;
  final long timestamp;
  final Payload payload; // PAYLOAD, SENT (null for a group key)
  final List<AccountId> destinations; // SENT
  final byte[] groupId; // PAYLOAD and SENT of a group message, GROUP_KEY
  final byte[] distribution; // GROUP_KEY
  final Map<AccountId, Long> lists;
  /** Sent again in answer to a retry request (authenticated, like every field here). */
  boolean resend;

  private Content(Kind kind, byte[] messageId, long timestamp, Payload payload,
      List<AccountId> destinations, byte[] groupId, byte[] distribution, Map<AccountId, Long> lists) {
    this.kind = kind;
    this.messageId = messageId;
    this.timestamp = timestamp;
    this.payload = payload;
    this.destinations = destinations;
    this.groupId = groupId;
    this.distribution = distribution;
    this.lists = lists;
  }

  static Content payload(byte[] id, long timestamp, Payload payload, Map<AccountId, Long> lists) {
    return new Content(Kind.PAYLOAD, id, timestamp, payload, List.of(), null, null, lists);
  }

  /**
   * A group member's message: under the sender key (one body for every member device), or
   * sent again pairwise to one device that could not decrypt it.
   */
  static Content groupPayload(byte[] id, long timestamp, Payload payload, byte[] groupId,
      Map<AccountId, Long> lists) {
    return new Content(Kind.PAYLOAD, id, timestamp, payload, List.of(), groupId, null, lists);
  }

  static Content sent(byte[] id, long timestamp, Payload payload, List<AccountId> destinations,
      byte[] groupId, Map<AccountId, Long> lists) {
    return new Content(Kind.SENT, id, timestamp, payload, destinations, groupId, null, lists);
  }

  static Content groupKey(byte[] id, long timestamp, byte[] groupId, byte[] distribution) {
    return new Content(Kind.GROUP_KEY, id, timestamp, null, List.of(), groupId, distribution,
        Map.of());
  }

  /** Marks this content as a resend (answering a retry request). */
  Content asResend() {
    resend = true;
    return this;
  }

  byte[] serialize() {
    WireContent.Builder w = WireContent.newBuilder()
        .setMessageId(ByteString.copyFrom(messageId)).setTimestamp(timestamp).setResend(resend);
    lists.forEach((a, v) -> w.addLists(WireListRef.newBuilder().setAccount(a.value()).setVersion(v)));
    switch (kind) {
      case PAYLOAD:
        w.setPayload(wire(payload));
        if (groupId != null) {
          w.setGroupId(ByteString.copyFrom(groupId));
        }
        break;
      case SENT:
        WireSent.Builder s = WireSent.newBuilder().setPayload(wire(payload));
        destinations.forEach(d -> s.addDestinations(d.value()));
        if (groupId != null) {
          s.setGroupId(ByteString.copyFrom(groupId));
        }
        w.setSent(s);
        break;
      default:
        w.setGroupKey(WireGroupKey.newBuilder().setGroupId(ByteString.copyFrom(groupId))
            .setDistribution(ByteString.copyFrom(distribution)));
    }
    return w.build().toByteArray();
  }

  private static WirePayload wire(Payload p) {
    return WirePayload.newBuilder().setKind(p.kind().ordinal() + 1)
        .setContentType(p.contentType()).setData(ByteString.copyFrom(p.data())).build();
  }

  static Content parse(byte[] plaintext) throws InvalidMessageException {
    WireContent w;
    try {
      w = WireContent.parseFrom(plaintext);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidMessageException("message content is not a valid protobuf");
    }
    if (w.getMessageId().size() != Envelope.MESSAGE_ID_BYTES) {
      throw new InvalidMessageException("message content has no valid message id");
    }
    if (w.getListsCount() > MAX_LIST_REFS) {
      throw new InvalidMessageException("message content names too many device lists");
    }
    Map<AccountId, Long> lists = new LinkedHashMap<>();
    for (WireListRef ref : w.getListsList()) {
      lists.put(account(ref.getAccount()), ref.getVersion());
    }
    byte[] id = w.getMessageId().toByteArray();
    Content c = body(w, id, lists);
    c.resend = w.getResend();
    return c;
  }

  private static Content body(WireContent w, byte[] id, Map<AccountId, Long> lists)
      throws InvalidMessageException {
    switch (w.getBodyCase()) {
      case PAYLOAD:
        return groupPayload(id, w.getTimestamp(), payload(w.getPayload()),
            w.getGroupId().isEmpty() ? null : groupId(w.getGroupId()), lists);
      case SENT:
        WireSent s = w.getSent();
        if (s.getDestinationsCount() > MAX_DESTINATIONS) {
          throw new InvalidMessageException("sent transcript names too many destinations");
        }
        List<AccountId> destinations = new ArrayList<>();
        for (String d : s.getDestinationsList()) {
          destinations.add(account(d));
        }
        return sent(id, w.getTimestamp(), payload(s.getPayload()), destinations,
            s.getGroupId().isEmpty() ? null : groupId(s.getGroupId()), lists);
      case GROUP_KEY:
        WireGroupKey g = w.getGroupKey();
        if (g.getDistribution().isEmpty()) {
          throw new InvalidMessageException("group key message has no distribution");
        }
        return groupKey(id, w.getTimestamp(), groupId(g.getGroupId()),
            g.getDistribution().toByteArray());
      default:
        throw new InvalidMessageException("message content has no known body");
    }
  }

  private static byte[] groupId(ByteString id) throws InvalidMessageException {
    if (id.isEmpty() || id.size() > MAX_GROUP_ID_BYTES) {
      throw new InvalidMessageException("group id must be 1.." + MAX_GROUP_ID_BYTES + " bytes");
    }
    return id.toByteArray();
  }

  private static AccountId account(String value) throws InvalidMessageException {
    try {
      return AccountId.of(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException("message content names an invalid account");
    }
  }

  private static Payload payload(WirePayload w) throws InvalidMessageException {
    if (w.getKind() < 1 || w.getKind() > Payload.Kind.values().length) {
      throw new InvalidMessageException("payload kind " + w.getKind() + " is unknown");
    }
    if (w.getContentType().getBytes(StandardCharsets.UTF_8).length > Payload.MAX_CONTENT_TYPE_BYTES
        || w.getData().size() > Payload.MAX_DATA_BYTES) {
      throw new InvalidMessageException("payload is oversized");
    }
    return new Payload(Payload.Kind.values()[w.getKind() - 1], w.getContentType(),
        w.getData().toByteArray());
  }
  /**
   * Refuses, before any session moves, a send whose largest plaintext (the transcript for own
   * devices, with every destination and list version) would not fit in one message.
   */
  static void checkFits(byte[] messageId, long now, Payload payload,
      java.util.Collection<AccountId> others, AccountId self) {
    if (others.size() > Content.MAX_DESTINATIONS) {
      throw new IllegalArgumentException("at most " + Content.MAX_DESTINATIONS + " recipient accounts");
    }
    Map<AccountId, Long> worst = new java.util.TreeMap<>();
    others.forEach(a -> worst.put(a, Long.MAX_VALUE));
    worst.put(self, Long.MAX_VALUE);
    int size = sent(messageId, now, payload, new ArrayList<>(others), new byte[64], worst)
        .serialize().length;
    if (size > io.quintet.core.Limits.MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("payload and recipients make a " + size
          + "-byte message; send the content as an attachment");
    }
  }

}
