package io.quintet.store.sqlite;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The 32-byte key that seals a {@link SqliteStore}'s secrets at rest. It belongs in the
 * platform's keystore (Android Keystore-wrapped, macOS Keychain, a TPM-sealed file), never
 * next to the database: whoever holds the file and this key holds every private key and
 * session. The store derives its own sealing key from it, so the app may {@link #destroy()}
 * this object once the store is open.
 *
 * <pre>{@code
 * StoreKey key = StoreKey.of(keystore.unwrap("quintet-store"));   // 32 random bytes, made once
 * SqliteStore store = SqliteStore.builder(path).storeKey(key).open();
 * key.destroy();
 * }</pre>
 */
public final class StoreKey implements Destroyable {
  /** The key length in bytes. */
  public static final int LENGTH = 32;

  private final byte[] key;
  private volatile boolean destroyed;

  private StoreKey(byte[] key) {
    this.key = key;
  }

  /**
   * A key from 32 bytes (copied; the caller may wipe its array). Make them once with a
   * {@link java.security.SecureRandom} and keep them in the keystore.
   *
   * @throws IllegalArgumentException if {@code key} is not 32 bytes
   */
  public static StoreKey of(byte[] key) {
    if (key == null || key.length != LENGTH) {
      throw new IllegalArgumentException("a store key is " + LENGTH + " bytes");
    }
    return new StoreKey(key.clone());
  }

  /** The live bytes, for deriving the sealing key only. */
  byte[] bytes() {
    if (destroyed) {
      throw new IllegalStateException("store key was destroyed");
    }
    return key;
  }

  /** Overwrites the key with zeros; later use throws {@link IllegalStateException}. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "StoreKey[redacted]";
  }
}
