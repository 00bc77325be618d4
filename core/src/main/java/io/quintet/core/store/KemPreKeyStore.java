package io.quintet.core.store;

import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.KemPreKey;
import java.util.List;
import java.util.Optional;

/**
 * This device's signed KEM prekeys: one-time ones (removed when used) and last-resort ones
 * (kept until rotated out of their grace period).
 *
 * <pre>{@code
 * store.storeKemPreKey(KemPreKey.generate(id, now, KemType.ML_KEM_1024, identity, false));
 * }</pre>
 */
public interface KemPreKeyStore {
  Optional<KemPreKey> loadKemPreKey(int id);

  void storeKemPreKey(KemPreKey kemPreKey);

  void removeKemPreKey(int id);

  /** Every stored KEM prekey, for rotation and counting. */
  List<KemPreKey> kemPreKeys();

  /**
   * Records that a first message used KEM prekey {@code kemPreKeyId} with signed prekey
   * {@code signedPreKeyId} and initiator base key {@code baseKey}, and says whether that
   * combination is new. A last-resort KEM prekey stays in the store, so this is what stops a
   * recorded first message from being replayed after its session is gone (libsignal's
   * "reused base key" check). Records may be dropped together with their KEM prekey.
   *
   * @return false if the same combination was recorded before
   */
  boolean markKemPreKeyUsed(int kemPreKeyId, int signedPreKeyId, Curve25519PublicKey baseKey);
}
