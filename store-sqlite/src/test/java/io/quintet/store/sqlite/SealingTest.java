package io.quintet.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.store.sqlite.StoreException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets at rest: what a sealed file hides, and every way a sealed row can be tampered with. */
class SealingTest {
  @TempDir Path dir;
  private final IdentityKeyPair identity = IdentityKeyPair.generate();
  private final StoreKey key = StoreKey.of(Rng.bytes(32));
  private final DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(1));
  private final DeviceAddress carol = DeviceAddress.of(AccountId.of("carol"), DeviceId.of(2));
  private final UUID group = UUID.randomUUID();
  private final UUID group2 = UUID.randomUUID();

  private Path db() {
    return dir.resolve("sealed.db");
  }

  private SqliteStore create(StoreKey k) throws StoreException {
    SqliteStore.Builder b = SqliteStore.builder(db());
    return (k == null ? b : b.storeKey(k)).openOrCreate(identity, 9);
  }

  /** Every kind of secret the store keeps; returns them for searching the file. */
  private List<byte[]> fill(SqliteStore store) {
    OneTimePreKey opk = OneTimePreKey.generate(1, 0);
    SignedPreKey spk = SignedPreKey.generate(2, 0, identity);
    KemPreKey kem = KemPreKey.generate(3, 0, KemType.ML_KEM_1024, identity, true);
    byte[] session = Rng.bytes(64);
    byte[] senderKey = Rng.bytes(64);
    byte[] state = Rng.bytes(64);
    store.storePreKey(opk);
    store.storePreKey(OneTimePreKey.generate(4, 0));
    store.storeSignedPreKey(spk);
    store.storeKemPreKey(kem);
    store.storeSession(bob, session);
    store.storeSession(carol, Rng.bytes(64));
    store.storeSenderKey(bob, group, senderKey);
    store.storeSenderKey(bob, group2, Rng.bytes(64));
    store.storeState("ns", "k1", state);
    store.storeState("ns", "k2", Rng.bytes(64));
    return List.of(identity.privateKey().serialize(), opk.keyPair().privateKey().serialize(),
        spk.keyPair().privateKey().serialize(),
        java.util.Arrays.copyOf(kem.keyPair().secretKey().serialize(), 64),
        session, senderKey, state);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void aSealedFileHoldsNoSecretAndAnUnsealedOneHoldsThemAll() throws Exception {
    List<byte[]> secrets;
    try (SqliteStore store = create(key)) {
      secrets = fill(store);
    }
    byte[] file = Files.readAllBytes(db());
    for (byte[] s : secrets) {
      assertFalse(contains(file, s), "a secret is readable in the sealed file");
    }
    Files.delete(db());
    try (SqliteStore store = create(null)) {
      secrets = fill(store);
    }
    byte[] plain = Files.readAllBytes(db());
    for (byte[] s : secrets) {
      assertTrue(contains(plain, s), "the search would find a secret if it were there");
    }
  }

  @Test
  void aReplacedOrDeletedRecordDoesNotLingerInTheFile() throws Exception {
    byte[] old = Rng.bytes(300);
    byte[] deleted = Rng.bytes(300);
    try (SqliteStore store = create(null)) { // unsealed: the bytes would be findable
      store.storeSession(bob, old);
      store.storeSession(carol, deleted);
      store.storeSession(bob, Rng.bytes(300));
      store.deleteSession(carol);
    }
    byte[] file = Files.readAllBytes(db());
    assertFalse(contains(file, java.util.Arrays.copyOf(old, 32)), "replaced state lingers");
    assertFalse(contains(file, java.util.Arrays.copyOf(deleted, 32)), "deleted state lingers");
  }

  @Test
  void aWrongMissingOrUnexpectedKeyIsRefused() throws Exception {
    create(key).close();
    StoreKey other = StoreKey.of(Rng.bytes(32));
    assertEquals(Reason.WRONG_KEY, assertThrows(StoreException.class,
        () -> SqliteStore.builder(db()).storeKey(other).open()).reason());
    assertEquals(Reason.WRONG_KEY, assertThrows(StoreException.class,
        () -> SqliteStore.builder(db()).open()).reason());
    Files.delete(db());
    create(null).close();
    assertEquals(Reason.WRONG_KEY, assertThrows(StoreException.class,
        () -> SqliteStore.builder(db()).storeKey(key).open()).reason());
  }

  /** Applies {@code change} to the file through a connection of its own. */
  private void tamper(String select, String update, Consumer<byte[]> change) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db())) {
      byte[] value;
      try (ResultSet r = c.createStatement().executeQuery(select)) {
        assertTrue(r.next(), select);
        value = r.getBytes(1);
      }
      change.accept(value);
      try (PreparedStatement ps = c.prepareStatement(update)) {
        ps.setBytes(1, value);
        assertEquals(1, ps.executeUpdate(), update);
      }
    }
  }

  private static void assertTampered(Runnable load) {
    assertEquals(Reason.TAMPERED, assertThrows(UncheckedStoreException.class, load::run)
        .getCause().reason());
  }

  @Test
  void aFlippedByteInAnySealedRowIsDetected() throws Exception {
    try (SqliteStore store = create(key)) {
      fill(store);
      Consumer<byte[]> flip = v -> v[v.length / 2] ^= 0x10;
      tamper("SELECT record FROM quintet_sessions WHERE account = 'bob'",
          "UPDATE quintet_sessions SET record = ? WHERE account = 'bob'", flip);
      assertTampered(() -> store.loadSession(bob));
      tamper("SELECT record FROM quintet_prekeys WHERE id = 1",
          "UPDATE quintet_prekeys SET record = ? WHERE id = 1", flip);
      assertTampered(() -> store.loadPreKey(1));
      tamper("SELECT record FROM quintet_signed_prekeys WHERE id = 2",
          "UPDATE quintet_signed_prekeys SET record = ? WHERE id = 2", flip);
      assertTampered(store::signedPreKeys);
      tamper("SELECT record FROM quintet_kem_prekeys WHERE id = 3",
          "UPDATE quintet_kem_prekeys SET record = ? WHERE id = 3", v -> v[v.length - 1] ^= 1);
      assertTampered(() -> store.loadKemPreKey(3));
      tamper("SELECT record FROM quintet_sender_keys WHERE distribution_id = '" + group + "'",
          "UPDATE quintet_sender_keys SET record = ? WHERE distribution_id = '" + group + "'",
          v -> v[1] ^= 1); // the nonce
      assertTampered(() -> store.loadSenderKey(bob, group));
      tamper("SELECT value FROM quintet_device_state WHERE key = 'k1'",
          "UPDATE quintet_device_state SET value = ? WHERE key = 'k1'", v -> v[0] = 0x00);
      assertTampered(() -> store.loadState("ns", "k1"));
      assertTrue(store.loadSession(carol).isPresent(), "untouched rows still open");
    }
  }

  @Test
  void aRowCopiedOntoAnotherRowIsDetected() throws Exception {
    try (SqliteStore store = create(key)) {
      fill(store);
      copy("quintet_sessions", "record", "account = 'bob'", "account = 'carol'");
      assertTampered(() -> store.loadSession(carol));
      copy("quintet_prekeys", "record", "id = 1", "id = 4");
      assertTampered(() -> store.loadPreKey(4));
      copy("quintet_sender_keys", "record", "distribution_id = '" + group + "'",
          "distribution_id = '" + group2 + "'");
      assertTampered(() -> store.loadSenderKey(bob, group2));
      assertTrue(store.loadSenderKey(bob, group).isPresent());
      copy("quintet_device_state", "value", "key = 'k1'", "key = 'k2'");
      assertTampered(() -> store.loadState("ns", "k2"));
    }
  }

  private void copy(String table, String column, String from, String to) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db())) {
      assertEquals(1, c.createStatement().executeUpdate("UPDATE " + table + " SET " + column
          + " = (SELECT " + column + " FROM " + table + " WHERE " + from + ") WHERE " + to));
    }
  }

  @Test
  void flippingAKemPreKeysLastResortFlagIsDetected() throws Exception {
    try (SqliteStore store = create(key)) {
      fill(store);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db())) {
        c.createStatement().executeUpdate("UPDATE quintet_kem_prekeys SET last_resort = 0");
      }
      assertTampered(() -> store.loadKemPreKey(3));
      assertTampered(store::kemPreKeys);
    }
  }

  @Test
  void aChangedRegistrationIdOrIdentityRowFailsTheOpen() throws Exception {
    create(key).close();
    SqliteStoreOpenTest.sql(db(), "UPDATE quintet_meta SET value = 10 WHERE name = 'registration_id'");
    assertEquals(Reason.TAMPERED, assertThrows(StoreException.class,
        () -> SqliteStore.builder(db()).storeKey(key).open()).reason());
    SqliteStoreOpenTest.sql(db(), "UPDATE quintet_meta SET value = 9 WHERE name = 'registration_id'");
    SqliteStore.builder(db()).storeKey(key).open().close();
    tamper("SELECT value FROM quintet_meta WHERE name = 'identity'",
        "UPDATE quintet_meta SET value = ? WHERE name = 'identity'", v -> v[20] ^= 4);
    assertEquals(Reason.TAMPERED, assertThrows(StoreException.class,
        () -> SqliteStore.builder(db()).storeKey(key).open()).reason());
  }

  @Test
  void theStoreKeyIsRedactedAndTheStoreOutlivesItsDestruction() throws Exception {
    byte[] raw = Rng.bytes(32);
    StoreKey k = StoreKey.of(raw);
    raw[0] ^= 1; // the key took a copy
    assertEquals("StoreKey[redacted]", k.toString());
    assertThrows(IllegalArgumentException.class, () -> StoreKey.of(new byte[31]));
    try (SqliteStore store = create(k)) {
      k.destroy();
      assertTrue(k.isDestroyed());
      assertThrows(IllegalStateException.class, k::bytes);
      store.storeSession(bob, new byte[] {1});
      assertArrayEquals(new byte[] {1}, store.loadSession(bob).orElseThrow());
      assertFalse(store.toString().contains("redacted"));
    }
  }
}
