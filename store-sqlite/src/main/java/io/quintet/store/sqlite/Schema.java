package io.quintet.store.sqlite;

import java.sql.SQLException;
import java.util.List;

/**
 * The database layout and its migrations. {@code PRAGMA application_id} marks a file as
 * Quintet's; {@code PRAGMA user_version} is the schema version, the number of migrations
 * applied. Migration {@code i} takes version {@code i} to {@code i + 1}; all pending ones run
 * in the caller's transaction together with the version bump, so a crash leaves either the old
 * schema or the new one. Every table is prefixed {@code quintet_}; apps sharing the file keep
 * to other names.
 */
final class Schema {
  /** "QTNT" in the SQLite header, so other tools and Quintet itself can tell the file apart. */
  static final int APPLICATION_ID = 0x51544E54;

  private static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          "CREATE TABLE quintet_meta (name TEXT PRIMARY KEY, value ANY NOT NULL)"
              + " STRICT, WITHOUT ROWID",
          "CREATE TABLE quintet_identities (account TEXT NOT NULL, device INTEGER NOT NULL,"
              + " identity BLOB NOT NULL, PRIMARY KEY (account, device)) STRICT, WITHOUT ROWID",
          "CREATE TABLE quintet_prekeys (id INTEGER PRIMARY KEY, record BLOB NOT NULL) STRICT",
          "CREATE TABLE quintet_signed_prekeys (id INTEGER PRIMARY KEY, record BLOB NOT NULL)"
              + " STRICT",
          "CREATE TABLE quintet_kem_prekeys (id INTEGER PRIMARY KEY,"
              + " last_resort INTEGER NOT NULL, record BLOB NOT NULL) STRICT",
          "CREATE TABLE quintet_kem_prekeys_used (kem_prekey_id INTEGER NOT NULL,"
              + " signed_prekey_id INTEGER NOT NULL, base_key BLOB NOT NULL,"
              + " PRIMARY KEY (kem_prekey_id, signed_prekey_id, base_key)) STRICT, WITHOUT ROWID",
          "CREATE TABLE quintet_sessions (account TEXT NOT NULL, device INTEGER NOT NULL,"
              + " record BLOB NOT NULL, PRIMARY KEY (account, device)) STRICT, WITHOUT ROWID",
          "CREATE TABLE quintet_sender_keys (account TEXT NOT NULL, device INTEGER NOT NULL,"
              + " distribution_id TEXT NOT NULL, record BLOB NOT NULL,"
              + " PRIMARY KEY (account, device, distribution_id)) STRICT, WITHOUT ROWID",
          // record is NULL after a delete: the version stays, so no older list gets back in.
          "CREATE TABLE quintet_device_lists (account TEXT PRIMARY KEY,"
              + " version INTEGER NOT NULL, record BLOB) STRICT, WITHOUT ROWID",
          "CREATE TABLE quintet_device_state (namespace TEXT NOT NULL, key TEXT NOT NULL,"
              + " value BLOB NOT NULL, PRIMARY KEY (namespace, key)) STRICT, WITHOUT ROWID"));

  private Schema() {}

  /** The schema version this code writes. */
  static int currentVersion() {
    return MIGRATIONS.size();
  }

  /** Applies migrations {@code from}..current inside the caller's transaction. */
  static void migrate(Conn conn, int from) throws SQLException {
    migrate(conn, from, MIGRATIONS);
  }

  /** As {@link #migrate(Conn, int)} with a given list (tests check partial failures). */
  static void migrate(Conn conn, int from, List<List<String>> migrations) throws SQLException {
    for (int version = from; version < migrations.size(); version++) {
      for (String sql : migrations.get(version)) {
        conn.exec(sql);
      }
    }
    conn.exec("PRAGMA application_id = " + APPLICATION_ID);
    conn.exec("PRAGMA user_version = " + migrations.size());
  }

  /** Whether the file holds no schema at all (a new or empty database). */
  static boolean isEmpty(Conn conn) throws SQLException {
    return conn.queryLong("PRAGMA application_id") == 0
        && conn.queryLong("PRAGMA user_version") == 0
        && conn.queryLong("SELECT count(*) FROM sqlite_schema") == 0;
  }
}
