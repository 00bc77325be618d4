package io.quintet.ratchet;

import io.quintet.core.DeviceAddress;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.store.IdentityKeyStore;
import io.quintet.core.store.IdentityKeyStore.Direction;

/** Asks the app's identity store, and says whether a refusal is a changed or a new device. */
final class Trust {
  private Trust() {}

  static void check(
      IdentityKeyStore store, DeviceAddress address, IdentityKey key, Direction direction)
      throws UntrustedIdentityException {
    if (!store.isTrustedIdentity(address, key, direction)) {
      throw new UntrustedIdentityException(
          address,
          store.identity(address).isPresent()
              ? UntrustedIdentityException.Reason.IDENTITY_CHANGED
              : UntrustedIdentityException.Reason.NEW_DEVICE);
    }
  }
}
