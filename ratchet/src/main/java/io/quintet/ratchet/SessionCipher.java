package io.quintet.ratchet;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidKeyIdException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.NoSessionException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.store.IdentityKeyStore.Direction;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.core.wire.SignalMessage;
import io.quintet.ratchet.internal.DoubleRatchet;
import io.quintet.ratchet.internal.PendingPreKey;
import io.quintet.ratchet.internal.RatchetKeySource;
import io.quintet.ratchet.internal.SessionLocks;
import io.quintet.ratchet.internal.SessionRecord;
import io.quintet.ratchet.internal.SessionState;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Encrypts and decrypts pairwise messages with one peer device. Operations on one session are
 * serialized by the library (no app locking needed); different sessions run in parallel.
 * Every operation commits atomically: a decrypt that fails — bad MAC, duplicate, unknown
 * prekey, untrusted identity — leaves the stored session exactly as it was.
 *
 * <pre>{@code
 * SessionCipher toBob = new SessionCipher(store, bobPhone);
 * CiphertextMessage out = toBob.encrypt("hi".getBytes(UTF_8));
 * try {
 *   byte[] reply = toBob.decrypt(incomingType, incomingBytes);
 * } catch (DuplicateMessageException dup) {
 *   // already delivered: ignore
 * }
 * }</pre>
 */
public final class SessionCipher {
  private final ProtocolStore store;
  private final DeviceAddress remote;
  private final SessionPolicy policy;
  private final RatchetKeySource keySource;

  public SessionCipher(ProtocolStore store, DeviceAddress remote) {
    this(store, remote, SessionPolicy.DEFAULT);
  }

  public SessionCipher(ProtocolStore store, DeviceAddress remote, SessionPolicy policy) {
    this(store, remote, policy, RatchetKeySource.SECURE_RANDOM);
  }

  SessionCipher(
      ProtocolStore store, DeviceAddress remote, SessionPolicy policy, RatchetKeySource keys) {
    this.store = Objects.requireNonNull(store, "store");
    this.remote = Objects.requireNonNull(remote, "remote");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.keySource = Objects.requireNonNull(keys, "keys");
  }

  /** Whether a current session exists with the peer device. */
  public boolean hasSession() {
    return store.loadSession(remote).map(SessionRecord::parse).map(SessionRecord::hasCurrent)
        .orElse(false);
  }

  /**
   * Encrypts {@code plaintext}. Until the peer has answered, the result is a PREKEY message
   * that can set up the session on its side.
   *
   * @throws NoSessionException if there is no session, or its first message went unanswered
   *     for longer than the policy allows
   * @throws UntrustedIdentityException if the app no longer trusts the peer's identity
   */
  public CiphertextMessage encrypt(byte[] plaintext)
      throws NoSessionException, UntrustedIdentityException {
    Objects.requireNonNull(plaintext, "plaintext");
    ReentrantLock lock = lock();
    lock.lock();
    try {
      SessionRecord record = load();
      SessionState state = record.current();
      if (state == null || !state.hasSenderChain()) {
        throw new NoSessionException("no session with " + remote);
      }
      PendingPreKey pending = state.pendingPreKey();
      if (pending != null
          && pending.timestamp + policy.maxUnacknowledgedAge().toMillis()
              < policy.clock().millis()) {
        throw new NoSessionException("the unanswered session with " + remote + " is stale");
      }
      Trust.check(store, remote, state.remoteIdentity(), Direction.SENDING);
      SignalMessage message = DoubleRatchet.encrypt(state, plaintext);
      CiphertextMessage out =
          pending == null
              ? new CiphertextMessage(CiphertextMessage.Type.WHISPER, message.serialize())
              : new CiphertextMessage(
                  CiphertextMessage.Type.PREKEY,
                  PreKeySignalMessage.create(
                          state.version(), state.localRegistrationId(), pending.preKeyId,
                          pending.signedPreKeyId, pending.kemPreKeyId, pending.kemCiphertext,
                          pending.baseKey, state.localIdentity(), message)
                      .serialize());
      commit(record, null, state);
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Decrypts a message of either type, as received with its envelope type. */
  public byte[] decrypt(CiphertextMessage.Type type, byte[] serialized)
      throws InvalidMessageException, InvalidKeyIdException, NoSessionException,
          UntrustedIdentityException {
    Objects.requireNonNull(type, "type");
    return type == CiphertextMessage.Type.PREKEY
        ? decrypt(PreKeySignalMessage.parse(serialized))
        : decrypt(SignalMessage.parse(serialized));
  }

  /**
   * Decrypts a first message, building the session from it (and consuming its one-time
   * prekeys) or reusing the session an earlier copy of it built.
   *
   * @throws DuplicateMessageException if this message was already decrypted
   * @throws InvalidKeyIdException if it names a prekey this device no longer has
   */
  public byte[] decrypt(PreKeySignalMessage message)
      throws InvalidMessageException, InvalidKeyIdException, UntrustedIdentityException {
    ReentrantLock lock = lock();
    lock.lock();
    try {
      Trust.check(store, remote, message.identityKey(), Direction.RECEIVING);
      SessionRecord record =
          store.loadSession(remote).map(SessionRecord::parse).orElseGet(SessionRecord::empty);
      SessionResponder.Consumed consumed =
          SessionResponder.process(store, policy, record, message);
      SessionState state = record.current().copy();
      byte[] plaintext =
          DoubleRatchet.decrypt(state, message.message(), policy.maxForwardJumps(), keySource);
      commit(record, consumed, state);
      if (consumed != null) {
        reportLowPreKeys();
      }
      return plaintext;
    } finally {
      lock.unlock();
    }
  }

  private void reportLowPreKeys() {
    PreKeyListener listener = policy.preKeyListener();
    if (listener == null) {
      return;
    }
    int ec = store.countPreKeys();
    int kem = PreKeyManager.countOneTimeKem(store);
    if (ec < policy.lowPreKeyThreshold() || kem < policy.lowPreKeyThreshold()) {
      listener.preKeysLow(ec, kem);
    }
  }

  /**
   * Decrypts an ordinary message with the current session state, or else with an archived
   * one (which then becomes current).
   *
   * @throws DuplicateMessageException if this message was already decrypted
   * @throws NoSessionException if there is no session with the peer device
   */
  public byte[] decrypt(SignalMessage message)
      throws InvalidMessageException, NoSessionException, UntrustedIdentityException {
    ReentrantLock lock = lock();
    lock.lock();
    try {
      SessionRecord record = load();
      InvalidMessageException firstFailure = null;
      if (record.hasCurrent()) {
        SessionState state = record.current().copy();
        try {
          byte[] plaintext =
              DoubleRatchet.decrypt(state, message, policy.maxForwardJumps(), keySource);
          Trust.check(store, remote, state.remoteIdentity(), Direction.RECEIVING);
          commit(record, null, state);
          return plaintext;
        } catch (DuplicateMessageException e) {
          throw e;
        } catch (InvalidMessageException e) {
          firstFailure = e;
        }
      }
      for (int i = 0; i < record.previousCount(); i++) {
        SessionState state = record.previous(i);
        try {
          byte[] plaintext =
              DoubleRatchet.decrypt(state, message, policy.maxForwardJumps(), keySource);
          Trust.check(store, remote, state.remoteIdentity(), Direction.RECEIVING);
          record.promotePrevious(i, state);
          commit(record, null, state);
          return plaintext;
        } catch (DuplicateMessageException e) {
          throw e;
        } catch (InvalidMessageException e) {
          if (firstFailure == null) {
            firstFailure = e;
          }
        }
      }
      if (firstFailure == null) {
        throw new NoSessionException("no session with " + remote);
      }
      if (record.previousCount() == 0) {
        throw firstFailure;
      }
      throw new InvalidMessageException(
          "message decrypts with no session state (current: " + firstFailure.getMessage() + ")");
    } finally {
      lock.unlock();
    }
  }

  /** The peer's registration id from the current session, as Signal apps use it. */
  public int remoteRegistrationId() throws NoSessionException {
    SessionState state = load().current();
    if (state == null) {
      throw new NoSessionException("no session with " + remote);
    }
    return state.remoteRegistrationId();
  }

  private ReentrantLock lock() {
    return SessionLocks.of(store, "session", remote);
  }

  private SessionRecord load() throws NoSessionException {
    return SessionRecord.parse(
        store
            .loadSession(remote)
            .orElseThrow(() -> new NoSessionException("no session with " + remote)));
  }

  private void commit(SessionRecord record, SessionResponder.Consumed consumed, SessionState state) {
    record.setCurrent(state);
    byte[] serialized = record.serialize();
    store.atomically(
        () -> {
          store.storeSession(remote, serialized);
          if (consumed != null) {
            consumed.applyTo(store);
          }
          store.saveIdentity(remote, state.remoteIdentity());
          return null;
        });
  }
}
