package io.quintet.ratchet;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.ProtocolStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A store that forwards everything to another: a second facade over the same data. */
class ForwardingStore implements ProtocolStore {
  private final ProtocolStore d;

  ForwardingStore(ProtocolStore delegate) {
    this.d = delegate;
  }

  @Override
  public boolean isTrustedIdentity(DeviceAddress a, IdentityKey k, Direction dir) {
    return d.isTrustedIdentity(a, k, dir);
  }

  @Override public <T, E extends Exception> T atomically(Work<T, E> w) throws E { return d.atomically(w); }
  @Override public boolean inTransaction() { return d.inTransaction(); }
  @Override public boolean markKemPreKeyUsed(int k, int s, io.quintet.core.keys.Curve25519PublicKey b) { return d.markKemPreKeyUsed(k, s, b); }
  @Override public IdentityKeyPair identityKeyPair() { return d.identityKeyPair(); }
  @Override public int localRegistrationId() { return d.localRegistrationId(); }
  @Override public IdentityChange saveIdentity(DeviceAddress a, IdentityKey k) { return d.saveIdentity(a, k); }
  @Override public Optional<IdentityKey> identity(DeviceAddress a) { return d.identity(a); }
  @Override public Optional<OneTimePreKey> loadPreKey(int id) { return d.loadPreKey(id); }
  @Override public void storePreKey(OneTimePreKey k) { d.storePreKey(k); }
  @Override public void removePreKey(int id) { d.removePreKey(id); }
  @Override public int countPreKeys() { return d.countPreKeys(); }
  @Override public Optional<SignedPreKey> loadSignedPreKey(int id) { return d.loadSignedPreKey(id); }
  @Override public void storeSignedPreKey(SignedPreKey k) { d.storeSignedPreKey(k); }
  @Override public void removeSignedPreKey(int id) { d.removeSignedPreKey(id); }
  @Override public List<SignedPreKey> signedPreKeys() { return d.signedPreKeys(); }
  @Override public Optional<KemPreKey> loadKemPreKey(int id) { return d.loadKemPreKey(id); }
  @Override public void storeKemPreKey(KemPreKey k) { d.storeKemPreKey(k); }
  @Override public void removeKemPreKey(int id) { d.removeKemPreKey(id); }
  @Override public List<KemPreKey> kemPreKeys() { return d.kemPreKeys(); }
  @Override public Optional<byte[]> loadSession(DeviceAddress a) { return d.loadSession(a); }
  @Override public void storeSession(DeviceAddress a, byte[] r) { d.storeSession(a, r); }
  @Override public void deleteSession(DeviceAddress a) { d.deleteSession(a); }
  @Override public List<DeviceId> sessionDevices(AccountId a) { return d.sessionDevices(a); }
  @Override public Optional<byte[]> loadSenderKey(DeviceAddress s, UUID id) { return d.loadSenderKey(s, id); }
  @Override public void storeSenderKey(DeviceAddress s, UUID id, byte[] r) { d.storeSenderKey(s, id, r); }
  @Override public Optional<byte[]> loadDeviceList(AccountId a) { return d.loadDeviceList(a); }
  @Override public Optional<Long> deviceListVersion(AccountId a) { return d.deviceListVersion(a); }
  @Override public void storeDeviceList(AccountId a, long v, byte[] r) { d.storeDeviceList(a, v, r); }
  @Override public void deleteDeviceList(AccountId a) { d.deleteDeviceList(a); }
  @Override public void deleteAllSessions() { d.deleteAllSessions(); }
  @Override public void deleteSenderKey(DeviceAddress s, UUID id) { d.deleteSenderKey(s, id); }
  @Override public void deleteAllSenderKeys() { d.deleteAllSenderKeys(); }
  @Override public java.util.Optional<byte[]> loadState(String n, String k) { return d.loadState(n, k); }
  @Override public void storeState(String n, String k, byte[] v) { d.storeState(n, k, v); }
  @Override public void deleteState(String n, String k) { d.deleteState(n, k); }
  @Override public List<String> stateKeys(String n) { return d.stateKeys(n); }
  @Override public void deleteStateNamespace(String n) { d.deleteStateNamespace(n); }
}
