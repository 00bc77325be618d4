package io.quintet.ratchet.group;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import java.util.UUID;

/** A test device: its address, an in-memory store, and the group API over it. */
final class GroupPeer {
  final DeviceAddress address;
  final InMemoryProtocolStore store;
  final GroupSessionBuilder builder;
  final GroupCipher cipher;

  GroupPeer(String account, int device) {
    address = DeviceAddress.of(AccountId.of(account), DeviceId.of(device));
    store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), device + 1);
    builder = new GroupSessionBuilder(store);
    cipher = new GroupCipher(store, address);
  }

  /** The address of device {@code device} of {@code account}. */
  static DeviceAddress addressOf(String account, int device) {
    return DeviceAddress.of(AccountId.of(account), DeviceId.of(device));
  }

  /** The stored record bytes this peer holds for {@code sender}'s key. */
  byte[] record(DeviceAddress sender, UUID distributionId) {
    return store.loadSenderKey(sender, distributionId).orElse(null);
  }

  /** Our own sending state, parsed from the store. */
  SenderKeyState ownState(UUID distributionId) throws Exception {
    return SenderKeyRecord.parse(record(address, distributionId)).newest().orElseThrow();
  }
}
