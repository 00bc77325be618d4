/**
 * The durable embedded store: {@link io.quintet.store.sqlite.SqliteStore} keeps every Quintet
 * store interface in one SQLite file, seals secrets at rest with a {@link
 * io.quintet.store.sqlite.StoreKey}, lets the app's own writes join the library's transactions,
 * and detects a database restored from an older copy through an {@link
 * io.quintet.store.sqlite.EpochAnchor}. See {@code docs/storage.md} for the design.
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.builder(Path.of("phone.db"))
 *     .openOrCreate(IdentityKeyPair.generate(), registrationId)) {
 *   new SessionBuilder(store, bobPhone).process(bundle);
 * }
 * }</pre>
 */
package io.quintet.store.sqlite;
