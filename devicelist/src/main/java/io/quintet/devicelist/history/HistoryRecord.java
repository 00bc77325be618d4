package io.quintet.devicelist.history;

import io.quintet.core.DeviceAddress;
import io.quintet.core.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One past message in a history bundle: the conversation it belongs to, the device that sent
 * it, when, the app's kind of message, and the app's payload (at most {@link
 * #MAX_PAYLOAD_BYTES}; media stay attachments, referenced by their pointers in the payload).
 * Immutable; timestamps keep millisecond precision.
 *
 * <pre>{@code
 * HistoryRecord r = HistoryRecord.of("family-chat",
 *     DeviceAddress.of(AccountId.of("bob"), DeviceId.PRIMARY),
 *     Instant.parse("2024-05-01T10:15:30Z"), KIND_TEXT, "see you at 8".getBytes(UTF_8));
 * }</pre>
 */
public final class HistoryRecord {
  /** The largest payload, the same as one pairwise message's plaintext. */
  public static final int MAX_PAYLOAD_BYTES = Limits.MAX_PLAINTEXT_BYTES;

  /** The longest conversation id, in UTF-8 bytes. */
  public static final int MAX_CONVERSATION_ID_BYTES = 256;

  /** The largest message kind; kinds are the app's own numbers. */
  public static final int MAX_KIND = 0xFFFF;

  private final String conversationId;
  private final DeviceAddress sender;
  private final Instant timestamp;
  private final int kind;
  private final byte[] payload;

  private HistoryRecord(String conversationId, DeviceAddress sender, Instant timestamp, int kind,
      byte[] payload) {
    this.conversationId = conversationId;
    this.sender = sender;
    this.timestamp = timestamp;
    this.kind = kind;
    this.payload = payload;
  }

  /**
   * A record; {@code payload} is copied and {@code timestamp} truncated to milliseconds.
   *
   * @throws IllegalArgumentException if the conversation id is empty, longer than {@link
   *     #MAX_CONVERSATION_ID_BYTES}, or has control characters or lone surrogates; if the
   *     timestamp is before 1970; if the kind is outside 0..{@link #MAX_KIND}; or if the payload
   *     is longer than {@link #MAX_PAYLOAD_BYTES}
   */
  public static HistoryRecord of(String conversationId, DeviceAddress sender, Instant timestamp,
      int kind, byte[] payload) {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(payload, "payload");
    String problem = conversationIdProblem(conversationId);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (timestamp.toEpochMilli() < 0) {
      throw new IllegalArgumentException("timestamp must not be before 1970");
    }
    if (kind < 0 || kind > MAX_KIND) {
      throw new IllegalArgumentException("kind must be 0.." + MAX_KIND);
    }
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload exceeds " + MAX_PAYLOAD_BYTES + " bytes");
    }
    return new HistoryRecord(conversationId, sender,
        Instant.ofEpochMilli(timestamp.toEpochMilli()), kind, payload.clone());
  }

  /** Null if {@code id} is acceptable, else what is wrong with it. */
  static String conversationIdProblem(String id) {
    if (id == null) {
      return "conversation id is missing";
    }
    if (id.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
      return "conversation id must be well-formed UTF-16";
    }
    int bytes = id.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_CONVERSATION_ID_BYTES) {
      return "conversation id must be 1.." + MAX_CONVERSATION_ID_BYTES + " UTF-8 bytes";
    }
    if (id.chars().anyMatch(Character::isISOControl)) {
      return "conversation id must not contain control characters";
    }
    return null;
  }

  public String conversationId() {
    return conversationId;
  }

  public DeviceAddress sender() {
    return sender;
  }

  public Instant timestamp() {
    return timestamp;
  }

  public int kind() {
    return kind;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  int payloadLength() {
    return payload.length;
  }

  byte[] payloadUnsafe() {
    return payload;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HistoryRecord)) {
      return false;
    }
    HistoryRecord r = (HistoryRecord) o;
    return kind == r.kind
        && conversationId.equals(r.conversationId)
        && sender.equals(r.sender)
        && timestamp.equals(r.timestamp)
        && Arrays.equals(payload, r.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(conversationId, sender, timestamp, kind, Arrays.hashCode(payload));
  }

  /** Shows where and when, never the payload. */
  @Override
  public String toString() {
    return "HistoryRecord[" + conversationId + ", from " + sender + " at " + timestamp + ", kind "
        + kind + ", " + payload.length + " bytes]";
  }
}
