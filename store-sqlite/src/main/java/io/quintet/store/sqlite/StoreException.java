package io.quintet.store.sqlite;

import io.quintet.core.QuintetException;
import java.util.Objects;

/**
 * Why a {@link SqliteStore} could not be opened or could not serve a request. The {@link
 * Reason} says what an app can act on; the message names the problem and never contains key,
 * record or plaintext bytes.
 *
 * <pre>{@code
 * try {
 *   store = SqliteStore.builder(path).storeKey(key).open();
 * } catch (StoreException e) {
 *   if (e.reason() == StoreException.Reason.WRONG_KEY) askKeystoreAgain();
 *   else throw e;
 * }
 * }</pre>
 */
public final class StoreException extends QuintetException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** {@code open()} found no database at the path. */
    NOT_FOUND,
    /** The file is not a SQLite database, or a SQLite database that Quintet did not create. */
    NOT_A_QUINTET_DATABASE,
    /** SQLite reports the file as damaged, or Quintet's own tables are missing or malformed. */
    CORRUPT,
    /** The database was written by a newer Quintet; this code does not know its schema. */
    TOO_NEW,
    /** The database holds a different identity than the one passed to open it. */
    IDENTITY_MISMATCH,
    /** The store key is wrong, missing for a sealed database, or given for an unsealed one. */
    WRONG_KEY,
    /** A sealed row failed authentication: it was altered, or copied from another row. */
    TAMPERED,
    /** Another connection or process held the database longer than the busy timeout. */
    BUSY,
    /** The epoch anchor could not be read or advanced. */
    ANCHOR_FAILED,
    /** Any other failure of SQLite or the disk (full, read-only, I/O error, closed store). */
    IO
  }

  private final Reason reason;

  public StoreException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public StoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
