package io.quintet.core.store;

import io.quintet.core.keys.SignedPreKey;
import java.util.List;
import java.util.Optional;

/**
 * This device's signed prekeys: the current one and rotated ones still inside their grace
 * period (so first messages in flight still decrypt).
 *
 * <pre>{@code
 * store.storeSignedPreKey(SignedPreKey.generate(nextId, now, identity));
 * }</pre>
 */
public interface SignedPreKeyStore {
  Optional<SignedPreKey> loadSignedPreKey(int id);

  void storeSignedPreKey(SignedPreKey signedPreKey);

  void removeSignedPreKey(int id);

  /** Every stored signed prekey, for rotation. */
  List<SignedPreKey> signedPreKeys();
}
