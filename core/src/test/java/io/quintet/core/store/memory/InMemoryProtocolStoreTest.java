package io.quintet.core.store.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.store.IdentityKeyStore.Direction;
import io.quintet.core.store.IdentityKeyStore.IdentityChange;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The store contract on the in-memory store: atomicity, trust on first use, no rollback. */
class InMemoryProtocolStoreTest {
  private final InMemoryProtocolStore store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 42);
  private final DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(1));

  @Test
  void aFailingOperationUndoesEveryWriteItMade() {
    store.storeSession(bob, new byte[] {1});
    store.storePreKey(OneTimePreKey.generate(5, 0));
    IdentityKeyPair other = IdentityKeyPair.generate();
    UUID group = UUID.randomUUID();
    assertThrows(IOException.class, () -> store.atomically(() -> {
      store.storeSession(bob, new byte[] {2});
      store.removePreKey(5);
      store.saveIdentity(bob, other.identityKey());
      store.storeSenderKey(bob, group, new byte[] {3});
      store.storeDeviceList(bob.account(), 7, new byte[] {4});
      throw new IOException("disk full");
    }));
    assertArrayEquals(new byte[] {1}, store.loadSession(bob).orElseThrow());
    assertTrue(store.loadPreKey(5).isPresent());
    assertTrue(store.identity(bob).isEmpty());
    assertTrue(store.loadSenderKey(bob, group).isEmpty());
    assertTrue(store.deviceListVersion(bob.account()).isEmpty());
  }

  @Test
  void aSucceedingOperationKeepsEveryWriteAndNestedWorkJoinsIt() {
    String result = store.atomically(() -> {
      store.storeSession(bob, new byte[] {9});
      store.atomically(() -> {
        store.storePreKey(OneTimePreKey.generate(6, 0));
        return null;
      });
      return "done";
    });
    assertEquals("done", result);
    assertArrayEquals(new byte[] {9}, store.loadSession(bob).orElseThrow());
    assertEquals(1, store.countPreKeys());
    assertEquals(List.of(DeviceId.of(1)), store.sessionDevices(bob.account()));
  }

  @Test
  void storedRecordsAreCopiesThatCallersCannotChange() {
    byte[] record = {1, 2, 3};
    store.storeSession(bob, record);
    record[0] = 9;
    byte[] loaded = store.loadSession(bob).orElseThrow();
    loaded[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, store.loadSession(bob).orElseThrow());
  }

  @Test
  void identitiesAreTrustedOnFirstUseAndAChangeIsReported() {
    IdentityKeyPair first = IdentityKeyPair.generate();
    IdentityKeyPair second = IdentityKeyPair.generate();
    assertTrue(store.isTrustedIdentity(bob, first.identityKey(), Direction.SENDING));
    assertEquals(IdentityChange.NEW, store.saveIdentity(bob, first.identityKey()));
    assertEquals(IdentityChange.UNCHANGED, store.saveIdentity(bob, first.identityKey()));
    assertTrue(!store.isTrustedIdentity(bob, second.identityKey(), Direction.RECEIVING));
    assertEquals(IdentityChange.REPLACED, store.saveIdentity(bob, second.identityKey()));
  }

  @Test
  void deviceListVersionsNeverGoBackEvenAfterDeletion() {
    AccountId carol = AccountId.of("carol");
    store.storeDeviceList(carol, 3, new byte[] {3});
    assertThrows(IllegalStateException.class, () -> store.storeDeviceList(carol, 2, new byte[] {2}));
    store.deleteDeviceList(carol);
    assertEquals(3L, store.deviceListVersion(carol).orElseThrow());
    assertThrows(IllegalStateException.class, () -> store.storeDeviceList(carol, 1, new byte[] {1}));
  }

  @Test
  void wipesAndLibraryStateAreUndoneWithTheirTransaction() {
    UUID group = UUID.randomUUID();
    store.storeSession(bob, new byte[] {1});
    store.storeSenderKey(bob, group, new byte[] {2});
    store.storeState("account", "self", new byte[] {3});
    store.storeState("account", "peer", new byte[] {4});
    store.storeState("accounts", "x", new byte[] {5});
    assertEquals(List.of("peer", "self"), store.stateKeys("account"));
    assertThrows(IOException.class, () -> store.atomically(() -> {
      store.deleteAllSessions();
      store.deleteAllSenderKeys();
      store.deleteStateNamespace("account");
      throw new IOException("crash");
    }));
    assertArrayEquals(new byte[] {1}, store.loadSession(bob).orElseThrow());
    assertArrayEquals(new byte[] {2}, store.loadSenderKey(bob, group).orElseThrow());
    assertEquals(List.of("peer", "self"), store.stateKeys("account"));
    store.atomically(() -> {
      store.deleteAllSessions();
      store.deleteAllSenderKeys();
      store.deleteStateNamespace("account");
      return null;
    });
    assertTrue(store.loadSession(bob).isEmpty());
    assertTrue(store.loadSenderKey(bob, group).isEmpty());
    assertTrue(store.stateKeys("account").isEmpty());
    assertArrayEquals(new byte[] {5}, store.loadState("accounts", "x").orElseThrow());
  }
}
