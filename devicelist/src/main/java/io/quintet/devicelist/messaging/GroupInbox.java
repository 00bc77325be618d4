package io.quintet.devicelist.messaging;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.NoSessionException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.store.AppWriteException;
import io.quintet.core.store.TransactionHook;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.core.wire.SenderKeyMessage;
import io.quintet.ratchet.group.GroupCipher;
import io.quintet.ratchet.group.GroupSessionBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Receiving group messages. A sender key arrives pairwise (so it is as authentic as the
 * session) and is recorded in that session's transaction, bound to its group and to the
 * sender's identity; it is installed in the sender-key store when first needed. A group
 * message is accepted only from a device its account's list vouches for with that identity,
 * under a key distributed for the group the message names, with the envelope's message id,
 * and once. A message without a usable key becomes a bounded retry request, which the sender
 * answers with the message pairwise and, if this device was sent the key, the key again.
 *
 * <p>The sender-key step commits on its own (the ratchet runs group decryption outside any
 * transaction); delivery and the app's hook commit in a second transaction. If that one fails
 * or never happens, the envelope decrypts as a duplicate that was never delivered, and is
 * asked for again: the message is not lost.
 */
final class GroupInbox {
  private final DeviceContext ctx;

  GroupInbox(DeviceContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Inside the pairwise transaction that carried a group key from {@code sender}: records it.
   * Returns the rejection if the key cannot be accepted, else null.
   */
  Received stage(DeviceAddress sender, IdentityKey identity, Content content) {
    SenderKeyDistributionMessage distribution;
    try {
      distribution = SenderKeyDistributionMessage.parse(content.distribution);
    } catch (InvalidMessageException e) {
      return rejected(Received.Rejected.Reason.MALFORMED, "group key: " + e.getMessage());
    }
    if (distribution.distributionId().isEmpty()) {
      return rejected(Received.Rejected.Reason.MALFORMED, "group key has no distribution id");
    }
    UUID id = distribution.distributionId().get();
    GroupId group = GroupId.of(content.groupId);
    Optional<GroupState.ReceivedKey> known = GroupState.ReceivedKey.load(ctx.store, sender, id);
    if (known.isPresent() && !known.get().group.equals(group)) {
      return rejected(Received.Rejected.Reason.MALFORMED,
          "group key " + id + " from " + sender + " was sent for another group before");
    }
    new GroupState.ReceivedKey(group, identity, content.distribution).save(ctx.store, sender, id);
    GroupState.addChain(ctx.store, sender, group, id);
    return null;
  }

  /** A GROUP envelope from {@code sender}, whose list vouches for it with {@code vouched}. */
  Received decrypt(Envelope e, Membership self, IdentityKey vouched,
      TransactionHook<? super Received.Delivered> hook, Inbox inbox, Retries retries)
      throws AppWriteException {
    DeviceAddress sender = e.sender();
    byte[] body = e.body();
    UUID id;
    try {
      SenderKeyMessage m = SenderKeyMessage.parse(body);
      if (m.isLegacy()) {
        return rejected(Received.Rejected.Reason.MALFORMED, "legacy group message");
      }
      id = m.distributionId().orElseThrow();
    } catch (InvalidMessageException x) {
      return rejected(Received.Rejected.Reason.MALFORMED, x.getMessage());
    }
    Optional<GroupState.ReceivedKey> key = GroupState.ReceivedKey.load(ctx.store, sender, id);
    if (key.isEmpty()) {
      return inbox.askAgain(e, self, "no sender key " + id + " from " + sender);
    }
    if (!key.get().identity.equals(vouched)) {
      return rejected(Received.Rejected.Reason.UNTRUSTED_IDENTITY,
          "the sender key of " + sender + " came from another identity than its list names");
    }
    byte[] plaintext;
    try {
      install(sender, id, key.get());
      plaintext = new GroupCipher(ctx.store, self.address()).decrypt(sender, body);
    } catch (DuplicateMessageException x) {
      return inbox.askAgain(e, self, "decrypted before but never delivered");
    } catch (InvalidMessageException | NoSessionException x) {
      return inbox.askAgain(e, self, x.getMessage());
    }
    Content content;
    try {
      content = Content.parse(plaintext);
    } catch (InvalidMessageException x) {
      return rejected(Received.Rejected.Reason.MALFORMED, x.getMessage());
    }
    if (content.kind != Content.Kind.PAYLOAD || content.groupId == null) {
      return rejected(Received.Rejected.Reason.MALFORMED, "a group message must be a payload");
    }
    if (!Arrays.equals(content.messageId, e.messageId())) {
      return rejected(Received.Rejected.Reason.MALFORMED,
          "the message id inside does not match the envelope's");
    }
    if (!key.get().group.equals(GroupId.of(content.groupId))) {
      return rejected(Received.Rejected.Reason.MALFORMED,
          "the message names another group than its sender key was sent for");
    }
    Received.Delivered delivered = new Received.Delivered(sender, e.messageIdHex(),
        content.timestamp, content.payload, List.of(), content.groupId,
        inbox.stale(content.lists), sender.account().equals(self.account));
    boolean fresh = ctx.store.atomically(() -> {
      if (!inbox.seen.mark(sender, content.messageId, content.timestamp, content.resend)) {
        return false; // it came pairwise first (an answer to a retry request)
      }
      if (hook != null) {
        try {
          hook.run(delivered);
        } catch (Exception x) {
          throw new AppWriteException(x);
        }
      }
      return true;
    });
    retries.delivered(e);
    return fresh ? delivered : new Received.Duplicate(sender, e.messageIdHex());
  }

  /** Installs a recorded key in the sender-key store once; installing again changes nothing. */
  private void install(DeviceAddress sender, UUID id, GroupState.ReceivedKey key)
      throws InvalidMessageException {
    if (key.distribution == null) {
      return;
    }
    new GroupSessionBuilder(ctx.store).process(sender,
        SenderKeyDistributionMessage.parse(key.distribution));
    ctx.store.atomically(() -> {
      // Only if no newer copy of the key arrived meanwhile (it would still need installing).
      Optional<GroupState.ReceivedKey> now = GroupState.ReceivedKey.load(ctx.store, sender, id);
      if (now.isPresent() && now.get().distribution != null
          && Arrays.equals(now.get().distribution, key.distribution)) {
        key.installed().save(ctx.store, sender, id);
      }
      return null;
    });
  }

  private static Received rejected(Received.Rejected.Reason reason, String detail) {
    return new Received.Rejected(reason, detail);
  }
}
