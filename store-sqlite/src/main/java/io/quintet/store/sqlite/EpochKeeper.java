package io.quintet.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The store epoch and its anchor. Every transaction that changed a row also increments the
 * epoch in {@code quintet_meta}, in the same commit. The anchor follows in one of two ways:
 *
 * <ul>
 *   <li><b>Exact</b> (default): after each commit the anchor is advanced to its epoch. The
 *       anchor is never ahead of the database, so "anchor ahead" on open means a rollback and
 *       nothing else; a crash between commit and anchor leaves the anchor one behind, which is
 *       harmless. Cost: one anchor write per committed transaction (per message).
 *   <li><b>Reserving</b> ({@code reserveAhead = n}): before committing an epoch beyond the last
 *       reservation, the anchor is advanced {@code n - 1} past it, so only one commit in
 *       {@code n} writes the anchor; a clean close lifts the database epoch up to the anchor.
 *       After a crash the anchor is ahead too, so the store cannot tell a crash from a restore
 *       and treats both as a rollback (re-keying every session). Single process only: a second
 *       process opening while the first holds a reservation would see the same.
 * </ul>
 *
 * <p>Anchoring <em>behind</em> (every n-th commit, after it) would be unsafe: a copy taken since
 * the last anchor write is as new as the anchor, so restoring it goes unnoticed and reuses the
 * message keys of up to n - 1 transactions.
 */
final class EpochKeeper {
  private final EpochAnchor anchor;
  private final int reserveAhead;
  // Guarded by the database's write lock: only touched inside or right after a transaction.
  private long reserved;
  private long pending;

  EpochKeeper(EpochAnchor anchor, int reserveAhead) {
    this.anchor = anchor;
    this.reserveAhead = reserveAhead;
  }

  /** Inside a transaction that wrote, just before COMMIT. */
  void beforeCommit(Conn conn) throws SQLException, StoreException {
    long epoch;
    try (ResultSet r = conn.prepare(
        "UPDATE quintet_meta SET value = value + 1 WHERE name = 'epoch' RETURNING value")
        .executeQuery()) {
      if (!r.next()) {
        throw new StoreException(StoreException.Reason.CORRUPT, "store epoch is missing");
      }
      epoch = r.getLong(1);
    }
    if (anchor == null) {
      return;
    }
    if (reserveAhead == 0) {
      pending = epoch;
    } else if (epoch > reserved) {
      long reservation = epoch + reserveAhead - 1;
      advance(reservation); // before the commit: the anchor is never behind the database
      reserved = reservation;
    }
  }

  /** After COMMIT of a transaction that wrote. */
  void afterCommit() throws StoreException {
    long epoch = pending;
    pending = 0;
    if (epoch > 0) {
      advance(epoch);
    }
  }

  void afterRollback() {
    pending = 0;
  }

  /**
   * On open: compares the anchor with the database and, if the anchor is ahead, discards every
   * session, sender key and one-time prekey in one transaction and resyncs the epoch. A store
   * just {@code created} takes the anchor's epoch as its own (a reinstall keeps the keystore).
   */
  Optional<RollbackReport> reconcile(Database db, boolean created) throws StoreException {
    if (anchor == null) {
      return Optional.empty();
    }
    long anchored = read(); // first: in exact mode the anchor never passes the database
    long[] found = new long[1];
    RollbackReport report = db.transact(c -> {
      long epoch = Meta.getLong(c, Meta.EPOCH);
      found[0] = epoch;
      reserved = anchored;
      if (created) {
        Meta.put(c, Meta.EPOCH, anchored - 1); // the commit's own increment lands on the anchor
        return null;
      }
      if (anchored <= epoch) {
        return null;
      }
      int senderKeys = delete(c, "DELETE FROM quintet_sender_keys");
      int sessions = delete(c, "DELETE FROM quintet_sessions");
      int preKeys = delete(c, "DELETE FROM quintet_prekeys");
      delete(c, "DELETE FROM quintet_kem_prekeys_used WHERE kem_prekey_id IN"
          + " (SELECT id FROM quintet_kem_prekeys WHERE last_resort = 0)");
      preKeys += delete(c, "DELETE FROM quintet_kem_prekeys WHERE last_resort = 0");
      Meta.put(c, Meta.EPOCH, anchored - 1); // the commit's own increment lands on the anchor
      return new RollbackReport(epoch, anchored, sessions, senderKeys, preKeys);
    });
    if (report == null && reserveAhead == 0 && anchored < found[0]) {
      advance(found[0]); // the last run committed but crashed before anchoring
    }
    return Optional.ofNullable(report);
  }

  /** Before closing, in reserving mode: lifts the database epoch up to the reservation. */
  void onClose(Database db) throws StoreException {
    if (anchor == null || reserveAhead == 0) {
      return;
    }
    long anchored = read();
    db.transact(c -> {
      reserved = Math.max(reserved, anchored);
      if (Meta.getLong(c, Meta.EPOCH) < anchored) {
        Meta.put(c, Meta.EPOCH, anchored - 1);
      }
      return null;
    });
  }

  private static int delete(Conn c, String sql) throws SQLException {
    PreparedStatement ps = c.prepare(sql);
    return ps.executeUpdate();
  }

  private long read() throws StoreException {
    try {
      return anchor.read();
    } catch (Exception e) {
      throw new StoreException(StoreException.Reason.ANCHOR_FAILED, "cannot read the epoch anchor", e);
    }
  }

  private void advance(long epoch) throws StoreException {
    try {
      anchor.advance(epoch);
    } catch (Exception e) {
      throw new StoreException(StoreException.Reason.ANCHOR_FAILED,
          "cannot advance the epoch anchor (the transaction "
              + (reserveAhead == 0 ? "was committed)" : "was rolled back)"), e);
    }
  }
}
