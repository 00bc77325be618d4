package io.quintet.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.NoSessionException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.ratchet.SessionCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database restored from an older copy is noticed through the anchor and re-keyed. */
class RollbackTest {
  @TempDir Path dir;
  private final IdentityKeyPair identity = IdentityKeyPair.generate();
  private final DeviceAddress alice = DeviceAddress.of(AccountId.of("alice"), DeviceId.PRIMARY);
  private final DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.PRIMARY);
  private final InMemoryProtocolStore bobStore =
      InMemoryProtocolStore.create(IdentityKeyPair.generate(), 2);

  private Path db() {
    return dir.resolve("alice.db");
  }

  private SqliteStore open(EpochAnchor anchor) throws StoreException {
    SqliteStore.Builder b = SqliteStore.builder(db());
    return (anchor == null ? b : b.epochAnchor(anchor)).openOrCreate(identity, 1);
  }

  /** Message keys ("ratchet key/counter") of {@code n} messages Alice sends Bob. */
  private static Set<String> send(SqliteStore store, DeviceAddress to, int n) throws Exception {
    Set<String> keys = new HashSet<>();
    SessionCipher cipher = new SessionCipher(store, to);
    for (int i = 0; i < n; i++) {
      keys.add(Peers.messageKeyId(cipher.encrypt("hi".getBytes(StandardCharsets.UTF_8))));
    }
    return keys;
  }

  /** Alice with a session to Bob, own prekeys of each kind and a sender key; then a backup. */
  private Path aliceWithABackup(EpochAnchor anchor) throws Exception {
    try (SqliteStore store = open(anchor)) {
      Peers.connect(store, bob, bobStore, 1);
      store.storePreKey(OneTimePreKey.generate(10, 0));
      store.storeSignedPreKey(SignedPreKey.generate(13, 0, identity));
      store.storeKemPreKey(KemPreKey.generate(11, 0, KemType.ML_KEM_1024, identity, false));
      store.storeKemPreKey(KemPreKey.generate(12, 0, KemType.ML_KEM_1024, identity, true));
      store.storeSenderKey(alice, UUID.randomUUID(), new byte[] {1});
      send(store, bob, 3);
    }
    Path backup = dir.resolve("backup.db");
    Files.copy(db(), backup);
    return backup;
  }

  private void restore(Path backup) throws Exception {
    Files.copy(backup, db(), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void withoutAnAnchorARestoredCopyReusesMessageKeys() throws Exception {
    Path backup = aliceWithABackup(null);
    Set<String> sent;
    try (SqliteStore store = open(null)) {
      sent = send(store, bob, 2);
    }
    restore(backup);
    try (SqliteStore store = open(null)) {
      assertTrue(store.rolledBack().isEmpty());
      Set<String> again = send(store, bob, 2);
      assertEquals(sent, again, "the very hazard the anchor exists for");
    }
  }

  @Test
  void aRestoredCopyIsDetectedAndItsSessionsSenderKeysAndOneTimePreKeysDiscarded()
      throws Exception {
    CountingAnchor anchor = new CountingAnchor();
    Path backup = aliceWithABackup(anchor);
    try (SqliteStore store = open(anchor)) {
      send(store, bob, 2);
    }
    long before = anchor.read();
    restore(backup);
    try (SqliteStore store = open(anchor)) {
      RollbackReport report = store.rolledBack().orElseThrow();
      assertEquals(1, report.sessionsDiscarded());
      assertEquals(1, report.senderKeysDiscarded());
      assertEquals(2, report.preKeysDiscarded(), "one-time Curve25519 and KEM prekeys");
      assertEquals(before, report.anchoredEpoch());
      assertTrue(report.databaseEpoch() < before);
      assertTrue(store.loadSession(bob).isEmpty());
      assertThrows(NoSessionException.class, () -> send(store, bob, 1));
      assertEquals(0, store.countPreKeys());
      assertEquals(1, store.kemPreKeys().size());
      assertTrue(store.kemPreKeys().get(0).isLastResort());
      assertEquals(1, store.signedPreKeys().size(), "signed prekeys stay");
      Peers.connect(store, bob, bobStore, 2); // re-keyed from a fresh bundle
      assertEquals(1, send(store, bob, 1).size());
      assertTrue(anchor.read() > before, "the epoch moves on past the anchor");
    }
    try (SqliteStore store = open(anchor)) {
      assertTrue(store.rolledBack().isEmpty(), "reported once, then in sync");
      assertTrue(store.loadSession(bob).isPresent());
    }
  }

  @Test
  void aNewStoreStartsFromTheAnchorsEpoch() throws Exception {
    CountingAnchor anchor = new CountingAnchor();
    anchor.advance(500); // a reinstall that kept its keystore
    try (SqliteStore store = open(anchor)) {
      assertTrue(store.rolledBack().isEmpty());
      store.storeSession(bob, new byte[] {1});
      assertEquals(501, anchor.read());
    }
  }

  @Test
  void aReservingAnchorWritesRarelyAndACleanCloseLeavesItInSync() throws Exception {
    CountingAnchor anchor = new CountingAnchor();
    try (SqliteStore store = SqliteStore.builder(db()).epochAnchor(anchor, 10)
        .openOrCreate(identity, 1)) {
      for (int i = 0; i < 25; i++) {
        store.storeSession(bob, new byte[] {(byte) i});
      }
      assertTrue(anchor.writes.get() <= 3, "one write per ten commits: " + anchor.writes.get());
    }
    try (SqliteStore store = SqliteStore.builder(db()).epochAnchor(anchor, 10).open()) {
      assertTrue(store.rolledBack().isEmpty());
      assertTrue(store.loadSession(bob).isPresent());
    }
  }

  @Test
  void aReservingAnchorTreatsACrashAsARollback() throws Exception {
    CountingAnchor anchor = new CountingAnchor();
    Path crashed = dir.resolve("crashed.db");
    try (SqliteStore store = SqliteStore.builder(db()).epochAnchor(anchor, 10)
        .openOrCreate(identity, 1)) {
      store.storeSession(bob, new byte[] {1});
      store.storeSession(bob, new byte[] {2});
      // The files as a power cut would leave them: the database and its write-ahead log.
      Files.copy(db(), crashed);
      Files.copy(dir.resolve("alice.db-wal"), dir.resolve("crashed.db-wal"));
    }
    try (SqliteStore store = SqliteStore.builder(crashed).epochAnchor(anchor, 10).open()) {
      RollbackReport report = store.rolledBack().orElseThrow();
      assertEquals(1, report.sessionsDiscarded());
      assertFalse(store.loadSession(bob).isPresent());
    }
  }
}
