package io.quintet.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hostile-input tests rely on these two detecting any change, so they are tested too. */
class StoreGuardsTest {
  private final DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(2));
  private final UUID group = UUID.randomUUID();
  private final InMemoryProtocolStore memory = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 3);
  private final RecordingProtocolStore store = new RecordingProtocolStore(memory);

  private StoreSnapshot snapshot() {
    return StoreSnapshot.of(store).addresses(bob).preKeys(1).senderKey(bob, group).states("ns").take();
  }

  @Test
  void everyKindOfNamedRecordCountsAsAChange() {
    store.storeSession(bob, new byte[] {1});
    store.storePreKey(OneTimePreKey.generate(1, 0));
    store.storeSenderKey(bob, group, new byte[] {2});
    store.storeState("ns", "k", new byte[] {3});
    store.storeDeviceList(bob.account(), 1, new byte[] {4});
    List<Runnable> changes = List.of(
        () -> store.storeSession(bob, new byte[] {9}),
        () -> store.removePreKey(1),
        () -> store.storeSenderKey(bob, group, new byte[] {9}),
        () -> store.storeState("ns", "k", new byte[] {9}),
        () -> store.storeState("ns", "new", new byte[] {9}),
        () -> store.storeDeviceList(bob.account(), 2, new byte[] {4}),
        () -> store.saveIdentity(bob, IdentityKeyPair.generate().identityKey()),
        () -> store.storePreKey(OneTimePreKey.generate(5, 0)));
    for (Runnable change : changes) {
      StoreSnapshot before = snapshot();
      before.assertUnchanged();
      change.run();
      assertThrows(AssertionError.class, before::assertUnchanged);
    }
  }

  @Test
  void writesAreCommittedOrRolledBackWithTheirTransaction() {
    store.storeSession(bob, new byte[] {1});
    assertEquals(List.of("storeSession(" + bob + ")"), store.committed());
    store.reset();
    assertThrows(IllegalStateException.class, () -> store.atomically(() -> {
      store.storeSession(bob, new byte[] {2});
      throw new IllegalStateException("refused");
    }));
    store.assertNothingCommitted();
    assertEquals(List.of("storeSession(" + bob + ")"), store.rolledBack());
    io.quintet.core.keys.IdentityKey key = IdentityKeyPair.generate().identityKey();
    store.atomically(() -> store.saveIdentity(bob, key));
    store.saveIdentity(bob, key); // unchanged: not a write
    assertEquals(1, store.committed().size());
    assertThrows(AssertionError.class, store::assertNothingCommitted);
    assertTrue(store.delegate() == memory);
  }
}
