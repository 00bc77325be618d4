package io.quintet.core.store.memory;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.ProtocolStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ProtocolStore} in memory, for tests and for apps that persist elsewhere. Atomicity
 * comes from an undo journal: every write inside {@link #atomically} records the value it
 * replaced, and a failing operation restores them in reverse order. Transactions are
 * serialized by one lock; the library keeps them short (crypto runs before, not inside).
 *
 * <pre>{@code
 * InMemoryProtocolStore store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1234);
 * }</pre>
 */
public final class InMemoryProtocolStore implements ProtocolStore {
  private final IdentityKeyPair identity;
  private final int registrationId;

  private final Map<DeviceAddress, IdentityKey> identities = new ConcurrentHashMap<>();
  private final Map<Integer, OneTimePreKey> preKeys = new ConcurrentHashMap<>();
  private final Map<Integer, SignedPreKey> signedPreKeys = new ConcurrentHashMap<>();
  private final Map<Integer, KemPreKey> kemPreKeys = new ConcurrentHashMap<>();
  private final Map<String, Boolean> usedKemBaseKeys = new ConcurrentHashMap<>();
  private final Map<DeviceAddress, byte[]> sessions = new ConcurrentHashMap<>();
  private final Map<SenderKeyId, byte[]> senderKeys = new ConcurrentHashMap<>();
  private final Map<AccountId, byte[]> deviceLists = new ConcurrentHashMap<>();
  private final Map<AccountId, Long> deviceListVersions = new ConcurrentHashMap<>();
  private final Map<String, byte[]> states = new ConcurrentHashMap<>();

  private final ReentrantLock transactionLock = new ReentrantLock();
  private final ThreadLocal<Deque<Runnable>> undo = new ThreadLocal<>();

  private InMemoryProtocolStore(IdentityKeyPair identity, int registrationId) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.registrationId = registrationId;
  }

  public static InMemoryProtocolStore create(IdentityKeyPair identity, int registrationId) {
    return new InMemoryProtocolStore(identity, registrationId);
  }

  @Override
  public <T, E extends Exception> T atomically(Work<T, E> work) throws E {
    transactionLock.lock();
    try {
      if (undo.get() != null) {
        return work.run(); // nested: joins the outer transaction
      }
      Deque<Runnable> journal = new ArrayDeque<>();
      undo.set(journal);
      boolean committed = false;
      try {
        T result = work.run();
        committed = true;
        return result;
      } finally {
        undo.remove();
        if (!committed) {
          journal.forEach(Runnable::run); // newest first: pushed at the head
        }
      }
    } finally {
      transactionLock.unlock();
    }
  }

  /** Writes {@code value} (null removes), journaling the old value inside a transaction. */
  private <K, V> void write(Map<K, V> map, K key, V value) {
    Deque<Runnable> journal = undo.get();
    if (journal == null) {
      // Outside a transaction: wait for any running one, so its rollback cannot undo this.
      transactionLock.lock();
      try {
        if (value == null) {
          map.remove(key);
        } else {
          map.put(key, value);
        }
      } finally {
        transactionLock.unlock();
      }
      return;
    }
    V old = value == null ? map.remove(key) : map.put(key, value);
    journal.push(
        () -> {
          if (old == null) {
            map.remove(key);
          } else {
            map.put(key, old);
          }
        });
  }

  @Override
  public boolean inTransaction() {
    return undo.get() != null;
  }

  private static byte[] copy(byte[] b) {
    return b == null ? null : b.clone();
  }

  // --- identities ---

  @Override
  public IdentityKeyPair identityKeyPair() {
    return identity;
  }

  @Override
  public int localRegistrationId() {
    return registrationId;
  }

  @Override
  public IdentityChange saveIdentity(DeviceAddress address, IdentityKey key) {
    IdentityKey old = identities.get(address);
    if (key.equals(old)) {
      return IdentityChange.UNCHANGED;
    }
    write(identities, address, key);
    return old == null ? IdentityChange.NEW : IdentityChange.REPLACED;
  }

  @Override
  public boolean isTrustedIdentity(DeviceAddress address, IdentityKey key, Direction direction) {
    IdentityKey known = identities.get(address);
    return known == null || known.equals(key);
  }

  @Override
  public Optional<IdentityKey> identity(DeviceAddress address) {
    return Optional.ofNullable(identities.get(address));
  }

  // --- prekeys ---

  @Override
  public Optional<OneTimePreKey> loadPreKey(int id) {
    return Optional.ofNullable(preKeys.get(id));
  }

  @Override
  public void storePreKey(OneTimePreKey preKey) {
    write(preKeys, preKey.id(), preKey);
  }

  @Override
  public void removePreKey(int id) {
    write(preKeys, id, null);
  }

  @Override
  public int countPreKeys() {
    return preKeys.size();
  }

  @Override
  public Optional<SignedPreKey> loadSignedPreKey(int id) {
    return Optional.ofNullable(signedPreKeys.get(id));
  }

  @Override
  public void storeSignedPreKey(SignedPreKey signedPreKey) {
    write(signedPreKeys, signedPreKey.id(), signedPreKey);
  }

  @Override
  public void removeSignedPreKey(int id) {
    write(signedPreKeys, id, null);
  }

  @Override
  public List<SignedPreKey> signedPreKeys() {
    return new ArrayList<>(signedPreKeys.values());
  }

  @Override
  public Optional<KemPreKey> loadKemPreKey(int id) {
    return Optional.ofNullable(kemPreKeys.get(id));
  }

  @Override
  public void storeKemPreKey(KemPreKey kemPreKey) {
    write(kemPreKeys, kemPreKey.id(), kemPreKey);
  }

  @Override
  public void removeKemPreKey(int id) {
    write(kemPreKeys, id, null);
    String prefix = id + "/";
    for (String used : usedKemBaseKeys.keySet()) {
      if (used.startsWith(prefix)) {
        write(usedKemBaseKeys, used, null);
      }
    }
  }

  @Override
  public boolean markKemPreKeyUsed(int kemPreKeyId, int signedPreKeyId, Curve25519PublicKey baseKey) {
    String key = kemPreKeyId + "/" + signedPreKeyId + "/" + HexFormat.of().formatHex(baseKey.serialize());
    if (usedKemBaseKeys.containsKey(key)) {
      return false;
    }
    write(usedKemBaseKeys, key, Boolean.TRUE);
    return true;
  }

  @Override
  public List<KemPreKey> kemPreKeys() {
    return new ArrayList<>(kemPreKeys.values());
  }

  // --- sessions and sender keys ---

  @Override
  public Optional<byte[]> loadSession(DeviceAddress address) {
    return Optional.ofNullable(copy(sessions.get(address)));
  }

  @Override
  public void storeSession(DeviceAddress address, byte[] record) {
    write(sessions, address, copy(Objects.requireNonNull(record, "record")));
  }

  @Override
  public void deleteSession(DeviceAddress address) {
    write(sessions, address, null);
  }

  @Override
  public List<DeviceId> sessionDevices(AccountId account) {
    List<DeviceId> out = new ArrayList<>();
    for (DeviceAddress a : sessions.keySet()) {
      if (a.account().equals(account)) {
        out.add(a.device());
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public void deleteAllSessions() {
    for (DeviceAddress a : new ArrayList<>(sessions.keySet())) {
      write(sessions, a, null);
    }
  }

  @Override
  public Optional<byte[]> loadSenderKey(DeviceAddress sender, UUID distributionId) {
    return Optional.ofNullable(copy(senderKeys.get(new SenderKeyId(sender, distributionId))));
  }

  @Override
  public void storeSenderKey(DeviceAddress sender, UUID distributionId, byte[] record) {
    write(senderKeys, new SenderKeyId(sender, distributionId), copy(record));
  }

  @Override
  public void deleteSenderKey(DeviceAddress sender, UUID distributionId) {
    write(senderKeys, new SenderKeyId(sender, distributionId), null);
  }

  @Override
  public void deleteAllSenderKeys() {
    for (SenderKeyId id : new ArrayList<>(senderKeys.keySet())) {
      write(senderKeys, id, null);
    }
  }

  // --- library state ---

  private static String stateId(String namespace, String key) {
    if (namespace.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("namespace contains NUL");
    }
    return namespace + '\0' + key;
  }

  @Override
  public Optional<byte[]> loadState(String namespace, String key) {
    return Optional.ofNullable(copy(states.get(stateId(namespace, key))));
  }

  @Override
  public void storeState(String namespace, String key, byte[] value) {
    write(states, stateId(namespace, key), copy(Objects.requireNonNull(value, "value")));
  }

  @Override
  public void deleteState(String namespace, String key) {
    write(states, stateId(namespace, key), null);
  }

  @Override
  public List<String> stateKeys(String namespace) {
    String prefix = stateId(namespace, "");
    List<String> out = new ArrayList<>();
    for (String id : states.keySet()) {
      if (id.startsWith(prefix)) {
        out.add(id.substring(prefix.length()));
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public void deleteStateNamespace(String namespace) {
    for (String key : stateKeys(namespace)) {
      deleteState(namespace, key);
    }
  }

  // --- device lists ---

  @Override
  public Optional<byte[]> loadDeviceList(AccountId account) {
    return Optional.ofNullable(copy(deviceLists.get(account)));
  }

  @Override
  public Optional<Long> deviceListVersion(AccountId account) {
    return Optional.ofNullable(deviceListVersions.get(account));
  }

  @Override
  public void storeDeviceList(AccountId account, long version, byte[] record) {
    Long newest = deviceListVersions.get(account);
    if (newest != null && version < newest) {
      throw new IllegalStateException("device list version " + version + " is older than " + newest);
    }
    write(deviceListVersions, account, version);
    write(deviceLists, account, copy(record));
  }

  @Override
  public void deleteDeviceList(AccountId account) {
    write(deviceLists, account, null);
  }

  /** The key of a sender-key record. */
  private static final class SenderKeyId {
    final DeviceAddress sender;
    final UUID distributionId;

    SenderKeyId(DeviceAddress sender, UUID distributionId) {
      this.sender = Objects.requireNonNull(sender, "sender");
      this.distributionId = Objects.requireNonNull(distributionId, "distributionId");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SenderKeyId
          && ((SenderKeyId) o).sender.equals(sender)
          && ((SenderKeyId) o).distributionId.equals(distributionId);
    }

    @Override
    public int hashCode() {
      return sender.hashCode() * 31 + distributionId.hashCode();
    }
  }

  @Override
  public String toString() {
    return "InMemoryProtocolStore[" + identity.identityKey() + ", " + sessions.size() + " sessions]";
  }
}
