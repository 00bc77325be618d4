package io.quintet.store.sqlite;

/**
 * What {@link SqliteStore} found and did when its epoch anchor was ahead of the database: the
 * file had been restored from an older copy (or, with a reserving anchor, the last run did not
 * close cleanly). Every session and sender key was discarded and the one-time prekeys (Curve25519
 * and KEM) that the copy brought back were deleted, in one transaction: nothing is ever
 * encrypted again on a state whose keys may have been used. The app should tell its peers to
 * expect new sessions, upload fresh one-time prekeys, and rebuild sessions from prekey bundles.
 *
 * <pre>{@code
 * store.rolledBack().ifPresent(r -> {
 *   log.warn("store restored from an old copy; {} sessions re-keyed", r.sessionsDiscarded());
 *   uploadFreshPreKeys();
 * });
 * }</pre>
 */
public final class RollbackReport {
  private final long databaseEpoch;
  private final long anchoredEpoch;
  private final int sessionsDiscarded;
  private final int senderKeysDiscarded;
  private final int preKeysDiscarded;

  RollbackReport(long databaseEpoch, long anchoredEpoch, int sessionsDiscarded,
      int senderKeysDiscarded, int preKeysDiscarded) {
    this.databaseEpoch = databaseEpoch;
    this.anchoredEpoch = anchoredEpoch;
    this.sessionsDiscarded = sessionsDiscarded;
    this.senderKeysDiscarded = senderKeysDiscarded;
    this.preKeysDiscarded = preKeysDiscarded;
  }

  /** The epoch found in the database. */
  public long databaseEpoch() {
    return databaseEpoch;
  }

  /** The epoch the anchor held: the database had reached at least this one before. */
  public long anchoredEpoch() {
    return anchoredEpoch;
  }

  public int sessionsDiscarded() {
    return sessionsDiscarded;
  }

  public int senderKeysDiscarded() {
    return senderKeysDiscarded;
  }

  /** One-time Curve25519 and KEM prekeys deleted (last-resort and signed prekeys stay). */
  public int preKeysDiscarded() {
    return preKeysDiscarded;
  }

  @Override
  public String toString() {
    return "RollbackReport[database epoch " + databaseEpoch + " < anchored " + anchoredEpoch
        + ", " + sessionsDiscarded + " sessions, " + senderKeysDiscarded + " sender keys, "
        + preKeysDiscarded + " one-time prekeys discarded]";
  }
}
