package io.quintet.core.store;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import java.util.List;
import java.util.Optional;

/**
 * Pairwise session records, one per peer device, as opaque bytes owned by the ratchet.
 *
 * <pre>{@code
 * Optional<byte[]> record = store.loadSession(bobLaptop);
 * }</pre>
 */
public interface SessionStore {
  Optional<byte[]> loadSession(DeviceAddress address);

  void storeSession(DeviceAddress address, byte[] record);

  void deleteSession(DeviceAddress address);

  /** The devices of {@code account} this device has a session with. */
  List<DeviceId> sessionDevices(AccountId account);

  /** Deletes every session (a companion that was logged out or unlinked). */
  void deleteAllSessions();
}
