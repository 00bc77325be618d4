package io.quintet.ratchet.group;

import io.quintet.core.DeviceAddress;
import io.quintet.core.NoSessionException;
import io.quintet.core.store.ProtocolStore;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads and saves sender-key records. Each operation parses its own copy of the record and
 * writes it back, inside {@link ProtocolStore#atomically}, only when it succeeded: a failed
 * decrypt leaves the stored bytes untouched. Cryptography runs before the transaction, never
 * inside it. A save commits only if the stored bytes are still those the operation loaded on
 * this thread, so two store objects or two processes sharing a database can never both step
 * one chain (which would reuse a message key); the loser is told to start over.
 */
final class SenderKeyStorage {
  private static final int MAX_ATTEMPTS = 100;

  private final ProtocolStore store;
  private final ThreadLocal<byte[]> loaded = new ThreadLocal<>();

  SenderKeyStorage(ProtocolStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Another writer changed the record between our load and our save. */
  static final class Conflict extends Exception {
    private static final long serialVersionUID = 1L;

    Conflict() {
      super(null, null, false, false);
    }
  }

  /** One attempt of an operation, re-run from a fresh load after a {@link Conflict}. */
  @FunctionalInterface
  interface Attempt<T, E extends Exception> {
    T run() throws E, Conflict;
  }

  /** Runs {@code attempt} until it commits without a conflict. */
  <T, E extends Exception> T retrying(Attempt<T, E> attempt) throws E {
    if (store.inTransaction()) {
      throw new IllegalStateException(
          "Quintet operations must not run inside ProtocolStore.atomically (lock order)");
    }
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      try {
        return attempt.run();
      } catch (Conflict c) {
        // reload and recompute
      } finally {
        loaded.remove();
      }
    }
    throw new IllegalStateException("sender key record kept changing under us");
  }

  /** The stored record, or empty if there is none; corrupt bytes are a NoSessionException. */
  Optional<SenderKeyRecord> load(DeviceAddress sender, UUID distributionId)
      throws NoSessionException {
    Optional<byte[]> bytes = store.loadSenderKey(sender, distributionId);
    loaded.set(bytes.orElse(null));
    return bytes.isPresent() ? Optional.of(SenderKeyRecord.parse(bytes.get())) : Optional.empty();
  }

  /** The stored record; a missing or corrupt one is replaced by an empty one. */
  SenderKeyRecord loadOrEmpty(DeviceAddress sender, UUID distributionId) {
    try {
      return load(sender, distributionId).orElseGet(SenderKeyRecord::empty);
    } catch (NoSessionException corrupt) {
      return SenderKeyRecord.empty(); // a fresh distribution heals an unreadable record
    }
  }

  /** Writes the record if nobody changed it since this thread loaded it; durable on return. */
  void save(DeviceAddress sender, UUID distributionId, SenderKeyRecord record) throws Conflict {
    byte[] bytes = record.serialize();
    byte[] expected = loaded.get();
    store.atomically(
        () -> {
          byte[] now = store.loadSenderKey(sender, distributionId).orElse(null);
          if (!java.util.Arrays.equals(now, expected)) {
            throw new Conflict();
          }
          store.storeSenderKey(sender, distributionId, bytes);
          return null;
        });
    loaded.set(bytes);
  }
}
