package io.quintet.store.sqlite;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Session and sender-key records: opaque bytes from the ratchet, sealed, each bound to its
 * table and key columns (account, device, and for sender keys the distribution id).
 */
final class RecordTables {
  private static final String SESSIONS = "quintet_sessions";
  private static final String SENDER_KEYS = "quintet_sender_keys";

  private final Database db;
  private final Sealer sealer;

  RecordTables(Database db, Sealer sealer) {
    this.db = db;
    this.sealer = sealer;
  }

  Optional<byte[]> loadSession(DeviceAddress address) {
    return db.read(c -> {
      PreparedStatement ps =
          c.prepare("SELECT record FROM quintet_sessions WHERE account = ? AND device = ?");
      bind(ps, address);
      try (ResultSet r = ps.executeQuery()) {
        return r.next()
            ? Optional.of(sealer.open(r.getBytes(1), sessionRow(address)))
            : Optional.empty();
      }
    });
  }

  void storeSession(DeviceAddress address, byte[] record) {
    byte[] sealed = sealer.seal(record, sessionRow(address));
    db.write(c -> {
      PreparedStatement ps = c.prepare(
          "INSERT OR REPLACE INTO quintet_sessions (account, device, record) VALUES (?, ?, ?)");
      bind(ps, address);
      ps.setBytes(3, sealed);
      return ps.executeUpdate();
    });
  }

  void deleteSession(DeviceAddress address) {
    db.write(c -> {
      PreparedStatement ps =
          c.prepare("DELETE FROM quintet_sessions WHERE account = ? AND device = ?");
      bind(ps, address);
      return ps.executeUpdate();
    });
  }

  List<DeviceId> sessionDevices(AccountId account) {
    return db.read(c -> {
      PreparedStatement ps =
          c.prepare("SELECT device FROM quintet_sessions WHERE account = ? ORDER BY device");
      ps.setString(1, account.value());
      List<DeviceId> out = new ArrayList<>();
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          out.add(DeviceId.of(r.getInt(1)));
        }
      }
      return out;
    });
  }

  void deleteAllSessions() {
    db.write(c -> c.prepare("DELETE FROM quintet_sessions").executeUpdate());
  }

  Optional<byte[]> loadSenderKey(DeviceAddress sender, UUID distributionId) {
    return db.read(c -> {
      PreparedStatement ps = c.prepare("SELECT record FROM quintet_sender_keys"
          + " WHERE account = ? AND device = ? AND distribution_id = ?");
      bind(ps, sender);
      ps.setString(3, distributionId.toString());
      try (ResultSet r = ps.executeQuery()) {
        return r.next()
            ? Optional.of(sealer.open(r.getBytes(1), senderKeyRow(sender, distributionId)))
            : Optional.empty();
      }
    });
  }

  void storeSenderKey(DeviceAddress sender, UUID distributionId, byte[] record) {
    byte[] sealed = sealer.seal(record, senderKeyRow(sender, distributionId));
    db.write(c -> {
      PreparedStatement ps = c.prepare("INSERT OR REPLACE INTO quintet_sender_keys"
          + " (account, device, distribution_id, record) VALUES (?, ?, ?, ?)");
      bind(ps, sender);
      ps.setString(3, distributionId.toString());
      ps.setBytes(4, sealed);
      return ps.executeUpdate();
    });
  }

  void deleteSenderKey(DeviceAddress sender, UUID distributionId) {
    db.write(c -> {
      PreparedStatement ps = c.prepare("DELETE FROM quintet_sender_keys"
          + " WHERE account = ? AND device = ? AND distribution_id = ?");
      bind(ps, sender);
      ps.setString(3, distributionId.toString());
      return ps.executeUpdate();
    });
  }

  void deleteAllSenderKeys() {
    db.write(c -> c.prepare("DELETE FROM quintet_sender_keys").executeUpdate());
  }

  private static void bind(PreparedStatement ps, DeviceAddress address) throws SQLException {
    ps.setString(1, address.account().value());
    ps.setInt(2, address.device().value());
  }

  private static byte[] sessionRow(DeviceAddress a) {
    return Sealer.rowId(SESSIONS, a.account().value(), a.device().value());
  }

  private static byte[] senderKeyRow(DeviceAddress a, UUID distributionId) {
    return Sealer.rowId(SENDER_KEYS, a.account().value(), a.device().value(), distributionId);
  }
}
