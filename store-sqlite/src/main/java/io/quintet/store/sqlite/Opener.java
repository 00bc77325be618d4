package io.quintet.store.sqlite;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.keys.IdentityKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Opens a database file as a store: tells a new file from a Quintet store from anything else,
 * applies pending migrations, checks the store key and the identity, and reconciles the epoch
 * with its anchor. Inspection and creation run under {@code BEGIN IMMEDIATE}, so two processes
 * creating the same file at once end up with one identity.
 */
final class Opener {
  private static final byte[] KEY_CHECK =
      "Quintet SQLite store key check v1".getBytes(StandardCharsets.UTF_8);

  /** What an open store is made of. */
  static final class Opened {
    final Database db;
    final Sealer sealer;
    final IdentityKeyPair identity;
    final int registrationId;
    final EpochKeeper epochs;
    final Optional<RollbackReport> rollback;

    Opened(Database db, Sealer sealer, IdentityKeyPair identity, int registrationId,
        EpochKeeper epochs, Optional<RollbackReport> rollback) {
      this.db = db;
      this.sealer = sealer;
      this.identity = identity;
      this.registrationId = registrationId;
      this.epochs = epochs;
      this.rollback = rollback;
    }
  }

  private Opener() {}

  /**
   * Opens {@code path}; with a non-null {@code identity} it may create the store, and an
   * existing one must hold that identity.
   */
  static Opened open(Path path, IdentityKeyPair identity, int registrationId, StoreKey key,
      EpochAnchor anchor, int reserveAhead, Duration busyTimeout) throws StoreException {
    boolean mayCreate = identity != null;
    if (!mayCreate && !Files.isRegularFile(path)) {
      throw new StoreException(StoreException.Reason.NOT_FOUND, "no store at the given path");
    }
    Sealer sealer = key == null ? Sealer.plain() : Sealer.keyed(key);
    Database db = null;
    try {
      db = Database.open(path, mayCreate, busyTimeout);
      boolean[] created = {false};
      IdentityKeyPair[] found = {null};
      int stored = db.transact(c -> {
        if (Schema.isEmpty(c)) {
          if (!mayCreate) {
            throw new StoreException(StoreException.Reason.NOT_FOUND, "the file holds no store");
          }
          create(c, sealer, identity, registrationId);
          created[0] = true;
          found[0] = identity;
          return registrationId;
        }
        upgrade(c);
        checkKey(c, sealer);
        Meta.getLong(c, Meta.EPOCH); // present, or the file is not one we wrote
        int id = (int) Meta.getLong(c, Meta.REGISTRATION_ID);
        found[0] = readIdentity(c, sealer, id);
        return id;
      });
      if (mayCreate && (stored != registrationId || !MessageDigest.isEqual(
          found[0].publicKey().serialize(), identity.publicKey().serialize()))) {
        throw new StoreException(StoreException.Reason.IDENTITY_MISMATCH,
            "the store holds another identity or registration id than the one given");
      }
      EpochKeeper epochs = new EpochKeeper(anchor, reserveAhead);
      db.useEpochs(epochs);
      Optional<RollbackReport> rollback = epochs.reconcile(db, created[0]);
      return new Opened(db, sealer, found[0], stored, epochs, rollback);
    } catch (StoreException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      sealer.close();
      throw e;
    }
  }

  private static void create(Conn c, Sealer sealer, IdentityKeyPair identity, int registrationId)
      throws SQLException {
    Schema.migrate(c, 0);
    Meta.put(c, Meta.SEALED, sealer.isKeyed() ? 1 : 0);
    Meta.put(c, Meta.KEY_CHECK, sealer.seal(KEY_CHECK, Sealer.rowId("quintet_meta", Meta.KEY_CHECK)));
    Meta.put(c, Meta.REGISTRATION_ID, registrationId);
    byte[] plain = identity.serialize();
    try {
      Meta.put(c, Meta.IDENTITY, sealer.seal(plain, identityRow(registrationId)));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    Meta.put(c, Meta.EPOCH, 0L);
  }

  /** Refuses foreign and newer files, and migrates older ones. */
  private static void upgrade(Conn c) throws SQLException, StoreException {
    if (c.queryLong("PRAGMA application_id") != Schema.APPLICATION_ID) {
      throw new StoreException(StoreException.Reason.NOT_A_QUINTET_DATABASE,
          "the file is a SQLite database, but not a Quintet store");
    }
    long version = c.queryLong("PRAGMA user_version");
    if (version > Schema.currentVersion()) {
      throw new StoreException(StoreException.Reason.TOO_NEW, "the store has schema version "
          + version + "; this code knows versions up to " + Schema.currentVersion());
    }
    if (version < 1) {
      throw new StoreException(StoreException.Reason.CORRUPT, "the store has no schema version");
    }
    if (version < Schema.currentVersion()) {
      Schema.migrate(c, (int) version);
    }
  }

  private static void checkKey(Conn c, Sealer sealer) throws SQLException, StoreException {
    boolean sealed = Meta.getLong(c, Meta.SEALED) != 0;
    if (sealed != sealer.isKeyed()) {
      throw new StoreException(StoreException.Reason.WRONG_KEY, sealed
          ? "the store is sealed: open it with its store key"
          : "the store is not sealed: open it without a store key");
    }
    try {
      byte[] check = sealer.open(Meta.getBytes(c, Meta.KEY_CHECK),
          Sealer.rowId("quintet_meta", Meta.KEY_CHECK));
      if (!MessageDigest.isEqual(check, KEY_CHECK)) {
        throw new StoreException(StoreException.Reason.WRONG_KEY, "the store key check failed");
      }
    } catch (StoreException e) {
      if (e.reason() == StoreException.Reason.TAMPERED) {
        throw new StoreException(StoreException.Reason.WRONG_KEY, "the store key is wrong");
      }
      throw e;
    }
  }

  private static IdentityKeyPair readIdentity(Conn c, Sealer sealer, int registrationId)
      throws SQLException, StoreException {
    byte[] plain = sealer.open(Meta.getBytes(c, Meta.IDENTITY), identityRow(registrationId));
    try {
      return IdentityKeyPair.parse(plain);
    } catch (InvalidKeyException e) {
      throw new StoreException(StoreException.Reason.CORRUPT, "the stored identity is malformed");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** The identity row is bound to the registration id too, so neither changes alone. */
  private static byte[] identityRow(int registrationId) {
    return Sealer.rowId("quintet_meta", Meta.IDENTITY, registrationId);
  }
}
