package io.quintet.core.store;

import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import java.util.Optional;

/**
 * This device's identity and the identities it has seen of other devices, with the app's
 * trust decisions. The default policy (as Signal's): trust a device on first use, refuse a
 * <em>changed</em> identity for a known device until the app accepts it (after the user
 * re-verified the safety number).
 *
 * <pre>{@code
 * IdentityChange c = store.saveIdentity(bobPhone, bobKey);
 * if (c == IdentityChange.REPLACED) ui.warnSafetyNumberChanged(bobPhone);
 * }</pre>
 */
public interface IdentityKeyStore {
  /** Which way a message is going when trust is checked. */
  enum Direction {
    SENDING,
    RECEIVING
  }

  /** What {@link #saveIdentity} did. */
  enum IdentityChange {
    /** No identity was stored for the device before. */
    NEW,
    /** The same identity was already stored. */
    UNCHANGED,
    /** A different identity was stored and has been replaced. */
    REPLACED
  }

  /** This device's own identity key pair. */
  IdentityKeyPair identityKeyPair();

  /** This device's registration id (14 bits, as Signal's, carried in first messages). */
  int localRegistrationId();

  /** Stores {@code identity} as the one of {@code address}, reporting what changed. */
  IdentityChange saveIdentity(DeviceAddress address, IdentityKey identity);

  /**
   * Whether {@code identity} may be used for {@code address} in {@code direction}. The
   * default answer: true when nothing is stored yet or the stored identity is the same.
   */
  boolean isTrustedIdentity(DeviceAddress address, IdentityKey identity, Direction direction);

  /** The stored identity of {@code address}, if any. */
  Optional<IdentityKey> identity(DeviceAddress address);
}
