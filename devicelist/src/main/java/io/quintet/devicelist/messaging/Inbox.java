package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidKeyIdException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.NoSessionException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.store.AppWriteException;
import io.quintet.core.store.TransactionHook;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.ratchet.CiphertextMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The receiving side: an envelope is accepted only from a device that its account's current
 * verified list vouches for, with the identity the list names; it is delivered exactly once
 * (the ratchet refuses a repeated ciphertext, and message ids already delivered are refused
 * even when re-encrypted); a failure the sender can heal becomes a bounded retry request.
 */
final class Inbox {
  static final String SEEN = SeenMessages.NAMESPACE;

  private final DeviceContext ctx;
  private final Lifecycle lifecycle;
  private final Retries retries;
  private final Fanout fanout;
  private final GroupInbox groups;
  final SeenMessages seen;
  private static final java.time.Duration SENDER_LIST_RECHECK = java.time.Duration.ofHours(1);
  /** When each sender account's list was last checked with the server (bounded). */
  private final Map<AccountId, Long> lastChecked = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<AccountId, Long> eldest) {
      return size() > 4096;
    }
  };

  Inbox(DeviceContext ctx, Lifecycle lifecycle, Retries retries, Fanout fanout, GroupInbox groups) {
    this.ctx = ctx;
    this.fanout = fanout;
    this.lifecycle = lifecycle;
    this.retries = retries;
    this.groups = groups;
    this.seen = new SeenMessages(ctx.store, ctx.clock);
  }

  /** A content that authenticated but is not acceptable; rolls the transaction back. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final Received result;

    Refused(Received result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  Received decrypt(Envelope e, TransactionHook<? super Received.Delivered> hook)
      throws LoggedOutException, IOException, AppWriteException {
    Membership self = lifecycle.ensureActive(false);
    if (!e.recipient().equals(self.address())) {
      return rejected(Received.Rejected.Reason.MALFORMED, "addressed to " + e.recipient());
    }
    if (e.sender().equals(self.address())) {
      return rejected(Received.Rejected.Reason.MALFORMED, "claims to come from this device");
    }
    if (e.type() == Envelope.Type.RETRY
        && ctx.sent.find(e.messageIdHex(), ctx.clock.millis()) == null) {
      // Cheap refusal first: no list is verified for a retry of a message we do not have.
      return rejected(Received.Rejected.Reason.UNKNOWN_MESSAGE,
          "no recent message " + e.messageIdHex());
    }
    Optional<VerifiedDeviceList> list = senderList(e.sender());
    if (list.isEmpty()) {
      return rejected(Received.Rejected.Reason.NO_VALID_LIST,
          "no verified device list of " + e.sender().account());
    }
    Optional<IdentityKey> vouched = list.get().identityOf(e.sender().device(), ctx.clock.instant());
    if (vouched.isEmpty()) {
      return rejected(Received.Rejected.Reason.DEVICE_NOT_IN_LIST,
          e.sender() + " is not a valid device of its account");
    }
    switch (e.type()) {
      case RETRY:
        VerifiedDeviceList own = lifecycle.ownList();
        return retries.answer(e, vouched.get(), self, DeviceLists.digest(own),
            DeviceLists.digest(list.get()));
      case GROUP:
        return groups.decrypt(e, self, vouched.get(), hook, this, retries);
      default:
        return pairwise(e, self, vouched.get(), hook);
    }
  }

  /**
   * The sender's account list: refetched if the one we know does not name the sender, or was
   * last checked with the server more than {@link #SENDER_LIST_RECHECK} ago — so a removed
   * companion is refused by contacts that only receive, within that time.
   */
  private Optional<VerifiedDeviceList> senderList(DeviceAddress sender) throws IOException {
    Optional<VerifiedDeviceList> known = ctx.lists.known(sender.account());
    long now = ctx.clock.millis();
    Long checked;
    synchronized (lastChecked) {
      checked = lastChecked.get(sender.account());
    }
    if (known.isPresent() && checked != null && now - checked < SENDER_LIST_RECHECK.toMillis()
        && known.get().identityOf(sender.device(), ctx.clock.instant()).isPresent()) {
      return known;
    }
    Optional<VerifiedDeviceList> fresh = ctx.lists.refresh(sender.account()).list;
    synchronized (lastChecked) {
      lastChecked.put(sender.account(), now);
    }
    return fresh;
  }

  private Received pairwise(Envelope e, Membership self, IdentityKey vouched,
      TransactionHook<? super Received.Delivered> hook) throws AppWriteException {
    DeviceAddress sender = e.sender();
    byte[] body = e.body();
    try {
      if (e.type() == Envelope.Type.PREKEY) {
        if (!PreKeySignalMessage.parse(body).identityKey().equals(vouched)) {
          return rejected(Received.Rejected.Reason.UNTRUSTED_IDENTITY,
              "first message from " + sender + " is not from the identity its list names");
        }
        if (ctx.store.identity(sender).map(k -> !k.equals(vouched)).orElse(false)) {
          fanout.adopt(sender, vouched); // the verified list names a new identity here
        }
      } else if (ctx.store.identity(sender).map(k -> !k.equals(vouched)).orElse(false)) {
        return rejected(Received.Rejected.Reason.UNTRUSTED_IDENTITY,
            "session with " + sender + " is with another identity than its list names");
      }
    } catch (InvalidMessageException x) {
      return rejected(Received.Rejected.Reason.MALFORMED, x.getMessage());
    }
    Received[] result = new Received[1];
    CiphertextMessage.Type type = e.type() == Envelope.Type.PREKEY
        ? CiphertextMessage.Type.PREKEY : CiphertextMessage.Type.WHISPER;
    try {
      ctx.cipher(sender).decrypt(type, body, plaintext -> {
        result[0] = accept(e, self, vouched, plaintext);
        if (result[0] instanceof Received.Delivered && hook != null) {
          hook.run((Received.Delivered) result[0]);
        }
      });
      retries.delivered(e);
      return result[0];
    } catch (AppWriteException x) {
      if (x.getCause() instanceof Refused) {
        return ((Refused) x.getCause()).result;
      }
      throw x;
    } catch (DuplicateMessageException x) {
      return new Received.Duplicate(sender, e.messageIdHex());
    } catch (InvalidVersionException x) {
      return rejected(Received.Rejected.Reason.MALFORMED, x.getMessage());
    } catch (InvalidMessageException | NoSessionException | InvalidKeyIdException x) {
      return askAgain(e, self, x.getMessage());
    } catch (UntrustedIdentityException x) {
      return rejected(Received.Rejected.Reason.UNTRUSTED_IDENTITY, x.getMessage());
    }
  }

  /**
   * {@code e} could not be read: a retry request to its sender — unless its message id was
   * delivered already, which is what a server re-sending a garbled copy of a delivered message
   * (to make this device sign requests that spend the sender's resends) would look like.
   */
  Received askAgain(Envelope e, Membership self, String why) {
    if (seen.recentlyDelivered(e.sender(), e.messageId())) {
      return new Received.Duplicate(e.sender(), e.messageIdHex());
    }
    return retries.request(e, self.address(), why);
  }

  /** Inside the session's transaction: parse, check, and remember the message as seen. */
  private Received accept(Envelope e, Membership self, IdentityKey vouched, byte[] plaintext)
      throws Refused {
    // The session that decrypted (current or archived) saved its peer identity just before
    // this hook: it must be the one the list names now, whatever the app's trust store says.
    if (!ctx.store.identity(e.sender()).map(vouched::equals).orElse(false)) {
      throw new Refused(rejected(Received.Rejected.Reason.UNTRUSTED_IDENTITY,
          "decrypted by a session with another identity than the list of " + e.sender() + " names"));
    }
    Content content;
    try {
      content = Content.parse(plaintext);
    } catch (InvalidMessageException x) {
      throw new Refused(rejected(Received.Rejected.Reason.MALFORMED, x.getMessage()));
    }
    if (!Arrays.equals(content.messageId, e.messageId())) {
      throw new Refused(rejected(Received.Rejected.Reason.MALFORMED,
          "the message id inside does not match the envelope's"));
    }
    boolean ownAccount = e.sender().account().equals(self.account);
    if (content.payload != null && content.payload.kind() == Payload.Kind.HISTORY
        && !(ownAccount && e.sender().device().isPrimary())) {
      throw new Refused(rejected(Received.Rejected.Reason.MALFORMED,
          "a history bundle from another device than this account's primary"));
    }
    if (content.kind == Content.Kind.SENT && !ownAccount) {
      throw new Refused(rejected(Received.Rejected.Reason.MALFORMED,
          "a sent transcript from another account"));
    }
    if (seen.tooOld(content.timestamp, content.resend)) {
      throw new Refused(rejected(Received.Rejected.Reason.TOO_OLD,
          "a resend of a message sent more than " + SeenMessages.RESEND_HORIZON.toDays()
              + " days ago cannot be told from a replay; it is refused"));
    }
    if (!seen.mark(e.sender(), content.messageId, content.timestamp, content.resend)) {
      return new Received.Duplicate(e.sender(), e.messageIdHex());
    }
    if (content.kind == Content.Kind.GROUP_KEY) {
      Received refused = groups.stage(e.sender(), vouched, content);
      if (refused != null) {
        throw new Refused(refused);
      }
      return new Received.Handled("group key from " + e.sender());
    }
    return new Received.Delivered(e.sender(), e.messageIdHex(), content.timestamp,
        content.payload, content.kind == Content.Kind.SENT ? content.destinations
            : java.util.List.<AccountId>of(), content.groupId, stale(content.lists), ownAccount);
  }

  /**
   * Whether the sender used an older list of some account than this device has accepted. One
   * version read per account the message names: a message to a thousand accounts costs a
   * thousand reads here (see docs/groups.md).
   */
  boolean stale(Map<AccountId, Long> used) {
    for (Map.Entry<AccountId, Long> ref : used.entrySet()) {
      Optional<Long> newest = ctx.store.deviceListVersion(ref.getKey());
      if (newest.isPresent() && newest.get() > ref.getValue()) {
        return true;
      }
    }
    return false;
  }

  private static Received rejected(Received.Rejected.Reason reason, String detail) {
    return new Received.Rejected(reason, detail);
  }
}
