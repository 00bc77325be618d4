package io.quintet.store.sqlite;

import io.quintet.core.AccountId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Device lists (public signed records, stored as is, with a version that outlives the record)
 * and the library's small state records (sealed, bound to namespace and key).
 */
final class StateTables {
  private static final String STATE = "quintet_device_state";

  private final Database db;
  private final Sealer sealer;

  StateTables(Database db, Sealer sealer) {
    this.db = db;
    this.sealer = sealer;
  }

  Optional<byte[]> loadDeviceList(AccountId account) {
    return db.read(c -> {
      PreparedStatement ps = c.prepare("SELECT record FROM quintet_device_lists"
          + " WHERE account = ? AND record IS NOT NULL");
      ps.setString(1, account.value());
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    });
  }

  Optional<Long> deviceListVersion(AccountId account) {
    return db.read(c -> {
      PreparedStatement ps =
          c.prepare("SELECT version FROM quintet_device_lists WHERE account = ?");
      ps.setString(1, account.value());
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    });
  }

  void storeDeviceList(AccountId account, long version, byte[] record) {
    byte[] copy = record.clone();
    db.write(c -> {
      PreparedStatement read =
          c.prepare("SELECT version FROM quintet_device_lists WHERE account = ?");
      read.setString(1, account.value());
      try (ResultSet r = read.executeQuery()) {
        if (r.next() && version < r.getLong(1)) {
          throw new IllegalStateException(
              "device list version " + version + " is older than " + r.getLong(1));
        }
      }
      PreparedStatement ps = c.prepare("INSERT OR REPLACE INTO quintet_device_lists"
          + " (account, version, record) VALUES (?, ?, ?)");
      ps.setString(1, account.value());
      ps.setLong(2, version);
      ps.setBytes(3, copy);
      return ps.executeUpdate();
    });
  }

  void deleteDeviceList(AccountId account) {
    db.write(c -> {
      PreparedStatement ps =
          c.prepare("UPDATE quintet_device_lists SET record = NULL WHERE account = ?");
      ps.setString(1, account.value());
      return ps.executeUpdate();
    });
  }

  Optional<byte[]> loadState(String namespace, String key) {
    checkNamespace(namespace);
    return db.read(c -> {
      PreparedStatement ps = c.prepare(
          "SELECT value FROM quintet_device_state WHERE namespace = ? AND key = ?");
      ps.setString(1, namespace);
      ps.setString(2, key);
      try (ResultSet r = ps.executeQuery()) {
        return r.next()
            ? Optional.of(sealer.open(r.getBytes(1), Sealer.rowId(STATE, namespace, key)))
            : Optional.empty();
      }
    });
  }

  void storeState(String namespace, String key, byte[] value) {
    checkNamespace(namespace);
    byte[] sealed = sealer.seal(value, Sealer.rowId(STATE, namespace, key));
    db.write(c -> {
      PreparedStatement ps = c.prepare("INSERT OR REPLACE INTO quintet_device_state"
          + " (namespace, key, value) VALUES (?, ?, ?)");
      ps.setString(1, namespace);
      ps.setString(2, key);
      ps.setBytes(3, sealed);
      return ps.executeUpdate();
    });
  }

  void deleteState(String namespace, String key) {
    checkNamespace(namespace);
    db.write(c -> {
      PreparedStatement ps =
          c.prepare("DELETE FROM quintet_device_state WHERE namespace = ? AND key = ?");
      ps.setString(1, namespace);
      ps.setString(2, key);
      return ps.executeUpdate();
    });
  }

  List<String> stateKeys(String namespace) {
    checkNamespace(namespace);
    List<String> keys = db.read(c -> {
      PreparedStatement ps =
          c.prepare("SELECT key FROM quintet_device_state WHERE namespace = ?");
      ps.setString(1, namespace);
      List<String> out = new ArrayList<>();
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    });
    keys.sort(null); // String order, as the in-memory store (SQLite sorts UTF-8 bytes)
    return keys;
  }

  void deleteStateNamespace(String namespace) {
    checkNamespace(namespace);
    db.write(c -> {
      PreparedStatement ps = c.prepare("DELETE FROM quintet_device_state WHERE namespace = ?");
      ps.setString(1, namespace);
      return ps.executeUpdate();
    });
  }

  /** Refused as the in-memory store refuses it, so code tested there behaves the same here. */
  private static void checkNamespace(String namespace) {
    if (namespace.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("namespace contains NUL");
    }
  }
}
