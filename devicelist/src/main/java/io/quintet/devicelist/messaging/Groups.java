package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.NoSessionException;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.ratchet.group.GroupCipher;
import io.quintet.ratchet.group.GroupSessionBuilder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sending to a group with this device's sender key: one ciphertext for every device of every
 * member, after the key went pairwise to the devices that did not have it yet. The key is
 * replaced by a fresh one (new distribution id, old own key deleted) as soon as a device that
 * was sent it is no longer a valid device of a member with the same identity — a member left,
 * a companion was removed or expired, a device was reinstalled — so such a device cannot read
 * what follows. New devices get the current key.
 */
final class Groups {
  private static final int LOCK_STRIPES = 64;
  private static final int PARSED_GROUPS = 16;

  private final DeviceContext ctx;
  private final Fanout fanout;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  /** See {@link #loadSending}; the groups this device sent to most recently. */
  private final Map<GroupId, ParsedSending> parsed = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<GroupId, ParsedSending> eldest) {
          return size() > PARSED_GROUPS;
        }
      });

  Groups(DeviceContext ctx, Fanout fanout) {
    this.ctx = ctx;
    this.fanout = fanout;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** One send to {@code members} (and this account's other devices), see the class comment. */
  Outgoing encrypt(Membership self, VerifiedDeviceList own, GroupId group,
      Collection<AccountId> members, Payload payload) throws IOException {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(payload, "payload");
    Set<AccountId> others = new LinkedHashSet<>(members);
    if (others.contains(null)) {
      throw new NullPointerException("members must not contain null");
    }
    others.remove(self.account);
    if (others.size() > Content.MAX_DESTINATIONS) {
      throw new IllegalArgumentException("a group has at most " + Content.MAX_DESTINATIONS
          + " other members");
    }
    byte[] messageId = Rng.bytes(Envelope.MESSAGE_ID_BYTES);
    long now = ctx.clock.millis();
    Instant at = ctx.clock.instant();

    Recipients who = Recipients.resolve(ctx, self, own, others);
    Targets targets = who.targets;
    Map<DeviceAddress, String> unreachable = who.unreachable;
    Map<AccountId, Long> versions = who.versions;
    Map<AccountId, byte[]> digests = who.digests;

    List<Envelope> envelopes = new ArrayList<>();
    byte[] body;
    ReentrantLock lock = lockFor(group);
    lock.lock();
    try {
      GroupState.Plan plan = current(self.address(), group, targets);
      GroupState.Sending key = plan.key;
      List<DeviceAddress> reached = new ArrayList<>();
      if (!plan.missing.isEmpty()) {
        envelopes.addAll(distribute(self.address(), group, key, plan.missing, unreachable,
            reached, now, digests));
        GroupState.Sending next = key.with(reached, plan.missing);
        ctx.store.atomically(() -> {
          save(next, group);
          return null;
        });
      }
      byte[] content = Content.groupPayload(messageId, now, payload, group.bytes(), versions)
          .serialize();
      try {
        body = new GroupCipher(ctx.store, self.address()).encrypt(key.distributionId, content);
      } catch (NoSessionException e) {
        throw new IllegalStateException("this device's sender key vanished while sending", e);
      }
    } finally {
      lock.unlock();
    }
    for (DeviceAddress d : targets.keySet()) {
      if (!unreachable.containsKey(d)) {
        envelopes.add(new Envelope(messageId, self.address(), d, Envelope.Type.GROUP, body, now,
            digests.get(self.account), digests.get(d.account())));
      }
    }
    List<AccountId> destinations = new ArrayList<>(others);
    ctx.sent.remember(HexFormat.of().formatHex(messageId),
        new SentMessages.Sent(destinations, payload, now, group.bytes(), targets));
    return new Outgoing(HexFormat.of().formatHex(messageId), envelopes, unreachable, digests,
        who.problems);
  }

  /** Serializes the sends and re-sends of one group's key (two sends must not both rotate). */
  private ReentrantLock lockFor(GroupId group) {
    return locks[Math.floorMod(group.hashCode(), LOCK_STRIPES)];
  }

  /**
   * The group's current sender key and the targets that lack it, or a fresh key (that all of
   * them lack) if a device that was sent the current key may no longer read the group (or this
   * device lost its own key); the old own key is deleted in the same transaction that records
   * the new distribution id.
   */
  private GroupState.Plan current(DeviceAddress self, GroupId group, Targets targets) {
    Optional<GroupState.Sending> stored = loadSending(group);
    if (stored.isPresent()
        && ctx.store.loadSenderKey(self, stored.get().distributionId).isPresent()) {
      GroupState.Plan plan = stored.get().plan(targets);
      if (!plan.stale) {
        return plan;
      }
    }
    GroupState.Sending fresh = new GroupState.Sending(GroupState.newDistributionId(), Map.of());
    ctx.store.atomically(() -> {
      save(fresh, group);
      stored.ifPresent(old -> ctx.store.deleteSenderKey(self, old.distributionId));
      return null;
    });
    return fresh.plan(targets);
  }

  /**
   * The stored record of the group's own key, parsed, or remembered from the last time the
   * same bytes were read or written: it names every device that holds the key, thousands in a
   * large group, and every send needs it. Any other bytes (another process wrote, a
   * transaction rolled back) are parsed afresh, and a wiped record (logout) reads as absent.
   */
  private Optional<GroupState.Sending> loadSending(GroupId group) {
    Optional<byte[]> stored = ctx.store.loadState(GroupState.SENDING, group.hex());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    ParsedSending hit = parsed.get(group);
    if (hit != null && Arrays.equals(hit.bytes, stored.get())) {
      return Optional.of(hit.sending);
    }
    Optional<GroupState.Sending> sending = GroupState.Sending.parse(stored.get());
    sending.ifPresent(k -> parsed.put(group, new ParsedSending(stored.get().clone(), k)));
    return sending;
  }

  private void save(GroupState.Sending sending, GroupId group) {
    parsed.put(group, new ParsedSending(sending.save(ctx.store, group), sending));
  }

  private static final class ParsedSending {
    final byte[] bytes;
    final GroupState.Sending sending;

    ParsedSending(byte[] bytes, GroupState.Sending sending) {
      this.bytes = bytes;
      this.sending = sending;
    }
  }

  /**
   * Sends the current key pairwise to the devices {@code missing} it; those it reached are
   * added to {@code reached}, the others to {@code unreachable}.
   */
  private List<Envelope> distribute(DeviceAddress self, GroupId group, GroupState.Sending key,
      Map<DeviceAddress, IdentityKey> missing, Map<DeviceAddress, String> unreachable,
      List<DeviceAddress> reached, long now, Map<AccountId, byte[]> digests) throws IOException {
    fanout.ensureSessions(missing, unreachable);
    List<DeviceAddress> devices = new ArrayList<>();
    for (DeviceAddress d : missing.keySet()) {
      if (!unreachable.containsKey(d)) {
        devices.add(d);
      }
    }
    if (devices.isEmpty()) {
      return List.of();
    }
    byte[] keyMessageId = Rng.bytes(Envelope.MESSAGE_ID_BYTES);
    byte[] content = keyContent(self, group, key, keyMessageId, now);
    List<Envelope> out = new ArrayList<>();
    for (Fanout.Sealed s : fanout.encrypt(devices, d -> content, unreachable)) {
      reached.add(s.device);
      out.add(Fanout.envelope(keyMessageId, self, s, now, digests.get(self.account()),
          digests.get(s.device.account())));
    }
    return out;
  }

  private byte[] keyContent(DeviceAddress self, GroupId group, GroupState.Sending key,
      byte[] keyMessageId, long now) {
    SenderKeyDistributionMessage distribution =
        new GroupSessionBuilder(ctx.store).create(self, key.distributionId);
    return Content.groupKey(keyMessageId, now, group.bytes(), distribution.serialize())
        .serialize();
  }

  /**
   * For a retry request about a group message: the current key again, pairwise, to a device
   * that was sent it (and has the same identity) — it lost the key or never got it. Nobody
   * else is sent a key here: a device that is not a holder either gets the key with the next
   * send, if it may read the group, or must not get it at all. The session must exist.
   */
  Optional<Envelope> redistribute(GroupId group, DeviceAddress requester, IdentityKey vouched,
      DeviceAddress self, byte[] ownDigest, byte[] requesterDigest) {
    ReentrantLock lock = lockFor(group);
    lock.lock();
    try {
      Optional<GroupState.Sending> key = loadSending(group);
      if (key.isEmpty() || !key.get().holds(requester, vouched)
          || ctx.store.loadSenderKey(self, key.get().distributionId).isEmpty()) {
        return Optional.empty();
      }
      long now = ctx.clock.millis();
      byte[] keyMessageId = Rng.bytes(Envelope.MESSAGE_ID_BYTES);
      byte[] content = keyContent(self, group, key.get(), keyMessageId, now);
      Map<DeviceAddress, String> failed = new HashMap<>();
      List<Fanout.Sealed> sealed = fanout.encrypt(List.of(requester), d -> content, failed);
      return sealed.stream().findFirst().map(s ->
          Fanout.envelope(keyMessageId, self, s, now, ownDigest, requesterDigest));
    } finally {
      lock.unlock();
    }
  }
}
