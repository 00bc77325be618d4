package io.quintet.store.sqlite;

import io.quintet.core.DeviceAddress;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.IdentityKeyStore.IdentityChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Peer identities (public, stored as is) and this device's prekeys (private halves sealed, each
 * bound to its table and id; a KEM prekey also to its last-resort flag, which stays readable so
 * that a rollback can tell one-time keys apart).
 */
final class KeyTables {
  private static final String PREKEYS = "quintet_prekeys";
  private static final String SIGNED = "quintet_signed_prekeys";
  private static final String KEM = "quintet_kem_prekeys";

  /** Parses a key record; a failure means the row was damaged. */
  @FunctionalInterface
  private interface Parser<T> {
    T parse(byte[] record) throws InvalidKeyException;
  }

  private final Database db;
  private final Sealer sealer;

  KeyTables(Database db, Sealer sealer) {
    this.db = db;
    this.sealer = sealer;
  }

  // --- peer identities ---

  Optional<IdentityKey> identity(DeviceAddress address) {
    return db.read(c -> Optional.ofNullable(loadIdentity(c, address)));
  }

  IdentityChange saveIdentity(DeviceAddress address, IdentityKey key) {
    return db.write(c -> {
      IdentityKey old = loadIdentity(c, address);
      if (key.equals(old)) {
        return IdentityChange.UNCHANGED;
      }
      PreparedStatement ps = c.prepare("INSERT OR REPLACE INTO quintet_identities"
          + " (account, device, identity) VALUES (?, ?, ?)");
      ps.setString(1, address.account().value());
      ps.setInt(2, address.device().value());
      ps.setBytes(3, key.serialize());
      ps.executeUpdate();
      return old == null ? IdentityChange.NEW : IdentityChange.REPLACED;
    });
  }

  private static IdentityKey loadIdentity(Conn c, DeviceAddress address)
      throws SQLException, StoreException {
    PreparedStatement ps = c.prepare(
        "SELECT identity FROM quintet_identities WHERE account = ? AND device = ?");
    ps.setString(1, address.account().value());
    ps.setInt(2, address.device().value());
    try (ResultSet r = ps.executeQuery()) {
      if (!r.next()) {
        return null;
      }
      try {
        return IdentityKey.parse(r.getBytes(1));
      } catch (InvalidKeyException e) {
        throw new StoreException(StoreException.Reason.CORRUPT, "a stored peer identity is malformed");
      }
    }
  }

  // --- prekeys ---

  Optional<OneTimePreKey> loadPreKey(int id) {
    return db.read(c -> Optional.ofNullable(load(c, PREKEYS, id, OneTimePreKey::parse)));
  }

  void storePreKey(OneTimePreKey preKey) {
    store(PREKEYS, preKey.id(), preKey.serialize());
  }

  void removePreKey(int id) {
    remove(PREKEYS, id);
  }

  int countPreKeys() {
    return db.read(c -> (int) c.queryLong("SELECT count(*) FROM quintet_prekeys"));
  }

  Optional<SignedPreKey> loadSignedPreKey(int id) {
    return db.read(c -> Optional.ofNullable(load(c, SIGNED, id, SignedPreKey::parse)));
  }

  void storeSignedPreKey(SignedPreKey key) {
    store(SIGNED, key.id(), key.serialize());
  }

  void removeSignedPreKey(int id) {
    remove(SIGNED, id);
  }

  List<SignedPreKey> signedPreKeys() {
    return db.read(c -> loadAll(c, SIGNED, SignedPreKey::parse));
  }

  Optional<KemPreKey> loadKemPreKey(int id) {
    return db.read(c -> Optional.ofNullable(load(c, KEM, id, KemPreKey::parse)));
  }

  void storeKemPreKey(KemPreKey key) {
    byte[] plain = key.serialize();
    try {
      byte[] sealed = sealer.seal(plain, kemRowId(key.id(), key.isLastResort()));
      db.write(c -> {
        PreparedStatement ps = c.prepare("INSERT OR REPLACE INTO quintet_kem_prekeys"
            + " (id, last_resort, record) VALUES (?, ?, ?)");
        ps.setInt(1, key.id());
        ps.setInt(2, key.isLastResort() ? 1 : 0);
        ps.setBytes(3, sealed);
        return ps.executeUpdate();
      });
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  void removeKemPreKey(int id) {
    db.write(c -> {
      PreparedStatement used =
          c.prepare("DELETE FROM quintet_kem_prekeys_used WHERE kem_prekey_id = ?");
      used.setInt(1, id);
      used.executeUpdate();
      return remove(c, KEM, id);
    });
  }

  List<KemPreKey> kemPreKeys() {
    return db.read(c -> loadAll(c, KEM, KemPreKey::parse));
  }

  boolean markKemPreKeyUsed(int kemPreKeyId, int signedPreKeyId, Curve25519PublicKey baseKey) {
    return db.write(c -> {
      PreparedStatement ps = c.prepare("INSERT OR IGNORE INTO quintet_kem_prekeys_used"
          + " (kem_prekey_id, signed_prekey_id, base_key) VALUES (?, ?, ?)");
      ps.setInt(1, kemPreKeyId);
      ps.setInt(2, signedPreKeyId);
      ps.setBytes(3, baseKey.serialize());
      return ps.executeUpdate() == 1;
    });
  }

  // --- shared row handling ---

  private static byte[] rowId(String table, int id) {
    return Sealer.rowId(table, id);
  }

  private static byte[] kemRowId(int id, boolean lastResort) {
    return Sealer.rowId(KEM, id, lastResort ? 1 : 0);
  }

  private void store(String table, int id, byte[] plain) {
    try {
      byte[] sealed = sealer.seal(plain, rowId(table, id));
      db.write(c -> {
        PreparedStatement ps =
            c.prepare("INSERT OR REPLACE INTO " + table + " (id, record) VALUES (?, ?)");
        ps.setInt(1, id);
        ps.setBytes(2, sealed);
        return ps.executeUpdate();
      });
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private void remove(String table, int id) {
    db.write(c -> remove(c, table, id));
  }

  private static int remove(Conn c, String table, int id) throws SQLException {
    PreparedStatement ps = c.prepare("DELETE FROM " + table + " WHERE id = ?");
    ps.setInt(1, id);
    return ps.executeUpdate();
  }

  private <T> T load(Conn c, String table, int id, Parser<T> parser)
      throws SQLException, StoreException {
    String extra = table.equals(KEM) ? ", last_resort" : "";
    PreparedStatement ps = c.prepare("SELECT id, record" + extra + " FROM " + table + " WHERE id = ?");
    ps.setInt(1, id);
    try (ResultSet r = ps.executeQuery()) {
      return r.next() ? parse(r, table, parser) : null;
    }
  }

  private <T> List<T> loadAll(Conn c, String table, Parser<T> parser)
      throws SQLException, StoreException {
    String extra = table.equals(KEM) ? ", last_resort" : "";
    List<T> out = new ArrayList<>();
    try (ResultSet r =
        c.prepare("SELECT id, record" + extra + " FROM " + table + " ORDER BY id").executeQuery()) {
      while (r.next()) {
        out.add(parse(r, table, parser));
      }
    }
    return out;
  }

  /** Opens the current row under its own row id, and parses it. */
  private <T> T parse(ResultSet r, String table, Parser<T> parser)
      throws SQLException, StoreException {
    int id = r.getInt(1);
    byte[] rowId = table.equals(KEM) ? kemRowId(id, r.getInt(3) != 0) : rowId(table, id);
    byte[] plain = sealer.open(r.getBytes(2), rowId);
    try {
      return parser.parse(plain);
    } catch (InvalidKeyException e) {
      throw new StoreException(StoreException.Reason.CORRUPT, "a stored key record of " + table
          + " is malformed");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }
}
