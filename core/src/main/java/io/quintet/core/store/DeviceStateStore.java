package io.quintet.core.store;

import java.util.List;
import java.util.Optional;

/**
 * Small library-owned records that are neither sessions nor keys: the device's own account
 * membership, retry bookkeeping, group membership, and so on. Records are opaque bytes under a
 * namespace (a short constant chosen by the library, e.g. {@code "account"}) and a key within
 * it; a store saves and returns them unchanged and takes part in {@link
 * ProtocolStore#atomically} like every other write.
 *
 * <pre>{@code
 * store.storeState("account", "self", membershipBytes);
 * Optional<byte[]> self = store.loadState("account", "self");
 * }</pre>
 */
public interface DeviceStateStore {
  Optional<byte[]> loadState(String namespace, String key);

  void storeState(String namespace, String key, byte[] value);

  void deleteState(String namespace, String key);

  /** The keys present in {@code namespace}, sorted. */
  List<String> stateKeys(String namespace);

  /** Deletes every record of {@code namespace}. */
  void deleteStateNamespace(String namespace);
}
