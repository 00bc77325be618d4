/**
 * The storage SPI: what Quintet needs persisted, as small interfaces an app (or
 * {@code quintet-store-sqlite}) implements, and in-memory implementations for tests.
 *
 * <h2>Contract, for every implementation</h2>
 *
 * <ul>
 *   <li><b>Atomic per operation.</b> Quintet runs every state change of one library
 *       operation (an encrypt, a decrypt, a link, a list update) inside
 *       {@link io.quintet.core.store.ProtocolStore#atomically}. All its writes become visible
 *       together, or — if the work throws — none of them does: a decrypt that fails leaves
 *       every record byte-identical.
 *   <li><b>Durable before released.</b> When {@code atomically} returns, the writes are
 *       durable; Quintet releases a ciphertext only after that, so a crash can never reuse a
 *       message key.
 *   <li><b>Thread-safe.</b> Any method may be called from any thread. Quintet itself
 *       serializes operations on one session, so a store needs no per-session locking of its
 *       own; it must not hold a global lock across {@code atomically} either, or fan-out
 *       cannot use more than one core.
 *   <li><b>Secrets.</b> Records handed to a store contain private keys and chain keys. A
 *       store keeps them out of logs; the SQLite store can encrypt them at rest.
 *   <li><b>Opaque records.</b> Session, sender-key and device-list records are opaque bytes
 *       owned by the library; a store saves and returns them unchanged.
 * </ul>
 */
package io.quintet.core.store;
