package io.quintet.devicelist.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.store.ProtocolStore;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireGroupChains;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireGroupHolder;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireGroupReceived;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireGroupSending;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a device keeps about groups in its store, besides the sender keys themselves: for each
 * group it sends to, its current distribution id and who was sent that key; for each sender
 * key another device distributed to it, the group it belongs to and the identity it came
 * from. A damaged record reads as absent: the sender then starts a new key, the receiver asks
 * for the key again — both heal.
 */
final class GroupState {
  /** Own sender keys: key = hex(group id). */
  static final String SENDING = "quintet.group.sending";
  /** Received sender keys: key = distribution id + "|" + sender (the UUID has a fixed length). */
  static final String RECEIVED = "quintet.group.received";
  /** Recent distribution ids per sender and group: key = hex(group id) + "|" + sender. */
  static final String CHAINS = "quintet.group.chains";
  /** Received sender keys kept per sender and group; older ones are deleted (with their key). */
  static final int KEPT_PER_SENDER = 3;

  private GroupState() {}

  /** Deletes every group record (a companion that was logged out). */
  static void wipe(ProtocolStore store) {
    store.deleteStateNamespace(SENDING);
    store.deleteStateNamespace(RECEIVED);
    store.deleteStateNamespace(CHAINS);
  }

  /** A random (version 4) distribution id from the library's SecureRandom. */
  static UUID newDistributionId() {
    byte[] b = Rng.bytes(16);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new UUID(buf.getLong(), buf.getLong());
  }

  private static byte[] bytes(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).array();
  }

  private static UUID uuid(ByteString b) {
    if (b.size() != 16) {
      throw new IllegalArgumentException("distribution id must be 16 bytes");
    }
    ByteBuffer buf = b.asReadOnlyByteBuffer();
    return new UUID(buf.getLong(), buf.getLong());
  }

  /** This device's current sender key for one group and the devices that were sent it. */
  static final class Sending {
    final UUID distributionId;
    final Map<DeviceAddress, IdentityKey> holders;

    Sending(UUID distributionId, Map<DeviceAddress, IdentityKey> holders) {
      this.distributionId = distributionId;
      this.holders = Collections.unmodifiableMap(new TreeMap<>(holders));
    }

    /** Whether {@code device} was sent this key while it had {@code identity}. */
    boolean holds(DeviceAddress device, IdentityKey identity) {
      IdentityKey had = holders.get(device);
      return had != null && had.equals(identity);
    }

    Sending with(List<DeviceAddress> devices, Map<DeviceAddress, IdentityKey> identities) {
      Map<DeviceAddress, IdentityKey> next = new TreeMap<>(holders);
      devices.forEach(d -> next.put(d, identities.get(d)));
      return new Sending(distributionId, next);
    }

    /** The stored record parsed; empty if it is damaged (a new sender key replaces it). */
    static Optional<Sending> parse(byte[] stored) {
      try {
        WireGroupSending w = WireGroupSending.parseFrom(stored);
        Map<DeviceAddress, IdentityKey> holders = new TreeMap<>();
        for (WireGroupHolder h : w.getHoldersList()) {
          holders.put(DeviceAddress.of(AccountId.of(h.getAccount()), DeviceId.of(h.getDevice())),
              IdentityKey.parse(h.getIdentityKey().toByteArray()));
        }
        return Optional.of(new Sending(uuid(w.getDistributionId()), holders));
      } catch (InvalidProtocolBufferException | InvalidKeyException | IllegalArgumentException e) {
        return Optional.empty();
      }
    }

    /** Stores this record and returns the bytes stored. */
    byte[] save(ProtocolStore store, GroupId group) {
      WireGroupSending.Builder w = WireGroupSending.newBuilder()
          .setDistributionId(ByteString.copyFrom(bytes(distributionId)));
      holders.forEach((d, k) -> w.addHolders(WireGroupHolder.newBuilder()
          .setAccount(d.account().value()).setDevice(d.device().value())
          .setIdentityKey(ByteString.copyFrom(k.serialize()))));
      byte[] record = w.build().toByteArray();
      store.storeState(SENDING, group.hex(), record);
      return record;
    }

    /**
     * Whether a device that was sent this key is no longer among {@code targets} with the
     * identity it had then (the key must be replaced), and which targets lack the key: one
     * ordered walk over both, since a group send to thousands of devices must not look each
     * one up.
     */
    Plan plan(Targets targets) {
      Map<DeviceAddress, IdentityKey> missing = new LinkedHashMap<>();
      boolean stale = false;
      Iterator<Map.Entry<DeviceAddress, IdentityKey>> held = holders.entrySet().iterator();
      Map.Entry<DeviceAddress, IdentityKey> h = held.hasNext() ? held.next() : null;
      int t = 0;
      while (h != null || t < targets.size()) {
        int order = h == null ? 1
            : t == targets.size() ? -1 : h.getKey().compareTo(targets.device(t));
        if (order < 0) { // sent the key, no longer a valid device
          stale = true;
          h = held.hasNext() ? held.next() : null;
        } else if (order > 0) { // a valid device that was never sent the key
          missing.put(targets.device(t), targets.identity(t));
          t++;
        } else {
          if (!h.getValue().equals(targets.identity(t))) { // the device was reinstalled
            stale = true;
            missing.put(targets.device(t), targets.identity(t));
          }
          h = held.hasNext() ? held.next() : null;
          t++;
        }
      }
      return new Plan(this, stale, missing);
    }
  }

  /** See {@link Sending#plan}. */
  static final class Plan {
    final Sending key;
    final boolean stale;
    final Map<DeviceAddress, IdentityKey> missing;

    Plan(Sending key, boolean stale, Map<DeviceAddress, IdentityKey> missing) {
      this.key = key;
      this.stale = stale;
      this.missing = missing;
    }
  }

  /** A sender key another device distributed to this one, and what it is bound to. */
  static final class ReceivedKey {
    final GroupId group;
    final IdentityKey identity; // the sender identity whose pairwise session carried the key
    final byte[] distribution; // null once installed in the sender-key store

    ReceivedKey(GroupId group, IdentityKey identity, byte[] distribution) {
      this.group = group;
      this.identity = identity;
      this.distribution = distribution;
    }

    static Optional<ReceivedKey> load(ProtocolStore store, DeviceAddress sender, UUID id) {
      Optional<byte[]> stored = store.loadState(RECEIVED, receivedKey(sender, id));
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      try {
        WireGroupReceived w = WireGroupReceived.parseFrom(stored.get());
        return Optional.of(new ReceivedKey(GroupId.of(w.getGroupId().toByteArray()),
            IdentityKey.parse(w.getSenderIdentity().toByteArray()),
            w.getDistribution().isEmpty() ? null : w.getDistribution().toByteArray()));
      } catch (InvalidProtocolBufferException | InvalidKeyException | IllegalArgumentException e) {
        return Optional.empty(); // asked for again
      }
    }

    void save(ProtocolStore store, DeviceAddress sender, UUID id) {
      WireGroupReceived.Builder w = WireGroupReceived.newBuilder()
          .setGroupId(ByteString.copyFrom(group.bytes()))
          .setSenderIdentity(ByteString.copyFrom(identity.serialize()));
      if (distribution != null) {
        w.setDistribution(ByteString.copyFrom(distribution));
      }
      store.storeState(RECEIVED, receivedKey(sender, id), w.build().toByteArray());
    }

    ReceivedKey installed() {
      return new ReceivedKey(group, identity, null);
    }
  }

  private static String receivedKey(DeviceAddress sender, UUID id) {
    return id + "|" + sender;
  }

  /**
   * Records that {@code sender} distributed {@code id} for {@code group}; keeps the newest
   * {@link #KEPT_PER_SENDER} and deletes older ones with their sender keys, so a member that
   * rotates often cannot grow this device's store.
   */
  static void addChain(ProtocolStore store, DeviceAddress sender, GroupId group, UUID id) {
    String key = group.hex() + "|" + sender;
    List<UUID> ids = new ArrayList<>();
    store.loadState(CHAINS, key).ifPresent(stored -> {
      try {
        for (ByteString b : WireGroupChains.parseFrom(stored).getDistributionIdsList()) {
          ids.add(uuid(b));
        }
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        ids.clear(); // forgotten chains keep working until replaced; nothing secret is lost
      }
    });
    ids.remove(id);
    ids.add(0, id);
    while (ids.size() > KEPT_PER_SENDER) {
      UUID dropped = ids.remove(ids.size() - 1);
      store.deleteState(RECEIVED, receivedKey(sender, dropped));
      store.deleteSenderKey(sender, dropped);
    }
    WireGroupChains.Builder w = WireGroupChains.newBuilder();
    ids.forEach(u -> w.addDistributionIds(ByteString.copyFrom(bytes(u))));
    store.storeState(CHAINS, key, w.build().toByteArray());
  }
}
