package io.quintet.store.sqlite;

/**
 * A counter kept outside the database — in the app's keystore, or anywhere a restored backup
 * of the database does not bring back an old value — that lets {@link SqliteStore} notice it
 * was rolled back to an older copy. Such a copy holds session states whose message keys were
 * already used; encrypting on them again would reuse keys. The store advances its own epoch in
 * every committed transaction and the anchor after it; on open, an anchor ahead of the
 * database means the database went back in time, and every session is discarded (see {@link
 * SqliteStore#rolledBack()}).
 *
 * <p>Implementations must be durable when {@link #advance} returns and must never go down:
 * {@code advance} keeps the larger of the stored and the given value (two processes may advance
 * out of order). A new anchor reads 0.
 *
 * <pre>{@code
 * EpochAnchor anchor = new EpochAnchor() {
 *   public long read() { return prefs.getLong("quintet-epoch", 0); }
 *   public void advance(long epoch) {
 *     prefs.edit().putLong("quintet-epoch", Math.max(epoch, read())).commit();
 *   }
 * };
 * SqliteStore store = SqliteStore.builder(path).epochAnchor(anchor).open();
 * }</pre>
 */
public interface EpochAnchor {
  /** The stored epoch; 0 if none was ever stored. */
  long read() throws Exception;

  /** Stores {@code max(stored, epoch)} durably. */
  void advance(long epoch) throws Exception;
}
