package io.quintet.interop;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionBuilder;
import io.quintet.ratchet.SessionCipher;
import io.quintet.ratchet.SessionPolicy;
import java.security.SecureRandom;

/**
 * A Quintet device with an in-memory store: publishes prekey bundles (the lingua franca of
 * these tests is Quintet's {@link PreKeyBundle}) and opens sessions to named peers.
 */
final class QuintetDevice {
  static final int DEVICE_ID = 1;

  private final String name;
  private final InMemoryProtocolStore store;
  private final SessionPolicy policy;
  private int nextPreKeyId = 1;

  QuintetDevice(String name, SessionPolicy policy) {
    this.name = name;
    this.policy = policy;
    // Registration ids are 14 bits, as Signal's (1..16380).
    this.store =
        InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1 + new SecureRandom().nextInt(16380));
  }

  static DeviceAddress address(String account) {
    return DeviceAddress.of(AccountId.of(account), DeviceId.of(DEVICE_ID));
  }

  String name() {
    return name;
  }

  InMemoryProtocolStore store() {
    return store;
  }

  /**
   * Generates, stores and returns a bundle: a signed prekey, optionally a one-time prekey, and
   * a KEM prekey of {@code kem} (null for an X3DH-only bundle).
   */
  PreKeyBundle publishBundle(boolean oneTimePreKey, KemType kem) {
    IdentityKeyPair identity = store.identityKeyPair();
    long now = System.currentTimeMillis();
    SignedPreKey spk = SignedPreKey.generate(nextPreKeyId++, now, identity);
    store.storeSignedPreKey(spk);
    PreKeyBundle.Builder b =
        PreKeyBundle.builder()
            .registrationId(store.localRegistrationId())
            .deviceId(DeviceId.of(DEVICE_ID))
            .identityKey(identity.identityKey())
            .signedPreKey(spk.id(), spk.publicKey(), spk.signature());
    if (oneTimePreKey) {
      OneTimePreKey opk = OneTimePreKey.generate(nextPreKeyId++, now);
      store.storePreKey(opk);
      b.oneTimePreKey(opk.id(), opk.publicKey());
    }
    if (kem != null) {
      // A one-time KEM prekey when there is a one-time EC prekey, else a last-resort one.
      KemPreKey kpk = KemPreKey.generate(nextPreKeyId++, now, kem, identity, !oneTimePreKey);
      store.storeKemPreKey(kpk);
      b.kemPreKey(kpk.id(), kpk.publicKey(), kpk.signature());
    }
    return b.build();
  }

  /** Builds a session to {@code peer} from its bundle. */
  void process(String peer, PreKeyBundle bundle) throws Exception {
    new SessionBuilder(store, address(peer), policy).process(bundle);
  }

  /** The session with {@code peer}, as a {@link Peer}. */
  Peer session(String peer) {
    SessionCipher cipher = new SessionCipher(store, address(peer), policy);
    String label = "quintet(" + name + ")";
    return new Peer() {
      @Override
      public String name() {
        return label;
      }

      @Override
      public Wire encrypt(byte[] plaintext) throws Exception {
        CiphertextMessage m = cipher.encrypt(plaintext);
        return new Wire(m.type().wireValue(), m.serialize());
      }

      @Override
      public byte[] decrypt(Wire message) throws Exception {
        return cipher.decrypt(CiphertextMessage.Type.fromWireValue(message.type()), message.bytes());
      }

      @Override
      public int remoteRegistrationId() throws Exception {
        return cipher.remoteRegistrationId();
      }

      @Override
      public Class<? extends Exception> duplicateError() {
        return DuplicateMessageException.class;
      }
    };
  }
}
