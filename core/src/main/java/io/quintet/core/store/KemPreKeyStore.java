package io.quintet.core.store;

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
}
