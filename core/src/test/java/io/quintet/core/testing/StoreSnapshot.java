package io.quintet.core.testing;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.ProtocolStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Every record of a {@link ProtocolStore} that a test can reach through the SPI, captured as
 * bytes so that "the store is byte-identical afterwards" is one assertion. The SPI cannot list
 * sessions, identities, one-time prekeys or sender keys of unknown peers, so the test names
 * the addresses, accounts, prekey ids, sender keys and state namespaces it cares about; what
 * the SPI can list (signed and KEM prekeys, the one-time prekey count, the sessions of each
 * named account, the keys of each named namespace) is captured in full.
 *
 * <pre>{@code
 * StoreSnapshot before = StoreSnapshot.of(bob.store).addresses(alice).preKeys(1, 2).take();
 * assertThrows(InvalidMessageException.class, () -> cipher.decrypt(type, forged));
 * before.assertUnchanged();          // re-reads the same records and compares every byte
 * }</pre>
 */
public final class StoreSnapshot {
  private final Selection selection;
  private final Map<String, String> records;

  private StoreSnapshot(Selection selection, Map<String, String> records) {
    this.selection = selection;
    this.records = records;
  }

  /** Starts naming what to capture from {@code store}. */
  public static Selection of(ProtocolStore store) {
    return new Selection(store);
  }

  /** The records, by a readable key ("session alice.1", "signedPreKey 7", ...), as hex. */
  public Map<String, String> records() {
    return records;
  }

  /** A new snapshot of the same selection. */
  public StoreSnapshot retake() {
    return selection.take();
  }

  /** Fails, naming the records that differ (never their bytes), unless nothing changed. */
  public void assertUnchanged() {
    Map<String, String> now = selection.take().records;
    if (!now.equals(records)) {
      Set<String> differing = new TreeSet<>();
      for (String k : union(records.keySet(), now.keySet())) {
        if (!Objects.equals(records.get(k), now.get(k))) {
          differing.add(k);
        }
      }
      throw new AssertionError("store changed: " + differing);
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreSnapshot && ((StoreSnapshot) o).records.equals(records);
  }

  @Override
  public int hashCode() {
    return records.hashCode();
  }

  @Override
  public String toString() {
    return "StoreSnapshot" + records.keySet();
  }

  /** What a snapshot reads; reusable, so a later {@link StoreSnapshot#retake()} reads the same. */
  public static final class Selection {
    private final ProtocolStore store;
    private final Set<DeviceAddress> addresses = new LinkedHashSet<>();
    private final Set<AccountId> accounts = new LinkedHashSet<>();
    private final Set<Integer> preKeyIds = new LinkedHashSet<>();
    private final List<Object[]> senderKeys = new ArrayList<>();
    private final Set<String> namespaces = new LinkedHashSet<>();

    private Selection(ProtocolStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** Session and identity of each device, and the sessions and device list of its account. */
    public Selection addresses(DeviceAddress... devices) {
      for (DeviceAddress a : devices) {
        addresses.add(a);
        accounts.add(a.account());
      }
      return this;
    }

    /** The device list and list version of each account, and its session devices. */
    public Selection accounts(AccountId... ids) {
      accounts.addAll(List.of(ids));
      return this;
    }

    /** One-time prekeys by id (present or absent). */
    public Selection preKeys(int... ids) {
      for (int id : ids) {
        preKeyIds.add(id);
      }
      return this;
    }

    /** The sender-key record of {@code sender} for {@code distributionId}. */
    public Selection senderKey(DeviceAddress sender, UUID distributionId) {
      senderKeys.add(new Object[] {sender, distributionId});
      return this;
    }

    /** Every record of a {@link io.quintet.core.store.DeviceStateStore} namespace. */
    public Selection states(String... names) {
      namespaces.addAll(List.of(names));
      return this;
    }

    /** Reads everything selected now. */
    public StoreSnapshot take() {
      HexFormat hex = HexFormat.of();
      Map<String, String> r = new TreeMap<>();
      r.put("identityKeyPair", hex.formatHex(store.identityKeyPair().serialize()));
      r.put("registrationId", Integer.toString(store.localRegistrationId()));
      r.put("preKeyCount", Integer.toString(store.countPreKeys()));
      for (SignedPreKey k : store.signedPreKeys()) {
        r.put("signedPreKey " + k.id(), hex.formatHex(k.serialize()));
      }
      for (KemPreKey k : store.kemPreKeys()) {
        r.put("kemPreKey " + k.id(), hex.formatHex(k.serialize()));
      }
      for (int id : preKeyIds) {
        store.loadPreKey(id).ifPresent(k -> r.put("preKey " + id, hex.formatHex(k.serialize())));
      }
      for (DeviceAddress a : addresses) {
        store.loadSession(a).ifPresent(s -> r.put("session " + a, hex.formatHex(s)));
        store.identity(a).ifPresent(k -> r.put("identity " + a, hex.formatHex(k.serialize())));
      }
      for (AccountId a : accounts) {
        r.put("sessionDevices " + a, store.sessionDevices(a).toString());
        store.loadDeviceList(a).ifPresent(l -> r.put("deviceList " + a, hex.formatHex(l)));
        store.deviceListVersion(a).ifPresent(v -> r.put("deviceListVersion " + a, v.toString()));
      }
      for (Object[] s : senderKeys) {
        DeviceAddress sender = (DeviceAddress) s[0];
        UUID id = (UUID) s[1];
        store.loadSenderKey(sender, id)
            .ifPresent(b -> r.put("senderKey " + sender + " " + id, hex.formatHex(b)));
      }
      for (String ns : namespaces) {
        for (String key : store.stateKeys(ns)) {
          store.loadState(ns, key).ifPresent(v -> r.put("state " + ns + "/" + key, hex.formatHex(v)));
        }
      }
      return new StoreSnapshot(this, r);
    }
  }
}
