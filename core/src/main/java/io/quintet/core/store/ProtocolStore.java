package io.quintet.core.store;

/**
 * Everything a device persists, with the one transaction primitive the library needs. See
 * the package documentation for the contract every implementation keeps.
 *
 * <pre>{@code
 * ProtocolStore store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), registrationId);
 * store.atomically(() -> { store.storeSession(bob, record); return null; });
 * }</pre>
 */
public interface ProtocolStore
    extends IdentityKeyStore,
        PreKeyStore,
        SignedPreKeyStore,
        KemPreKeyStore,
        SessionStore,
        SenderKeyStore,
        DeviceListStore,
        DeviceStateStore {

  /** Work run inside {@link #atomically}. */
  @FunctionalInterface
  interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Runs {@code work} so that all the store writes it makes commit together when it returns,
   * or are all undone if it throws (the exception is rethrown). Reads inside see the work's
   * own writes. Nested calls join the outer transaction.
   */
  <T, E extends Exception> T atomically(Work<T, E> work) throws E;

  /**
   * Whether the calling thread is inside {@link #atomically}. Quintet refuses to start an
   * operation there: it takes its own per-session lock before the store's transaction, and the
   * reverse order could deadlock. (Apps that want their writes in the library's transaction
   * pass them to the operation instead.)
   */
  boolean inTransaction();
}
