package io.quintet.core.store;

import io.quintet.core.AccountId;
import java.util.Optional;

/**
 * The newest verified device list of each account, as opaque bytes owned by the devicelist
 * module, with its version so that an older list is refused (no rollback) even after the
 * record itself is replaced.
 *
 * <pre>{@code
 * long newest = store.deviceListVersion(bob).orElse(-1L);
 * }</pre>
 */
public interface DeviceListStore {
  Optional<byte[]> loadDeviceList(AccountId account);

  /** The version of the newest list accepted for {@code account}; never decreases. */
  Optional<Long> deviceListVersion(AccountId account);

  /**
   * Stores a newer list.
   *
   * @throws IllegalStateException if {@code version} is lower than the stored one (callers
   *     verify first; this is a last line of defence against rollback)
   */
  void storeDeviceList(AccountId account, long version, byte[] record);

  void deleteDeviceList(AccountId account);
}
