package io.quintet.store.sqlite;

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
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable {@link ProtocolStore}: every store interface in one SQLite file (WAL journal,
 * {@code synchronous=FULL}: a commit is on disk when {@link #atomically} returns). Private keys,
 * sessions, sender keys and library state can be sealed at rest with a {@link StoreKey}; an
 * {@link EpochAnchor} detects a database restored from an older copy. Thread-safe; several
 * processes may share the file, and the library's compare-and-commit keeps them from ever
 * advancing one session twice. Close it when done.
 *
 * <pre>{@code
 * SqliteStore store = SqliteStore.builder(Path.of("alice-phone.db"))
 *     .storeKey(StoreKey.of(keystore.unwrap("quintet")))     // optional: seal secrets at rest
 *     .epochAnchor(keystoreCounter)                          // optional: detect rollbacks
 *     .openOrCreate(IdentityKeyPair.generate(), registrationId);   // or .open() later
 * store.rolledBack().ifPresent(r -> uploadFreshPreKeys());
 * CiphertextMessage out = new SessionCipher(store, bobPhone).encrypt(plaintext);
 * store.close();
 * }</pre>
 *
 * <p>Apps may keep their own tables in the same file and write them in the library's
 * transaction through {@link #currentConnection()}; their names must not start with
 * {@code quintet_}.
 */
public final class SqliteStore implements ProtocolStore, AutoCloseable {
  private final Database db;
  private final Sealer sealer;
  private final EpochKeeper epochs;
  private final IdentityKeyPair identity;
  private final int registrationId;
  private final Optional<RollbackReport> rollback;
  private final KeyTables keys;
  private final RecordTables records;
  private final StateTables state;

  private SqliteStore(Opener.Opened o) {
    this.db = o.db;
    this.sealer = o.sealer;
    this.epochs = o.epochs;
    this.identity = o.identity;
    this.registrationId = o.registrationId;
    this.rollback = o.rollback;
    this.keys = new KeyTables(db, sealer);
    this.records = new RecordTables(db, sealer);
    this.state = new StateTables(db, sealer);
  }

  /** Starts opening the store at {@code path}. */
  public static Builder builder(Path path) {
    return new Builder(path);
  }

  /**
   * Options for opening a store; {@link #open()} or {@link #openOrCreate} finishes.
   *
   * <pre>{@code
   * SqliteStore store = SqliteStore.builder(path).storeKey(key).busyTimeout(Duration.ofSeconds(5))
   *     .open();
   * }</pre>
   */
  public static final class Builder {
    private final Path path;
    private StoreKey storeKey;
    private EpochAnchor anchor;
    private int reserveAhead;
    private Duration busyTimeout = Duration.ofSeconds(10);

    private Builder(Path path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    /** Seals secrets at rest; a store created with a key opens only with it. */
    public Builder storeKey(StoreKey key) {
      this.storeKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Detects rollbacks, advancing {@code anchor} after every committed transaction: safe,
     * and one anchor write per message sent or received.
     */
    public Builder epochAnchor(EpochAnchor anchor) {
      return epochAnchor(anchor, 0);
    }

    /**
     * Detects rollbacks, writing {@code anchor} only once per {@code reserveAhead} commits by
     * reserving epochs ahead. Still safe, but the store cannot tell a crash from a rollback: after
     * any unclean shutdown every session is discarded and re-keyed. One process per file only.
     * {@code reserveAhead = 0} is the exact mode of {@link #epochAnchor(EpochAnchor)}.
     */
    public Builder epochAnchor(EpochAnchor anchor, int reserveAhead) {
      if (reserveAhead < 0) {
        throw new IllegalArgumentException("reserveAhead must not be negative");
      }
      this.anchor = Objects.requireNonNull(anchor, "anchor");
      this.reserveAhead = reserveAhead;
      return this;
    }

    /** How long to wait for another process's transaction (default 10 s) before BUSY. */
    public Builder busyTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("busy timeout must not be negative");
      }
      this.busyTimeout = timeout;
      return this;
    }

    /**
     * Opens an existing store, with the identity it holds.
     *
     * @throws StoreException {@code NOT_FOUND} if there is none; see {@link
     *     StoreException.Reason} for the rest
     */
    public SqliteStore open() throws StoreException {
      return new SqliteStore(
          Opener.open(path, null, 0, storeKey, anchor, reserveAhead, busyTimeout));
    }

    /**
     * Creates a store for {@code identity}, or opens the one already there if it holds the same
     * identity and registration id.
     *
     * @throws StoreException {@code IDENTITY_MISMATCH} if the file holds another identity
     */
    public SqliteStore openOrCreate(IdentityKeyPair identity, int registrationId)
        throws StoreException {
      Objects.requireNonNull(identity, "identity");
      return new SqliteStore(
          Opener.open(path, identity, registrationId, storeKey, anchor, reserveAhead, busyTimeout));
    }
  }

  /**
   * What happened on open if the epoch anchor was ahead of the database (it was restored from
   * an older copy): every session and sender key was discarded. Empty otherwise.
   */
  public Optional<RollbackReport> rolledBack() {
    return rollback;
  }

  /**
   * The connection of the calling thread's transaction, for the app's own writes to commit or
   * roll back with the library's. Valid only inside {@link #atomically} (including the app hooks
   * the library runs inside its transactions); do not commit, roll back or close it.
   *
   * @throws IllegalStateException outside a transaction
   */
  public Connection currentConnection() {
    Database.Transaction tx = db.currentTransaction();
    if (tx == null) {
      throw new IllegalStateException("currentConnection() is only available inside atomically");
    }
    return AppConnection.guard(db, tx);
  }

  /**
   * Runs {@code work} in one SQLite transaction ({@code BEGIN IMMEDIATE}); nested calls join it.
   * It commits durably when the work returns and rolls back, rethrowing, when it throws.
   */
  @Override
  public <T, E extends Exception> T atomically(Work<T, E> work) throws E {
    return db.atomically(work);
  }

  @Override
  public boolean inTransaction() {
    return db.inTransaction();
  }

  /** Waits for a running transaction, closes every connection and wipes the sealing key. */
  @Override
  public void close() {
    try {
      epochs.onClose(db);
    } catch (StoreException e) {
      // Still close: a reserving anchor left ahead only makes the next open re-key sessions.
    } catch (IllegalStateException alreadyClosed) {
      // closed before
    }
    db.close();
    sealer.close();
  }

  // --- identity ---

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
    return keys.saveIdentity(address, key);
  }

  @Override
  public boolean isTrustedIdentity(DeviceAddress address, IdentityKey key, Direction direction) {
    return keys.identity(address).map(key::equals).orElse(true);
  }

  @Override
  public Optional<IdentityKey> identity(DeviceAddress address) {
    return keys.identity(address);
  }

  // --- prekeys ---

  @Override
  public Optional<OneTimePreKey> loadPreKey(int id) {
    return keys.loadPreKey(id);
  }

  @Override
  public void storePreKey(OneTimePreKey preKey) {
    keys.storePreKey(preKey);
  }

  @Override
  public void removePreKey(int id) {
    keys.removePreKey(id);
  }

  @Override
  public int countPreKeys() {
    return keys.countPreKeys();
  }

  @Override
  public Optional<SignedPreKey> loadSignedPreKey(int id) {
    return keys.loadSignedPreKey(id);
  }

  @Override
  public void storeSignedPreKey(SignedPreKey signedPreKey) {
    keys.storeSignedPreKey(signedPreKey);
  }

  @Override
  public void removeSignedPreKey(int id) {
    keys.removeSignedPreKey(id);
  }

  @Override
  public List<SignedPreKey> signedPreKeys() {
    return keys.signedPreKeys();
  }

  @Override
  public Optional<KemPreKey> loadKemPreKey(int id) {
    return keys.loadKemPreKey(id);
  }

  @Override
  public void storeKemPreKey(KemPreKey kemPreKey) {
    keys.storeKemPreKey(kemPreKey);
  }

  @Override
  public void removeKemPreKey(int id) {
    keys.removeKemPreKey(id);
  }

  @Override
  public List<KemPreKey> kemPreKeys() {
    return keys.kemPreKeys();
  }

  @Override
  public boolean markKemPreKeyUsed(int kemPreKeyId, int signedPreKeyId, Curve25519PublicKey baseKey) {
    return keys.markKemPreKeyUsed(kemPreKeyId, signedPreKeyId, baseKey);
  }

  // --- sessions and sender keys ---

  @Override
  public Optional<byte[]> loadSession(DeviceAddress address) {
    return records.loadSession(address);
  }

  @Override
  public void storeSession(DeviceAddress address, byte[] record) {
    records.storeSession(address, Objects.requireNonNull(record, "record"));
  }

  @Override
  public void deleteSession(DeviceAddress address) {
    records.deleteSession(address);
  }

  @Override
  public List<DeviceId> sessionDevices(AccountId account) {
    return records.sessionDevices(account);
  }

  @Override
  public void deleteAllSessions() {
    records.deleteAllSessions();
  }

  @Override
  public Optional<byte[]> loadSenderKey(DeviceAddress sender, UUID distributionId) {
    return records.loadSenderKey(sender, distributionId);
  }

  @Override
  public void storeSenderKey(DeviceAddress sender, UUID distributionId, byte[] record) {
    records.storeSenderKey(sender, distributionId, Objects.requireNonNull(record, "record"));
  }

  @Override
  public void deleteSenderKey(DeviceAddress sender, UUID distributionId) {
    records.deleteSenderKey(sender, distributionId);
  }

  @Override
  public void deleteAllSenderKeys() {
    records.deleteAllSenderKeys();
  }

  // --- device lists and library state ---

  @Override
  public Optional<byte[]> loadDeviceList(AccountId account) {
    return state.loadDeviceList(account);
  }

  @Override
  public Optional<Long> deviceListVersion(AccountId account) {
    return state.deviceListVersion(account);
  }

  @Override
  public void storeDeviceList(AccountId account, long version, byte[] record) {
    state.storeDeviceList(account, version, Objects.requireNonNull(record, "record"));
  }

  @Override
  public void deleteDeviceList(AccountId account) {
    state.deleteDeviceList(account);
  }

  @Override
  public Optional<byte[]> loadState(String namespace, String key) {
    return state.loadState(namespace, key);
  }

  @Override
  public void storeState(String namespace, String key, byte[] value) {
    state.storeState(namespace, key, Objects.requireNonNull(value, "value"));
  }

  @Override
  public void deleteState(String namespace, String key) {
    state.deleteState(namespace, key);
  }

  @Override
  public List<String> stateKeys(String namespace) {
    return state.stateKeys(namespace);
  }

  @Override
  public void deleteStateNamespace(String namespace) {
    state.deleteStateNamespace(namespace);
  }

  @Override
  public String toString() {
    return "SqliteStore[" + identity.identityKey() + (sealer.isKeyed() ? ", sealed]" : "]");
  }
}
