package io.quintet.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code quintet_meta} rows: the store's own identity, sealing check and epoch. */
final class Meta {
  static final String EPOCH = "epoch";
  static final String SEALED = "sealed";
  static final String KEY_CHECK = "key_check";
  static final String IDENTITY = "identity";
  static final String IDENTITY_PUBLIC = "identity_public";
  static final String REGISTRATION_ID = "registration_id";

  private Meta() {}

  static long getLong(Conn conn, String name) throws SQLException, StoreException {
    try (ResultSet r = select(conn, name)) {
      if (!r.next()) {
        throw missing(name);
      }
      long value = r.getLong(1);
      if (r.wasNull()) {
        throw missing(name);
      }
      return value;
    }
  }

  static byte[] getBytes(Conn conn, String name) throws SQLException, StoreException {
    try (ResultSet r = select(conn, name)) {
      byte[] value = r.next() ? r.getBytes(1) : null;
      if (value == null) {
        throw missing(name);
      }
      return value;
    }
  }

  static void put(Conn conn, String name, Object value) throws SQLException {
    PreparedStatement ps =
        conn.prepare("INSERT OR REPLACE INTO quintet_meta (name, value) VALUES (?, ?)");
    ps.setString(1, name);
    ps.setObject(2, value);
    ps.executeUpdate();
  }

  private static ResultSet select(Conn conn, String name) throws SQLException {
    PreparedStatement ps = conn.prepare("SELECT value FROM quintet_meta WHERE name = ?");
    ps.setString(1, name);
    return ps.executeQuery();
  }

  private static StoreException missing(String name) {
    return new StoreException(StoreException.Reason.CORRUPT, "store metadata '" + name + "' is missing");
  }
}
