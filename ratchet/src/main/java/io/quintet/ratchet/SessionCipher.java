package io.quintet.ratchet;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidKeyIdException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.Limits;
import io.quintet.core.NoSessionException;
import io.quintet.core.QuintetException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.store.AppWriteException;
import io.quintet.core.store.IdentityKeyStore.Direction;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.store.TransactionHook;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.core.wire.SignalMessage;
import io.quintet.ratchet.internal.DoubleRatchet;
import io.quintet.ratchet.internal.PendingPreKey;
import io.quintet.ratchet.internal.RatchetKeySource;
import io.quintet.ratchet.internal.SessionRecord;
import io.quintet.ratchet.internal.SessionState;
import java.util.Objects;

/**
 * Encrypts and decrypts pairwise messages with one peer device. Operations on one session are
 * serialized by the library (no app locking needed), even across store objects and processes
 * sharing a database; different sessions run in parallel. Every operation commits atomically:
 * a decrypt that fails — bad MAC, duplicate, unknown prekey, untrusted identity — leaves the
 * stored session exactly as it was. Do not call it from inside {@code ProtocolStore.atomically}.
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

  /** Whether {@link #encrypt} can be used now: a current session that is not stale. */
  public boolean hasSession() {
    return store.loadSession(remote).map(SessionRecord::parse).map(SessionRecord::current)
        .map(s -> s.hasSenderChain() && !isStale(s)).orElse(false);
  }

  private boolean isStale(SessionState state) {
    PendingPreKey pending = state.pendingPreKey();
    return pending != null
        && pending.timestamp + policy.maxUnacknowledgedAge().toMillis() < policy.clock().millis();
  }

  /**
   * Encrypts {@code plaintext} (at most {@link Limits#MAX_PLAINTEXT_BYTES}). Until the peer has
   * answered, the result is a PREKEY message that can set up the session on its side.
   *
   * @throws NoSessionException if there is no session, or its first message went unanswered
   *     for longer than the policy allows
   * @throws UntrustedIdentityException if the app no longer trusts the peer's identity
   */
  public CiphertextMessage encrypt(byte[] plaintext)
      throws NoSessionException, UntrustedIdentityException {
    try {
      return encrypt(plaintext, null);
    } catch (AppWriteException e) {
      throw new AssertionError("no hook, no app write", e);
    }
  }

  /**
   * As {@link #encrypt(byte[])}, running the app's {@code hook} with the ciphertext inside the
   * transaction that advances the session (e.g. to queue it in the app's outbox), so the two
   * commit together or not at all.
   *
   * @throws AppWriteException if the hook failed; nothing was committed
   */
  public CiphertextMessage encrypt(byte[] plaintext, TransactionHook<? super CiphertextMessage> hook)
      throws NoSessionException, UntrustedIdentityException, AppWriteException {
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.length > Limits.MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("plaintext is larger than " + Limits.MAX_PLAINTEXT_BYTES
          + " bytes; send it as an attachment");
    }
    try {
      return SessionTransaction.run(store, remote, stored -> {
        SessionRecord record = record(stored);
        SessionState state = record.current();
        if (state == null || !state.hasSenderChain()) {
          throw new NoSessionException("no session with " + remote);
        }
        if (isStale(state)) {
          throw new NoSessionException("the unanswered session with " + remote + " is stale");
        }
        PendingPreKey pending = state.pendingPreKey();
        SignalMessage message = DoubleRatchet.encrypt(state, plaintext);
        CiphertextMessage out = pending == null
            ? new CiphertextMessage(CiphertextMessage.Type.WHISPER, message.serialize())
            : new CiphertextMessage(CiphertextMessage.Type.PREKEY,
                PreKeySignalMessage.create(state.version(), state.localRegistrationId(),
                    pending.preKeyId, pending.signedPreKeyId, pending.kemPreKeyId,
                    pending.kemCiphertext, pending.baseKey, state.localIdentity(), message)
                    .serialize());
        return outcome(out, record, state, Direction.SENDING, null);
      }, hook);
    } catch (NoSessionException | UntrustedIdentityException | AppWriteException
        | RuntimeException e) {
      throw e;
    } catch (QuintetException e) {
      throw new IllegalStateException("unexpected failure while encrypting", e);
    }
  }

  /** Decrypts a message of either type, as received with its envelope type. */
  public byte[] decrypt(CiphertextMessage.Type type, byte[] serialized)
      throws InvalidMessageException, InvalidKeyIdException, NoSessionException,
          UntrustedIdentityException {
    try {
      return decrypt(type, serialized, null);
    } catch (AppWriteException e) {
      throw new AssertionError("no hook, no app write", e);
    }
  }

  /**
   * As {@link #decrypt(CiphertextMessage.Type, byte[])}, running the app's {@code hook} with
   * the plaintext inside the transaction that advances the session (e.g. to store the message),
   * so a crash can never leave the session advanced and the message lost, or the reverse.
   *
   * @throws AppWriteException if the hook failed; nothing was committed and the message can
   *     be decrypted again
   */
  public byte[] decrypt(CiphertextMessage.Type type, byte[] serialized,
      TransactionHook<? super byte[]> hook)
      throws InvalidMessageException, InvalidKeyIdException, NoSessionException,
          UntrustedIdentityException, AppWriteException {
    Objects.requireNonNull(type, "type");
    return type == CiphertextMessage.Type.PREKEY
        ? decrypt(PreKeySignalMessage.parse(serialized), hook)
        : decrypt(SignalMessage.parse(serialized), hook);
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
    try {
      return decrypt(message, null);
    } catch (AppWriteException e) {
      throw new AssertionError("no hook, no app write", e);
    }
  }

  /** As {@link #decrypt(PreKeySignalMessage)}, with the app's writes in its transaction. */
  public byte[] decrypt(PreKeySignalMessage message, TransactionHook<? super byte[]> hook)
      throws InvalidMessageException, InvalidKeyIdException, UntrustedIdentityException,
          AppWriteException {
    boolean[] consumedPreKeys = {false};
    byte[] plaintext;
    try {
      plaintext = SessionTransaction.run(store, remote, stored -> {
        SessionRecord record = stored == null ? SessionRecord.empty() : SessionRecord.parse(stored);
        SessionResponder.Consumed consumed = SessionResponder.process(store, policy, record, message);
        SessionState state = record.current().copy();
        byte[] plain =
            DoubleRatchet.decrypt(state, message.message(), policy.maxForwardJumps(), keySource);
        consumedPreKeys[0] = consumed != null;
        return outcome(plain, record, state, Direction.RECEIVING, consumed);
      }, hook);
    } catch (InvalidMessageException | InvalidKeyIdException | UntrustedIdentityException
        | AppWriteException | RuntimeException e) {
      throw e;
    } catch (QuintetException e) {
      throw new IllegalStateException("unexpected failure while decrypting", e);
    }
    if (consumedPreKeys[0]) {
      reportLowPreKeys();
    }
    return plaintext;
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
    try {
      return decrypt(message, null);
    } catch (AppWriteException e) {
      throw new AssertionError("no hook, no app write", e);
    }
  }

  /** As {@link #decrypt(SignalMessage)}, with the app's writes in its transaction. */
  public byte[] decrypt(SignalMessage message, TransactionHook<? super byte[]> hook)
      throws InvalidMessageException, NoSessionException, UntrustedIdentityException,
          AppWriteException {
    try {
      return SessionTransaction.run(store, remote,
          stored -> decryptWithRecord(record(stored), message), hook);
    } catch (InvalidMessageException | NoSessionException | UntrustedIdentityException
        | AppWriteException | RuntimeException e) {
      throw e;
    } catch (QuintetException e) {
      throw new IllegalStateException("unexpected failure while decrypting", e);
    }
  }

  private SessionTransaction.Outcome<byte[]> decryptWithRecord(SessionRecord record,
      SignalMessage message) throws InvalidMessageException, NoSessionException {
    InvalidMessageException firstFailure = null;
    if (record.hasCurrent()) {
      SessionState state = record.current().copy();
      try {
        byte[] plaintext = DoubleRatchet.decrypt(state, message, policy.maxForwardJumps(), keySource);
        return outcome(plaintext, record, state, Direction.RECEIVING, null);
      } catch (DuplicateMessageException e) {
        throw e;
      } catch (InvalidMessageException e) {
        firstFailure = e;
      }
    }
    for (int i = 0; i < record.previousCount(); i++) {
      SessionState state = record.previous(i);
      try {
        byte[] plaintext = DoubleRatchet.decrypt(state, message, policy.maxForwardJumps(), keySource);
        record.promotePrevious(i, state);
        return outcome(plaintext, record, state, Direction.RECEIVING, null);
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
  }

  /**
   * The peer's identity key in the current session if {@link #encrypt} can use that session
   * now (what {@link #hasSession} says), from one read of the record; empty otherwise.
   */
  public java.util.Optional<io.quintet.core.keys.IdentityKey> sendingIdentity() {
    return store.loadSession(remote).map(SessionRecord::parse).map(SessionRecord::current)
        .filter(s -> s.hasSenderChain() && !isStale(s)).map(SessionState::remoteIdentity);
  }

  /** The peer's identity key in the current session, if there is one. */
  public java.util.Optional<io.quintet.core.keys.IdentityKey> remoteIdentity() {
    return store.loadSession(remote).map(SessionRecord::parse).map(SessionRecord::current)
        .map(SessionState::remoteIdentity);
  }

  /** The peer's registration id from the current session, as Signal apps use it. */
  public int remoteRegistrationId() throws NoSessionException {
    SessionState state = record(store.loadSession(remote).orElse(null)).current();
    if (state == null) {
      throw new NoSessionException("no session with " + remote);
    }
    return state.remoteRegistrationId();
  }

  private SessionRecord record(byte[] stored) throws NoSessionException {
    if (stored == null) {
      throw new NoSessionException("no session with " + remote);
    }
    return SessionRecord.parse(stored);
  }

  private static <T> SessionTransaction.Outcome<T> outcome(T result, SessionRecord record,
      SessionState state, Direction direction, SessionResponder.Consumed consumed) {
    record.setCurrent(state);
    return new SessionTransaction.Outcome<>(result, record.serialize(), state.remoteIdentity(),
        direction, consumed);
  }

  /** Tells the app's listener about a low prekey stock; its failures are not ours to raise. */
  private void reportLowPreKeys() {
    PreKeyListener listener = policy.preKeyListener();
    if (listener == null) {
      return;
    }
    try {
      int ec = store.countPreKeys();
      int kem = PreKeyManager.countOneTimeKem(store);
      if (ec < policy.lowPreKeyThreshold() || kem < policy.lowPreKeyThreshold()) {
        listener.preKeysLow(ec, kem);
      }
    } catch (RuntimeException e) {
      // The message is decrypted and committed; a failing listener must not lose it.
    }
  }
}
