package io.quintet.core.store;

import io.quintet.core.keys.OneTimePreKey;
import java.util.Optional;

/**
 * This device's one-time Curve25519 prekeys. Each is consumed exactly once: the session
 * builder removes it in the same atomic operation that creates the session from it.
 *
 * <pre>{@code
 * for (int id = next; id < next + 100; id++) store.storePreKey(OneTimePreKey.generate(id, now));
 * }</pre>
 */
public interface PreKeyStore {
  Optional<OneTimePreKey> loadPreKey(int id);

  void storePreKey(OneTimePreKey preKey);

  void removePreKey(int id);

  /** How many one-time prekeys remain, so the app can upload more when they run low. */
  int countPreKeys();
}
