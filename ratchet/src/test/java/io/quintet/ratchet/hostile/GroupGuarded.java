package io.quintet.ratchet.hostile;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.core.testing.RecordingProtocolStore;
import io.quintet.core.testing.StoreSnapshot;
import io.quintet.ratchet.group.GroupCipher;
import io.quintet.ratchet.group.GroupSessionBuilder;
import java.util.UUID;

/** A group member whose store is watched, as {@link Guarded} is for sessions. */
final class GroupGuarded {
  final DeviceAddress address;
  final RecordingProtocolStore store;
  final GroupSessionBuilder builder;
  final GroupCipher cipher;
  private StoreSnapshot before;

  GroupGuarded(String account) {
    address = DeviceAddress.of(AccountId.of(account), DeviceId.of(1));
    store = new RecordingProtocolStore(InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1));
    builder = new GroupSessionBuilder(store);
    cipher = new GroupCipher(store, address);
  }

  /** {@code member} learns our sender key for {@code group}. */
  void distributeTo(GroupGuarded member, UUID group) throws Exception {
    member.builder.process(address, builder.create(address, group));
  }

  GroupGuarded watch(DeviceAddress sender, UUID group) {
    before = StoreSnapshot.of(store).senderKey(sender, group).take();
    store.reset();
    return this;
  }

  void assertUntouched() {
    store.assertNothingCommitted();
    before.assertUnchanged();
  }
}
