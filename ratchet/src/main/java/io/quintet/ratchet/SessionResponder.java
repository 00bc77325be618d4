package io.quintet.ratchet;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidKeyIdException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.ratchet.internal.Agreement;
import io.quintet.ratchet.internal.SessionRecord;
import io.quintet.ratchet.internal.SessionState;

/**
 * The responder's side of X3DH/PQXDH: turns a first message into a session state, reporting
 * which prekeys it consumed so the caller can delete them in the same transaction.
 */
final class SessionResponder {
  /** The prekeys a new session was built from, to be consumed with the session's commit. */
  static final class Consumed {
    final Integer oneTimePreKeyId;
    final KemPreKey kemPreKey;

    Consumed(Integer oneTimePreKeyId, KemPreKey kemPreKey, int signedPreKeyId,
        io.quintet.core.keys.Curve25519PublicKey baseKey) {
      this.oneTimePreKeyId = oneTimePreKeyId;
      this.kemPreKey = kemPreKey;
      this.signedPreKeyId = signedPreKeyId;
      this.baseKey = baseKey;
    }

    final int signedPreKeyId;
    final io.quintet.core.keys.Curve25519PublicKey baseKey;

    /**
     * Consumes the prekeys inside the commit's transaction, re-checking that they are still
     * there: two first messages racing for one one-time prekey cannot both win.
     */
    void applyTo(ProtocolStore store) throws InvalidKeyIdException, InvalidMessageException {
      if (oneTimePreKeyId != null) {
        if (store.loadPreKey(oneTimePreKeyId).isEmpty()) {
          throw new InvalidKeyIdException(
              "one-time prekey " + oneTimePreKeyId + " was already used or never existed");
        }
        store.removePreKey(oneTimePreKeyId);
      }
      if (kemPreKey != null) {
        if (store.loadKemPreKey(kemPreKey.id()).isEmpty()) {
          throw new InvalidKeyIdException("KEM prekey " + kemPreKey.id() + " was already used");
        }
        if (!store.markKemPreKeyUsed(kemPreKey.id(), signedPreKeyId, baseKey)) {
          throw new InvalidMessageException("first message reuses a base key with its KEM prekey");
        }
        if (!kemPreKey.isLastResort()) {
          store.removeKemPreKey(kemPreKey.id());
        }
      }
    }
  }

  private SessionResponder() {}

  /**
   * Makes the state for {@code message} current in {@code record}: an existing one from the
   * same first message (a retransmission), or a new one. Returns the prekeys to consume, or
   * null when an existing state was reused.
   */
  static Consumed process(
      ProtocolStore store, SessionPolicy policy, SessionRecord record, PreKeySignalMessage message)
      throws InvalidMessageException, InvalidKeyIdException {
    if (record.promoteMatching(message.version(), message.baseKey().serialize())) {
      return null;
    }
    if (message.version() == Agreement.X3DH_VERSION && !policy.allowX3dh()) {
      throw new InvalidVersionException("X3DH (version 3) first messages are not accepted");
    }
    SignedPreKey signedPreKey =
        store
            .loadSignedPreKey(message.signedPreKeyId())
            .orElseThrow(
                () ->
                    new InvalidKeyIdException(
                        "no signed prekey with id " + message.signedPreKeyId()));
    KemPreKey kemPreKey = null;
    byte[] kemSecret = null;
    if (message.kemPreKeyId().isPresent()) {
      int id = message.kemPreKeyId().get();
      kemPreKey =
          store
              .loadKemPreKey(id)
              .orElseThrow(() -> new InvalidKeyIdException("no KEM prekey with id " + id));
      kemSecret = kemPreKey.keyPair().secretKey().decapsulate(message.kemCiphertext());
    }
    Curve25519KeyPair oneTimePreKey = null;
    if (message.preKeyId().isPresent()) {
      int id = message.preKeyId().get();
      oneTimePreKey =
          store
              .loadPreKey(id)
              .map(OneTimePreKey::keyPair)
              .orElseThrow(
                  () ->
                      new InvalidKeyIdException(
                          "one-time prekey " + id + " was already used or never existed"));
    }
    SessionState state;
    try {
      state =
          Agreement.respond(
              message.version(),
              store.identityKeyPair(),
              signedPreKey.keyPair(),
              oneTimePreKey,
              kemSecret,
              message.identityKey(),
              message.baseKey());
    } catch (InvalidKeyException e) {
      throw new InvalidMessageException("first message carries an unusable key: " + e.getMessage());
    }
    state.setRegistrationIds(store.localRegistrationId(), message.registrationId());
    record.promote(state);
    return new Consumed(message.preKeyId().orElse(null), kemPreKey, message.signedPreKeyId(),
        message.baseKey());
  }
}
