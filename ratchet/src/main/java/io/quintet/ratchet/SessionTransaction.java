package io.quintet.ratchet;

import io.quintet.core.DeviceAddress;
import io.quintet.core.QuintetException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.store.AppWriteException;
import io.quintet.core.store.IdentityKeyStore.Direction;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.store.TransactionHook;
import io.quintet.ratchet.internal.SessionLocks;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one session operation: load the record, compute (crypto outside the store's
 * transaction), then commit inside it — but only if the stored record is still the one that
 * was loaded. The per-session lock makes conflicts rare within one process; the comparison
 * makes them harmless across store objects and processes (a loser recomputes from the new
 * record, so no message key is ever used twice). Trust is checked and prekeys are consumed
 * inside the same transaction, so they cannot race either.
 */
final class SessionTransaction {
  private static final int MAX_ATTEMPTS = 100;

  /** What an operation wants committed. */
  static final class Outcome<T> {
    final T result;
    final byte[] record;
    final IdentityKey identity;
    final Direction direction;
    final SessionResponder.Consumed consumed;

    Outcome(T result, byte[] record, IdentityKey identity, Direction direction,
        SessionResponder.Consumed consumed) {
      this.result = result;
      this.record = record;
      this.identity = identity;
      this.direction = direction;
      this.consumed = consumed;
    }
  }

  /** Computes an outcome from the stored record (null when there is none). */
  @FunctionalInterface
  interface Operation<T> {
    Outcome<T> compute(byte[] stored) throws QuintetException;
  }

  private SessionTransaction() {}

  /** Thrown inside the transaction when another writer got there first; never escapes. */
  private static final class Conflict extends Exception {
    private static final long serialVersionUID = 1L;

    Conflict() {
      super(null, null, false, false);
    }
  }

  /** Carries the app hook's failure out of the store transaction; never escapes. */
  private static final class HookFailure extends Exception {
    private static final long serialVersionUID = 1L;

    HookFailure(Exception cause) {
      super(null, cause, false, false);
    }
  }

  static <T> T run(
      ProtocolStore store, DeviceAddress remote, Operation<T> operation) throws QuintetException {
    return run(store, remote, operation, null);
  }

  /** As {@link #run(ProtocolStore, DeviceAddress, Operation)}, running {@code hook} before commit. */
  static <T> T run(ProtocolStore store, DeviceAddress remote, Operation<T> operation,
      TransactionHook<? super T> hook) throws QuintetException {
    if (store.inTransaction()) {
      throw new IllegalStateException(
          "Quintet operations must not run inside ProtocolStore.atomically (lock order)");
    }
    ReentrantLock lock = SessionLocks.of(store, "session", remote);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      lock.lock();
      try {
        byte[] stored = store.loadSession(remote).orElse(null);
        Outcome<T> outcome = operation.compute(stored);
        try {
          store.atomically(() -> {
            if (!Arrays.equals(store.loadSession(remote).orElse(null), stored)) {
              throw new Conflict();
            }
            Trust.check(store, remote, outcome.identity, outcome.direction);
            if (outcome.consumed != null) {
              outcome.consumed.applyTo(store);
            }
            store.storeSession(remote, outcome.record);
            store.saveIdentity(remote, outcome.identity);
            if (hook != null) {
              try {
                hook.run(outcome.result);
              } catch (Exception e) {
                throw new HookFailure(e);
              }
            }
            return null;
          });
          return outcome.result;
        } catch (Conflict c) {
          continue; // someone else advanced the session: recompute from their record
        } catch (HookFailure f) {
          throw new AppWriteException(f.getCause());
        } catch (QuintetException | RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("store failed", e);
        }
      } finally {
        lock.unlock();
      }
    }
    throw new IllegalStateException("session with " + remote + " kept changing under us");
  }
}
