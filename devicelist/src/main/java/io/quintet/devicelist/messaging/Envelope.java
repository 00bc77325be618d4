package io.quintet.devicelist.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.Limits;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireEnvelope;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One message for one device, as the app's server stores and forwards it: who sent it to
 * whom, an id shared by every device's copy of one send, the digests of the device lists the
 * sender used (so a server or receiver can spot a sender with a stale list), and an opaque
 * body. Only the body is secret, and it is end-to-end encrypted (a retry request carries no
 * secret at all).
 *
 * <pre>{@code
 * byte[] wire = envelope.serialize();                  // hand to the server
 * Envelope received = Envelope.parse(bytesFromServer); // then device.decrypt(received)
 * }</pre>
 */
public final class Envelope {
  /** The wire format version this library writes and reads. */
  public static final int VERSION = 1;
  /** The length of a message id. */
  public static final int MESSAGE_ID_BYTES = 16;
  private static final int DIGEST_BYTES = 32;
  private static final int MAX_SERIALIZED = Limits.MAX_MESSAGE_BYTES + 4096;

  /** What the body is. */
  public enum Type {
    /** A pairwise first message that also sets up the session (PQXDH / X3DH). */
    PREKEY,
    /** A pairwise message on an established session. */
    WHISPER,
    /** A request to send a message again, in the clear (it carries no secret). */
    RETRY,
    /** A group message under the sending device's sender key. */
    GROUP
  }

  private final byte[] messageId;
  private final DeviceAddress sender;
  private final DeviceAddress recipient;
  private final Type type;
  private final byte[] body;
  private final long timestamp;
  private final byte[] senderListDigest;
  private final byte[] recipientListDigest;

  Envelope(byte[] messageId, DeviceAddress sender, DeviceAddress recipient, Type type, byte[] body,
      long timestamp, byte[] senderListDigest, byte[] recipientListDigest) {
    // No copies: every caller hands over arrays nobody modifies afterwards, and an envelope
    // never hands its own out, so the envelopes of one send share one body (a group send to
    // 5 000 devices would otherwise copy 6 MB).
    this.messageId = Objects.requireNonNull(messageId, "messageId");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.recipient = Objects.requireNonNull(recipient, "recipient");
    this.type = Objects.requireNonNull(type, "type");
    this.body = Objects.requireNonNull(body, "body");
    this.timestamp = timestamp;
    this.senderListDigest = Objects.requireNonNull(senderListDigest, "senderListDigest");
    this.recipientListDigest = Objects.requireNonNull(recipientListDigest, "recipientListDigest");
  }

  /**
   * Parses and validates an envelope from the server.
   *
   * @throws InvalidMessageException if it is malformed, oversized or names invalid devices
   * @throws InvalidVersionException if it is of another wire version
   */
  public static Envelope parse(byte[] serialized)
      throws InvalidMessageException, InvalidVersionException {
    Objects.requireNonNull(serialized, "serialized");
    if (serialized.length > MAX_SERIALIZED) {
      throw new InvalidMessageException("envelope of " + serialized.length + " bytes is too large");
    }
    WireEnvelope w;
    try {
      w = WireEnvelope.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidMessageException("envelope is not a valid protobuf");
    }
    if (w.getVersion() != VERSION) {
      throw new InvalidVersionException("envelope version " + w.getVersion() + " is not supported");
    }
    if (w.getMessageId().size() != MESSAGE_ID_BYTES) {
      throw new InvalidMessageException("envelope message id must be " + MESSAGE_ID_BYTES + " bytes");
    }
    if (w.getType() < 1 || w.getType() > Type.values().length) {
      throw new InvalidMessageException("envelope type " + w.getType() + " is unknown");
    }
    checkDigest(w.getSenderListDigest(), "sender");
    checkDigest(w.getRecipientListDigest(), "recipient");
    if (w.getBody().isEmpty()) {
      throw new InvalidMessageException("envelope has no body");
    }
    return new Envelope(w.getMessageId().toByteArray(),
        address(w.getSenderAccount(), w.getSenderDevice(), "sender"),
        address(w.getRecipientAccount(), w.getRecipientDevice(), "recipient"),
        Type.values()[w.getType() - 1], w.getBody().toByteArray(), w.getTimestamp(),
        w.getSenderListDigest().toByteArray(), w.getRecipientListDigest().toByteArray());
  }

  private static void checkDigest(ByteString digest, String whose) throws InvalidMessageException {
    if (!digest.isEmpty() && digest.size() != DIGEST_BYTES) {
      throw new InvalidMessageException(whose + " list digest must be " + DIGEST_BYTES + " bytes");
    }
  }

  private static DeviceAddress address(String account, int device, String role)
      throws InvalidMessageException {
    try {
      return DeviceAddress.of(AccountId.of(account), DeviceId.of(device));
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException("envelope " + role + " is not a valid device address");
    }
  }

  public byte[] serialize() {
    return WireEnvelope.newBuilder()
        .setVersion(VERSION)
        .setMessageId(ByteString.copyFrom(messageId))
        .setSenderAccount(sender.account().value())
        .setSenderDevice(sender.device().value())
        .setRecipientAccount(recipient.account().value())
        .setRecipientDevice(recipient.device().value())
        .setType(type.ordinal() + 1)
        .setBody(ByteString.copyFrom(body))
        .setTimestamp(timestamp)
        .setSenderListDigest(ByteString.copyFrom(senderListDigest))
        .setRecipientListDigest(ByteString.copyFrom(recipientListDigest))
        .build()
        .toByteArray();
  }

  /** The id shared by every device's copy of one send (and by its resends). */
  public byte[] messageId() {
    return messageId.clone();
  }

  /** The id as lower-case hex, for logs and maps. */
  public String messageIdHex() {
    return HexFormat.of().formatHex(messageId);
  }

  /** The sending device as the envelope claims it; decryption proves it. */
  public DeviceAddress sender() {
    return sender;
  }

  public DeviceAddress recipient() {
    return recipient;
  }

  public Type type() {
    return type;
  }

  byte[] body() {
    return body.clone();
  }

  /** The sender's clock when it sent, in milliseconds since the epoch (not authenticated). */
  public long timestamp() {
    return timestamp;
  }

  /** SHA-256 of the sender's own device list as the sender used it. */
  public byte[] senderListDigest() {
    return senderListDigest.clone();
  }

  /** SHA-256 of the recipient account's device list as the sender used it. */
  public byte[] recipientListDigest() {
    return recipientListDigest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope && Arrays.equals(((Envelope) o).serialize(), serialize());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(messageId) * 31 + recipient.hashCode();
  }

  @Override
  public String toString() {
    return "Envelope[" + type + " " + messageIdHex() + " " + sender + " -> " + recipient + ", "
        + body.length + " bytes]";
  }
}
