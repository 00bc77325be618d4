package io.quintet.ratchet;

import io.quintet.core.DeviceAddress;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.QuintetException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.KemPublicKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.store.IdentityKeyStore.Direction;
import io.quintet.core.store.ProtocolStore;
import io.quintet.ratchet.internal.Agreement;
import io.quintet.ratchet.internal.PendingPreKey;
import io.quintet.ratchet.internal.RatchetKeySource;
import io.quintet.ratchet.internal.SessionRecord;
import io.quintet.ratchet.internal.SessionState;
import java.util.Objects;

/**
 * Starts a session with a peer device from its prekey bundle (the initiator's side of
 * PQXDH, or X3DH where the policy allows it). Every signature in the bundle is verified before
 * any key agreement; nothing is stored unless all of it succeeds.
 *
 * <pre>{@code
 * new SessionBuilder(store, bobPhone).process(bundleFromServer);
 * CiphertextMessage first = new SessionCipher(store, bobPhone).encrypt(hello);  // a PREKEY message
 * }</pre>
 */
public final class SessionBuilder {
  private final ProtocolStore store;
  private final DeviceAddress remote;
  private final SessionPolicy policy;
  private final RatchetKeySource keySource;

  public SessionBuilder(ProtocolStore store, DeviceAddress remote) {
    this(store, remote, SessionPolicy.DEFAULT);
  }

  public SessionBuilder(ProtocolStore store, DeviceAddress remote, SessionPolicy policy) {
    this(store, remote, policy, RatchetKeySource.SECURE_RANDOM);
  }

  SessionBuilder(
      ProtocolStore store, DeviceAddress remote, SessionPolicy policy, RatchetKeySource keys) {
    this.store = Objects.requireNonNull(store, "store");
    this.remote = Objects.requireNonNull(remote, "remote");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.keySource = Objects.requireNonNull(keys, "keys");
  }

  /**
   * Builds a new session from {@code bundle} and makes it current (an older one is archived,
   * so its in-flight messages still decrypt).
   *
   * @throws InvalidSignatureException if the signed prekey or KEM prekey signature is bad
   * @throws InvalidKeyException if the bundle has no KEM prekey and the policy requires one,
   *     or a key in it is unusable (e.g. of low order)
   * @throws UntrustedIdentityException if the app's identity store refuses the identity
   */
  public void process(PreKeyBundle bundle)
      throws InvalidSignatureException, InvalidKeyException, UntrustedIdentityException {
    IdentityKey theirIdentity = bundle.identityKey();
    if (!theirIdentity.verifySignature(
        bundle.signedPreKey().serialize(), bundle.signedPreKeySignature())) {
      throw new InvalidSignatureException("signed prekey signature does not verify");
    }
    KemPublicKey kem = bundle.kemPreKey().orElse(null);
    if (kem != null
        && !theirIdentity.verifySignature(kem.serialize(), bundle.kemPreKeySignature())) {
      throw new InvalidSignatureException("KEM prekey signature does not verify");
    }
    if (kem == null && !policy.allowX3dh()) {
      throw new InvalidKeyException("prekey bundle has no KEM prekey and X3DH is not allowed");
    }
    int version = kem == null ? Agreement.X3DH_VERSION : Agreement.PQXDH_VERSION;
    try {
      SessionTransaction.run(store, remote, stored -> {
        Curve25519KeyPair baseKey = keySource.next();
        KemPublicKey.Encapsulation encapsulation = kem == null ? null : kem.encapsulate();
        SessionState state =
            Agreement.initiate(
                version,
                store.identityKeyPair(),
                baseKey,
                theirIdentity,
                bundle.signedPreKey(),
                bundle.oneTimePreKey().orElse(null),
                encapsulation == null ? null : encapsulation.sharedSecret(),
                keySource.next());
        baseKey.privateKey().destroy();
        state.setPendingPreKey(
            new PendingPreKey(
                bundle.oneTimePreKeyId().orElse(null),
                bundle.signedPreKeyId(),
                baseKey.publicKey(),
                policy.clock().millis(),
                bundle.kemPreKeyId().orElse(null),
                encapsulation == null ? null : encapsulation.serializedCiphertext()));
        state.setRegistrationIds(store.localRegistrationId(), bundle.registrationId());
        SessionRecord record = stored == null ? SessionRecord.empty() : SessionRecord.parse(stored);
        record.promote(state);
        return new SessionTransaction.Outcome<>(null, record.serialize(), theirIdentity,
            Direction.SENDING, null);
      });
    } catch (InvalidKeyException | UntrustedIdentityException | RuntimeException e) {
      throw e;
    } catch (QuintetException e) {
      throw new IllegalStateException("unexpected failure while building a session", e);
    }
  }
}
