package io.quintet.core.testing;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link ProtocolStore} that forwards to another and writes down every call that changes
 * something, so a hostile-input test can assert that a refused message wrote nothing at all —
 * not merely that the end state looks the same. Writes made inside {@link #atomically} are
 * {@linkplain #committed() committed} when the transaction returns and {@linkplain
 * #rolledBack() rolled back} when it throws; writes outside a transaction commit at once.
 * Calls that only look (including {@code saveIdentity} of the identity already stored and a
 * {@code markKemPreKeyUsed} that answers false) are not writes.
 *
 * <pre>{@code
 * RecordingProtocolStore store = new RecordingProtocolStore(InMemoryProtocolStore.create(id, 1));
 * assertThrows(DuplicateMessageException.class, () -> new SessionCipher(store, bob).decrypt(m));
 * store.assertNothingCommitted();
 * }</pre>
 */
public class RecordingProtocolStore implements ProtocolStore {
  private final ProtocolStore d;
  private final List<String> committed = Collections.synchronizedList(new ArrayList<>());
  private final List<String> rolledBack = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<List<String>> pending = new ThreadLocal<>();

  public RecordingProtocolStore(ProtocolStore delegate) {
    this.d = delegate;
  }

  /** The store this one forwards to. */
  public ProtocolStore delegate() {
    return d;
  }

  /** Every committed write, oldest first, as {@code "method(arguments)"}. */
  public List<String> committed() {
    synchronized (committed) {
      return List.copyOf(committed);
    }
  }

  /** Every write that a failing transaction undid. */
  public List<String> rolledBack() {
    synchronized (rolledBack) {
      return List.copyOf(rolledBack);
    }
  }

  /** Forgets what was recorded so far (call it after a test's set-up). */
  public void reset() {
    committed.clear();
    rolledBack.clear();
  }

  /** Fails if anything was committed since the last {@link #reset()}. */
  public void assertNothingCommitted() {
    List<String> writes = committed();
    if (!writes.isEmpty()) {
      throw new AssertionError("expected no committed store write, got " + writes);
    }
  }

  private void write(String call) {
    List<String> tx = pending.get();
    if (tx != null) {
      tx.add(call);
    } else {
      committed.add(call);
    }
  }

  @Override
  public <T, E extends Exception> T atomically(Work<T, E> work) throws E {
    if (pending.get() != null) {
      return d.atomically(work); // nested: part of the outer transaction
    }
    List<String> tx = new ArrayList<>();
    pending.set(tx);
    boolean ok = false;
    try {
      T result = d.atomically(work);
      ok = true;
      return result;
    } finally {
      pending.remove();
      (ok ? committed : rolledBack).addAll(tx);
    }
  }

  @Override
  public boolean inTransaction() {
    return d.inTransaction();
  }

  // --- identities ---
  @Override public IdentityKeyPair identityKeyPair() { return d.identityKeyPair(); }
  @Override public int localRegistrationId() { return d.localRegistrationId(); }
  @Override public Optional<IdentityKey> identity(DeviceAddress a) { return d.identity(a); }

  @Override
  public IdentityChange saveIdentity(DeviceAddress a, IdentityKey k) {
    IdentityChange change = d.saveIdentity(a, k);
    if (change != IdentityChange.UNCHANGED) {
      write("saveIdentity(" + a + ")");
    }
    return change;
  }

  @Override
  public boolean isTrustedIdentity(DeviceAddress a, IdentityKey k, Direction dir) {
    return d.isTrustedIdentity(a, k, dir);
  }

  // --- prekeys ---
  @Override public Optional<OneTimePreKey> loadPreKey(int id) { return d.loadPreKey(id); }
  @Override public void storePreKey(OneTimePreKey k) { write("storePreKey(" + k.id() + ")"); d.storePreKey(k); }
  @Override public void removePreKey(int id) { write("removePreKey(" + id + ")"); d.removePreKey(id); }
  @Override public int countPreKeys() { return d.countPreKeys(); }
  @Override public Optional<SignedPreKey> loadSignedPreKey(int id) { return d.loadSignedPreKey(id); }
  @Override public void storeSignedPreKey(SignedPreKey k) { write("storeSignedPreKey(" + k.id() + ")"); d.storeSignedPreKey(k); }
  @Override public void removeSignedPreKey(int id) { write("removeSignedPreKey(" + id + ")"); d.removeSignedPreKey(id); }
  @Override public List<SignedPreKey> signedPreKeys() { return d.signedPreKeys(); }
  @Override public Optional<KemPreKey> loadKemPreKey(int id) { return d.loadKemPreKey(id); }
  @Override public void storeKemPreKey(KemPreKey k) { write("storeKemPreKey(" + k.id() + ")"); d.storeKemPreKey(k); }
  @Override public void removeKemPreKey(int id) { write("removeKemPreKey(" + id + ")"); d.removeKemPreKey(id); }
  @Override public List<KemPreKey> kemPreKeys() { return d.kemPreKeys(); }

  @Override
  public boolean markKemPreKeyUsed(int kemId, int signedId, Curve25519PublicKey baseKey) {
    boolean fresh = d.markKemPreKeyUsed(kemId, signedId, baseKey);
    if (fresh) {
      write("markKemPreKeyUsed(" + kemId + ", " + signedId + ")");
    }
    return fresh;
  }

  // --- sessions, sender keys, lists, state ---
  @Override public Optional<byte[]> loadSession(DeviceAddress a) { return d.loadSession(a); }
  @Override public void storeSession(DeviceAddress a, byte[] r) { write("storeSession(" + a + ")"); d.storeSession(a, r); }
  @Override public void deleteSession(DeviceAddress a) { write("deleteSession(" + a + ")"); d.deleteSession(a); }
  @Override public List<DeviceId> sessionDevices(AccountId a) { return d.sessionDevices(a); }
  @Override public void deleteAllSessions() { write("deleteAllSessions()"); d.deleteAllSessions(); }
  @Override public Optional<byte[]> loadSenderKey(DeviceAddress s, UUID id) { return d.loadSenderKey(s, id); }
  @Override public void storeSenderKey(DeviceAddress s, UUID id, byte[] r) { write("storeSenderKey(" + s + ", " + id + ")"); d.storeSenderKey(s, id, r); }
  @Override public void deleteSenderKey(DeviceAddress s, UUID id) { write("deleteSenderKey(" + s + ", " + id + ")"); d.deleteSenderKey(s, id); }
  @Override public void deleteAllSenderKeys() { write("deleteAllSenderKeys()"); d.deleteAllSenderKeys(); }
  @Override public Optional<byte[]> loadDeviceList(AccountId a) { return d.loadDeviceList(a); }
  @Override public Optional<Long> deviceListVersion(AccountId a) { return d.deviceListVersion(a); }
  @Override public void storeDeviceList(AccountId a, long v, byte[] r) { write("storeDeviceList(" + a + ", " + v + ")"); d.storeDeviceList(a, v, r); }
  @Override public void deleteDeviceList(AccountId a) { write("deleteDeviceList(" + a + ")"); d.deleteDeviceList(a); }
  @Override public Optional<byte[]> loadState(String n, String k) { return d.loadState(n, k); }
  @Override public void storeState(String n, String k, byte[] v) { write("storeState(" + n + ", " + k + ")"); d.storeState(n, k, v); }
  @Override public void deleteState(String n, String k) { write("deleteState(" + n + ", " + k + ")"); d.deleteState(n, k); }
  @Override public List<String> stateKeys(String n) { return d.stateKeys(n); }
  @Override public void deleteStateNamespace(String n) { write("deleteStateNamespace(" + n + ")"); d.deleteStateNamespace(n); }

  @Override
  public String toString() {
    return "RecordingProtocolStore[" + d + "]";
  }
}
