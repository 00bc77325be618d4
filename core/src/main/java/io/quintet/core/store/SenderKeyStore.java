package io.quintet.core.store;

import io.quintet.core.DeviceAddress;
import java.util.Optional;
import java.util.UUID;

/**
 * Group sender-key records, keyed by the sending device and the distribution id (one per
 * group and sender key generation), as opaque bytes owned by the ratchet.
 *
 * <pre>{@code
 * store.storeSenderKey(aliceLaptop, groupDistributionId, record);
 * }</pre>
 */
public interface SenderKeyStore {
  Optional<byte[]> loadSenderKey(DeviceAddress sender, UUID distributionId);

  void storeSenderKey(DeviceAddress sender, UUID distributionId, byte[] record);

  void deleteSenderKey(DeviceAddress sender, UUID distributionId);

  /** Deletes every sender key, own and received (a companion that was logged out). */
  void deleteAllSenderKeys();
}
