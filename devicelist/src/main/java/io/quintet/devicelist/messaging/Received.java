package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link QuintetDevice#decrypt}: a sealed set of results, each with what the
 * app should do. Failures an app can act on are results, not exceptions; the healing (retry
 * requests, resends) is built in and bounded, so it converges and never loops.
 *
 * <pre>{@code
 * Received r = laptop.decrypt(envelope);
 * if (r instanceof Received.Delivered) show((Received.Delivered) r);
 * else if (r instanceof Received.Reply) ((Received.Reply) r).envelopes().forEach(server::deliver);
 * else if (r instanceof Received.Rejected) log.warn(r.toString());
 * // Duplicate, Handled: nothing to do
 * }</pre>
 */
public sealed interface Received
    permits Received.Delivered, Received.Duplicate, Received.Reply, Received.Handled,
        Received.Rejected {

  /** A message for the app, from a device its account's verified list vouches for. */
  final class Delivered implements Received {
    private final DeviceAddress sender;
    private final String messageId;
    private final long timestamp;
    private final Payload payload;
    private final List<AccountId> destinations;
    private final Optional<byte[]> groupId;
    private final boolean senderListStale;
    private final boolean sentByOwnAccount;

    Delivered(DeviceAddress sender, String messageId, long timestamp, Payload payload,
        List<AccountId> destinations, byte[] groupId, boolean senderListStale,
        boolean sentByOwnAccount) {
      this.sentByOwnAccount = sentByOwnAccount;
      this.sender = sender;
      this.messageId = messageId;
      this.timestamp = timestamp;
      this.payload = payload;
      this.destinations = List.copyOf(destinations);
      this.groupId = Optional.ofNullable(groupId).map(byte[]::clone);
      this.senderListStale = senderListStale;
    }

    /** The sending device, proven by decryption and by its account's device list. */
    public DeviceAddress sender() {
      return sender;
    }

    public String messageId() {
      return messageId;
    }

    /** The sender's clock when it sent (authenticated, but only as true as that clock). */
    public long timestamp() {
      return timestamp;
    }

    public Payload payload() {
      return payload;
    }

    /**
     * For a message another device of this account sent: the accounts it was sent to (empty
     * for messages from other accounts).
     */
    public List<AccountId> destinations() {
      return destinations;
    }

    /** Whether another device of this device's own account sent it. */
    public boolean sentByOwnAccount() {
      return sentByOwnAccount;
    }

    /** The group, for a group message. */
    public Optional<byte[]> groupId() {
      return groupId.map(byte[]::clone);
    }

    /**
     * Whether the sender used an older device list of some account than this device has
     * accepted (for example it did not yet know a newly linked device, or still named a
     * removed one): the app may nudge the sender, and should expect that some device missed
     * the message.
     */
    public boolean senderListStale() {
      return senderListStale;
    }

    @Override
    public String toString() {
      return "Delivered[" + messageId + " from " + sender + ", " + payload + "]";
    }
  }

  /** This message was already delivered; nothing to do. */
  final class Duplicate implements Received {
    private final DeviceAddress sender;
    private final String messageId;

    Duplicate(DeviceAddress sender, String messageId) {
      this.sender = sender;
      this.messageId = messageId;
    }

    public DeviceAddress sender() {
      return sender;
    }

    public String messageId() {
      return messageId;
    }

    @Override
    public String toString() {
      return "Duplicate[" + messageId + " from " + sender + "]";
    }
  }

  /**
   * Envelopes to hand to the server: a retry request to the sender (this device could not
   * decrypt and asks for the message again), or the resends answering another device's
   * retry request.
   */
  final class Reply implements Received {
    /** Why the reply was made. */
    public enum Kind {
      /** This device could not decrypt; the envelope asks the sender to send again. */
      RETRY_REQUEST,
      /** Another device asked for a message again; the envelopes carry it re-encrypted. */
      RESEND
    }

    private final Kind kind;
    private final List<Envelope> envelopes;
    private final String detail;

    Reply(Kind kind, List<Envelope> envelopes, String detail) {
      this.kind = kind;
      this.envelopes = List.copyOf(envelopes);
      this.detail = Objects.requireNonNull(detail);
    }

    public Kind kind() {
      return kind;
    }

    public List<Envelope> envelopes() {
      return envelopes;
    }

    /** What went wrong or what is answered, for logs (no secrets). */
    public String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return "Reply[" + kind + ", " + envelopes.size() + " envelope(s): " + detail + "]";
    }
  }

  /** A protocol message that needed no action by the app (e.g. a group key). */
  final class Handled implements Received {
    private final String what;

    Handled(String what) {
      this.what = what;
    }

    public String what() {
      return what;
    }

    @Override
    public String toString() {
      return "Handled[" + what + "]";
    }
  }

  /** A message that must not be accepted; nothing was stored. */
  final class Rejected implements Received {
    /** Why. */
    public enum Reason {
      /** Not addressed to this device, or malformed. */
      MALFORMED,
      /** The sending device is not in its account's current verified list. */
      DEVICE_NOT_IN_LIST,
      /** The sender's identity is not the one its account's list (or the app) trusts. */
      UNTRUSTED_IDENTITY,
      /** The sender's account list could not be fetched or verified. */
      NO_VALID_LIST,
      /** The message was asked for too often; healing stops here. */
      TOO_MANY_RETRIES,
      /** A retry request for a message this device no longer has (or never sent). */
      UNKNOWN_MESSAGE,
      /**
       * A retry request not signed by the identity the requester's list vouches for (made by
       * someone else, e.g. the server): nothing is sent again or counted.
       */
      FORGED,
      /** Decryption failed and no retry can help. */
      UNDECRYPTABLE,
      /**
       * A message sent again long after it was first sent (days): it cannot be told from a
       * replay, so it is refused; the app may show a gap in the conversation.
       */
      TOO_OLD
    }

    private final Reason reason;
    private final String detail;

    Rejected(Reason reason, String detail) {
      this.reason = reason;
      this.detail = detail;
    }

    public Reason reason() {
      return reason;
    }

    public String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return "Rejected[" + reason + ": " + detail + "]";
    }
  }
}
