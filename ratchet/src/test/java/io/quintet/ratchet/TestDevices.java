package io.quintet.ratchet;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.memory.InMemoryProtocolStore;

/**
 * A device with a fresh identity and a stock of prekeys, for session tests (public for the
 * hostile-input tests in {@code io.quintet.ratchet.hostile}).
 */
public final class TestDevices {
  public final DeviceAddress address;
  public final InMemoryProtocolStore store;
  /** Ratchet keys of messages this device decrypted (tests use it to reason about chains). */
  final java.util.Set<io.quintet.core.keys.Curve25519PublicKey> seenRatchetKeys = new java.util.HashSet<>();
  private int nextPreKeyId = 1;

  public TestDevices(String account, int device) {
    this.address = DeviceAddress.of(AccountId.of(account), DeviceId.of(device));
    this.store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1 + (account.hashCode() & 0x3FFF));
  }

  /** A bundle with a fresh signed prekey, one-time prekey and (unless null) KEM prekey. */
  public PreKeyBundle bundle(KemType kem) {
    int id = nextPreKeyId++;
    IdentityKeyPair identity = store.identityKeyPair();
    SignedPreKey spk = SignedPreKey.generate(id, System.currentTimeMillis(), identity);
    OneTimePreKey opk = OneTimePreKey.generate(id, System.currentTimeMillis());
    store.storeSignedPreKey(spk);
    store.storePreKey(opk);
    PreKeyBundle.Builder b =
        PreKeyBundle.builder()
            .registrationId(store.localRegistrationId())
            .deviceId(address.device())
            .identityKey(identity.identityKey())
            .signedPreKey(spk.id(), spk.publicKey(), spk.signature())
            .oneTimePreKey(opk.id(), opk.publicKey());
    if (kem != null) {
      KemPreKey k = KemPreKey.generate(id, System.currentTimeMillis(), kem, identity, false);
      store.storeKemPreKey(k);
      b.kemPreKey(k.id(), k.publicKey(), k.signature());
    }
    return b.build();
  }

  public SessionCipher cipherTo(TestDevices peer) {
    return new SessionCipher(store, peer.address, SessionPolicy.builder().allowX3dh(true).build());
  }

  /** Alice (this) builds a session to {@code peer} from its bundle. */
  public void startSessionWith(TestDevices peer, KemType kem) throws Exception {
    new SessionBuilder(store, peer.address, SessionPolicy.builder().allowX3dh(true).build())
        .process(peer.bundle(kem));
  }

  public byte[] sessionWith(TestDevices peer) {
    return store.loadSession(peer.address).orElseThrow();
  }
}
