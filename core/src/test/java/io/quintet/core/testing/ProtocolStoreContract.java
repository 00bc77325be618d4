package io.quintet.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.IdentityKeyStore.Direction;
import io.quintet.core.store.IdentityKeyStore.IdentityChange;
import io.quintet.core.store.ProtocolStore;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract of {@code io.quintet.core.store}, as tests any {@link ProtocolStore} must
 * pass: atomicity (every write kind rolled back), nested work joining, copies rather than
 * aliases, trust on first use, device-list versions that never go back, KEM prekey use
 * recorded once, and concurrent use (in {@link ProtocolStoreConcurrencyContract}, which this
 * class extends). Subclass it and say how to make a store.
 *
 * <pre>{@code
 * class MyStoreContractTest extends ProtocolStoreContract {
 *   protected ProtocolStore newStore(IdentityKeyPair identity, int registrationId) {
 *     return MyStore.create(identity, registrationId);
 *   }
 * }
 * }</pre>
 */
public abstract class ProtocolStoreContract extends ProtocolStoreConcurrencyContract {
  protected final IdentityKeyPair identity = IdentityKeyPair.generate();
  protected final DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(1));
  protected final DeviceAddress bobPhone = DeviceAddress.of(AccountId.of("bob"), DeviceId.PRIMARY);
  protected final DeviceAddress carol = DeviceAddress.of(AccountId.of("carol"), DeviceId.of(3));

  /** A new, empty store holding {@code identity}. */
  protected abstract ProtocolStore newStore(IdentityKeyPair identity, int registrationId)
      throws Exception;

  /** Releases a store made by {@link #newStore} (closing files, for example). */
  protected void closeStore(ProtocolStore store) throws Exception {}

  @BeforeEach
  void openStore() throws Exception {
    store = newStore(identity, 4242);
  }

  @AfterEach
  void releaseStore() throws Exception {
    closeStore(store);
  }

  @Test
  void holdsTheIdentityItWasMadeWith() {
    assertArrayEquals(identity.serialize(), store.identityKeyPair().serialize());
    assertEquals(4242, store.localRegistrationId());
  }

  @Test
  void aFailingOperationUndoesEveryKindOfWrite() throws Exception {
    UUID group = UUID.randomUUID();
    IdentityKeyPair bobKey = IdentityKeyPair.generate();
    KemPreKey kem = KemPreKey.generate(7, 0, KemType.ML_KEM_1024, identity, true);
    store.storeSession(bob, new byte[] {1});
    store.storeSession(carol, new byte[] {2});
    store.storePreKey(OneTimePreKey.generate(5, 0));
    store.storeSignedPreKey(SignedPreKey.generate(6, 0, identity));
    store.storeKemPreKey(kem);
    store.saveIdentity(bob, bobKey.identityKey());
    store.storeSenderKey(bob, group, new byte[] {3});
    store.storeDeviceList(bob.account(), 4, new byte[] {4});
    store.storeState("ns", "k", new byte[] {5});
    IOException crash = new IOException("crash");
    IOException thrown = assertThrows(IOException.class, () -> store.atomically(() -> {
      store.storeSession(bob, new byte[] {9});
      store.deleteSession(carol);
      store.storeSession(bobPhone, new byte[] {9});
      store.removePreKey(5);
      store.storePreKey(OneTimePreKey.generate(50, 0));
      store.removeSignedPreKey(6);
      store.storeSignedPreKey(SignedPreKey.generate(60, 0, identity));
      assertTrue(store.markKemPreKeyUsed(7, 6, bobKey.publicKey()));
      store.removeKemPreKey(7);
      store.storeKemPreKey(KemPreKey.generate(70, 0, KemType.KYBER_1024, identity, false));
      store.saveIdentity(bob, IdentityKeyPair.generate().identityKey());
      store.saveIdentity(carol, IdentityKeyPair.generate().identityKey());
      store.deleteSenderKey(bob, group);
      store.storeSenderKey(carol, group, new byte[] {9});
      store.storeDeviceList(bob.account(), 8, new byte[] {9});
      store.deleteDeviceList(bob.account());
      store.storeDeviceList(carol.account(), 1, new byte[] {9});
      store.storeState("ns", "k", new byte[] {9});
      store.storeState("ns", "k2", new byte[] {9});
      store.deleteState("ns", "k");
      store.deleteStateNamespace("ns");
      store.deleteAllSessions();
      store.deleteAllSenderKeys();
      throw crash;
    }));
    assertSame(crash, thrown);
    assertArrayEquals(new byte[] {1}, store.loadSession(bob).orElseThrow());
    assertArrayEquals(new byte[] {2}, store.loadSession(carol).orElseThrow());
    assertTrue(store.loadSession(bobPhone).isEmpty());
    assertTrue(store.loadPreKey(5).isPresent());
    assertTrue(store.loadPreKey(50).isEmpty());
    assertEquals(1, store.countPreKeys());
    assertTrue(store.loadSignedPreKey(6).isPresent());
    assertTrue(store.loadSignedPreKey(60).isEmpty());
    assertArrayEquals(kem.serialize(), store.loadKemPreKey(7).orElseThrow().serialize());
    assertTrue(store.loadKemPreKey(70).isEmpty());
    assertTrue(store.markKemPreKeyUsed(7, 6, bobKey.publicKey()), "the mark was rolled back");
    assertEquals(bobKey.identityKey(), store.identity(bob).orElseThrow());
    assertTrue(store.identity(carol).isEmpty());
    assertArrayEquals(new byte[] {3}, store.loadSenderKey(bob, group).orElseThrow());
    assertTrue(store.loadSenderKey(carol, group).isEmpty());
    assertEquals(4L, store.deviceListVersion(bob.account()).orElseThrow());
    assertArrayEquals(new byte[] {4}, store.loadDeviceList(bob.account()).orElseThrow());
    assertTrue(store.deviceListVersion(carol.account()).isEmpty());
    assertEquals(List.of("k"), store.stateKeys("ns"));
    assertArrayEquals(new byte[] {5}, store.loadState("ns", "k").orElseThrow());
  }

  @Test
  void aSucceedingOperationKeepsItsWritesAndNestedWorkJoinsIt() {
    assertFalse(store.inTransaction());
    String result = store.atomically(() -> {
      assertTrue(store.inTransaction());
      store.storeSession(bob, new byte[] {9});
      assertArrayEquals(new byte[] {9}, store.loadSession(bob).orElseThrow(), "reads see writes");
      store.atomically(() -> {
        assertTrue(store.inTransaction());
        store.storePreKey(OneTimePreKey.generate(6, 0));
        return null;
      });
      assertEquals(1, store.countPreKeys());
      return "done";
    });
    assertFalse(store.inTransaction());
    assertEquals("done", result);
    assertArrayEquals(new byte[] {9}, store.loadSession(bob).orElseThrow());
    assertEquals(1, store.countPreKeys());
  }

  @Test
  void nestedWorkIsUndoneWithTheOuterTransaction() {
    assertThrows(IllegalStateException.class, () -> store.atomically(() -> {
      store.atomically(() -> {
        store.storeSession(bob, new byte[] {1});
        return null;
      });
      throw new IllegalStateException("outer fails after the nested work returned");
    }));
    assertTrue(store.loadSession(bob).isEmpty());
  }

  @Test
  void storedAndLoadedRecordsAreCopies() {
    UUID group = UUID.randomUUID();
    byte[] session = {1, 2, 3};
    byte[] senderKey = {4, 5, 6};
    byte[] list = {7, 8};
    byte[] state = {9, 10};
    store.storeSession(bob, session);
    store.storeSenderKey(bob, group, senderKey);
    store.storeDeviceList(bob.account(), 1, list);
    store.storeState("ns", "k", state);
    session[0] = senderKey[0] = list[0] = state[0] = 0;
    store.loadSession(bob).orElseThrow()[1] = 0;
    store.loadSenderKey(bob, group).orElseThrow()[1] = 0;
    store.loadDeviceList(bob.account()).orElseThrow()[1] = 0;
    store.loadState("ns", "k").orElseThrow()[1] = 0;
    assertArrayEquals(new byte[] {1, 2, 3}, store.loadSession(bob).orElseThrow());
    assertArrayEquals(new byte[] {4, 5, 6}, store.loadSenderKey(bob, group).orElseThrow());
    assertArrayEquals(new byte[] {7, 8}, store.loadDeviceList(bob.account()).orElseThrow());
    assertArrayEquals(new byte[] {9, 10}, store.loadState("ns", "k").orElseThrow());
  }

  @Test
  void identitiesAreTrustedOnFirstUseAndAChangeIsReported() {
    IdentityKeyPair first = IdentityKeyPair.generate();
    IdentityKeyPair second = IdentityKeyPair.generate();
    assertTrue(store.identity(bob).isEmpty());
    assertTrue(store.isTrustedIdentity(bob, first.identityKey(), Direction.SENDING));
    assertEquals(IdentityChange.NEW, store.saveIdentity(bob, first.identityKey()));
    assertEquals(IdentityChange.UNCHANGED, store.saveIdentity(bob, first.identityKey()));
    assertTrue(store.isTrustedIdentity(bob, first.identityKey(), Direction.RECEIVING));
    assertFalse(store.isTrustedIdentity(bob, second.identityKey(), Direction.RECEIVING));
    assertFalse(store.isTrustedIdentity(bob, second.identityKey(), Direction.SENDING));
    assertTrue(store.isTrustedIdentity(bobPhone, second.identityKey(), Direction.SENDING));
    assertEquals(IdentityChange.REPLACED, store.saveIdentity(bob, second.identityKey()));
    assertEquals(second.identityKey(), store.identity(bob).orElseThrow());
    assertTrue(store.isTrustedIdentity(bob, second.identityKey(), Direction.SENDING));
  }

  @Test
  void deviceListVersionsNeverGoBackEvenAfterDeletion() {
    AccountId dave = AccountId.of("dave");
    store.storeDeviceList(dave, 3, new byte[] {3});
    store.storeDeviceList(dave, 3, new byte[] {33}); // the same version may be stored again
    assertThrows(IllegalStateException.class, () -> store.storeDeviceList(dave, 2, new byte[] {2}));
    assertArrayEquals(new byte[] {33}, store.loadDeviceList(dave).orElseThrow());
    store.deleteDeviceList(dave);
    assertTrue(store.loadDeviceList(dave).isEmpty());
    assertEquals(3L, store.deviceListVersion(dave).orElseThrow());
    assertThrows(IllegalStateException.class, () -> store.storeDeviceList(dave, 1, new byte[] {1}));
    store.storeDeviceList(dave, 5, new byte[] {5});
    assertEquals(5L, store.deviceListVersion(dave).orElseThrow());
    assertTrue(store.deviceListVersion(AccountId.of("erin")).isEmpty());
  }

  @Test
  void aKemPreKeyUseIsRecordedOnce() {
    IdentityKeyPair base = IdentityKeyPair.generate();
    IdentityKeyPair otherBase = IdentityKeyPair.generate();
    store.storeKemPreKey(KemPreKey.generate(9, 0, KemType.ML_KEM_1024, identity, true));
    assertTrue(store.markKemPreKeyUsed(9, 1, base.publicKey()));
    assertFalse(store.markKemPreKeyUsed(9, 1, base.publicKey()));
    assertTrue(store.markKemPreKeyUsed(9, 2, base.publicKey()));
    assertTrue(store.markKemPreKeyUsed(9, 1, otherBase.publicKey()));
    assertTrue(store.markKemPreKeyUsed(10, 1, base.publicKey()));
    assertFalse(store.markKemPreKeyUsed(9, 1, otherBase.publicKey()));
  }

  @Test
  void prekeysComeBackAsStoredAndGoWhenRemoved() {
    OneTimePreKey one = OneTimePreKey.generate(1, 11);
    SignedPreKey signed = SignedPreKey.generate(2, 22, identity);
    KemPreKey oneTimeKem = KemPreKey.generate(3, 33, KemType.KYBER_1024, identity, false);
    KemPreKey lastResort = KemPreKey.generate(4, 44, KemType.ML_KEM_1024, identity, true);
    store.storePreKey(one);
    store.storePreKey(OneTimePreKey.generate(5, 55));
    store.storeSignedPreKey(signed);
    store.storeKemPreKey(oneTimeKem);
    store.storeKemPreKey(lastResort);
    assertArrayEquals(one.serialize(), store.loadPreKey(1).orElseThrow().serialize());
    assertArrayEquals(signed.serialize(), store.loadSignedPreKey(2).orElseThrow().serialize());
    assertArrayEquals(lastResort.serialize(), store.loadKemPreKey(4).orElseThrow().serialize());
    assertTrue(store.loadKemPreKey(4).orElseThrow().isLastResort());
    assertFalse(store.loadKemPreKey(3).orElseThrow().isLastResort());
    assertEquals(2, store.countPreKeys());
    assertEquals(1, store.signedPreKeys().size());
    assertEquals(2, store.kemPreKeys().size());
    store.removePreKey(1);
    store.removeSignedPreKey(2);
    store.removeKemPreKey(3);
    store.removePreKey(999); // absent: nothing happens
    assertTrue(store.loadPreKey(1).isEmpty());
    assertEquals(1, store.countPreKeys());
    assertTrue(store.signedPreKeys().isEmpty());
    assertEquals(List.of(4), store.kemPreKeys().stream().map(KemPreKey::id).toList());
  }

  @Test
  void sessionDevicesListOneAccountInOrderAndDeletesRemoveThem() {
    DeviceAddress bob4 = DeviceAddress.of(bob.account(), DeviceId.of(4));
    store.storeSession(bob4, new byte[] {4});
    store.storeSession(bob, new byte[] {1});
    store.storeSession(bobPhone, new byte[] {0});
    store.storeSession(carol, new byte[] {3});
    assertEquals(List.of(DeviceId.PRIMARY, DeviceId.of(1), DeviceId.of(4)),
        store.sessionDevices(bob.account()));
    store.deleteSession(bob);
    assertEquals(List.of(DeviceId.PRIMARY, DeviceId.of(4)), store.sessionDevices(bob.account()));
    assertTrue(store.sessionDevices(AccountId.of("nobody")).isEmpty());
    store.deleteAllSessions();
    assertTrue(store.sessionDevices(bob.account()).isEmpty());
    assertTrue(store.loadSession(carol).isEmpty());
  }

  @Test
  void senderKeysAreKeyedBySenderAndDistributionId() {
    UUID g1 = UUID.randomUUID();
    UUID g2 = UUID.randomUUID();
    store.storeSenderKey(bob, g1, new byte[] {1});
    store.storeSenderKey(bob, g2, new byte[] {2});
    store.storeSenderKey(carol, g1, new byte[] {3});
    assertArrayEquals(new byte[] {2}, store.loadSenderKey(bob, g2).orElseThrow());
    store.deleteSenderKey(bob, g1);
    assertTrue(store.loadSenderKey(bob, g1).isEmpty());
    assertArrayEquals(new byte[] {2}, store.loadSenderKey(bob, g2).orElseThrow());
    assertArrayEquals(new byte[] {3}, store.loadSenderKey(carol, g1).orElseThrow());
    store.deleteAllSenderKeys();
    assertTrue(store.loadSenderKey(bob, g2).isEmpty());
    assertTrue(store.loadSenderKey(carol, g1).isEmpty());
  }

  @Test
  void stateKeysAreSortedAndNamespacesAreIsolated() {
    store.storeState("account", "self", new byte[] {1});
    store.storeState("account", "peer", new byte[] {2});
    store.storeState("account", "Zed", new byte[] {3});
    store.storeState("account", "\uD83D\uDE00", new byte[] {4}); // beyond the BMP
    store.storeState("account", "\uFFFD", new byte[] {5});
    store.storeState("accounts", "x", new byte[] {6});
    store.storeState("accoun", "tself", new byte[] {7});
    store.storeState("", "", new byte[] {8});
    assertEquals(List.of("Zed", "peer", "self", "\uD83D\uDE00", "\uFFFD"), store.stateKeys("account"));
    assertEquals(List.of("x"), store.stateKeys("accounts"));
    assertTrue(store.loadState("accoun", "tself").isPresent());
    assertTrue(store.loadState("account", "x").isEmpty());
    store.storeState("account", "self", new byte[] {11});
    assertArrayEquals(new byte[] {11}, store.loadState("account", "self").orElseThrow());
    store.deleteStateNamespace("account");
    assertTrue(store.stateKeys("account").isEmpty());
    assertEquals(List.of("x"), store.stateKeys("accounts"));
    assertEquals(List.of("tself"), store.stateKeys("accoun"));
    assertArrayEquals(new byte[] {8}, store.loadState("", "").orElseThrow());
  }
}
