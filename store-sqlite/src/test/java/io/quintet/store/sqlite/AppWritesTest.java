package io.quintet.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.AppWriteException;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionCipher;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's own tables written in the ratchet's transaction through the library's hook and
 * {@link SqliteStore#currentConnection()}: a decrypted message and the ratchet step that
 * produced it commit together, and a failing app write undoes the step.
 */
class AppWritesTest {
  @TempDir Path dir;
  private final DeviceAddress alice = DeviceAddress.of(AccountId.of("alice"), DeviceId.PRIMARY);
  private final DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.PRIMARY);
  private final InMemoryProtocolStore aliceStore =
      InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1);
  private final CountingAnchor anchor = new CountingAnchor();
  private SqliteStore bobStore;

  @BeforeEach
  void open() throws Exception {
    bobStore = SqliteStore.builder(dir.resolve("bob.db")).epochAnchor(anchor)
        .openOrCreate(IdentityKeyPair.generate(), 2);
    bobStore.atomically(() -> {
      try (Statement s = bobStore.currentConnection().createStatement()) {
        s.execute("CREATE TABLE inbox (id INTEGER PRIMARY KEY,"
            + " body BLOB NOT NULL CHECK (length(body) < 100))");
        s.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, ciphertext BLOB NOT NULL)");
      }
      return null;
    });
    Peers.connect(aliceStore, bob, bobStore, 1);
  }

  @AfterEach
  void close() {
    bobStore.close();
  }

  /** The app's write: the plaintext into its inbox, on the library's connection. */
  private void saveToInbox(byte[] plaintext) throws SQLException {
    try (PreparedStatement ps =
        bobStore.currentConnection().prepareStatement("INSERT INTO inbox (body) VALUES (?)")) {
      ps.setBytes(1, plaintext);
      ps.executeUpdate();
    }
  }

  private int count(String table) throws SQLException {
    return bobStore.atomically(() -> {
      try (ResultSet r = bobStore.currentConnection().createStatement()
          .executeQuery("SELECT count(*) FROM " + table)) {
        r.next();
        return r.getInt(1);
      }
    });
  }

  @Test
  void aDecryptAndTheAppsInsertCommitTogether() throws Exception {
    CiphertextMessage m = new SessionCipher(aliceStore, bob).encrypt(new byte[] {1, 2});
    long epoch = anchor.read();
    byte[] plain = new SessionCipher(bobStore, alice).decrypt(m.type(), m.serialize(), this::saveToInbox);
    assertArrayEquals(new byte[] {1, 2}, plain);
    assertEquals(1, count("inbox"));
    assertEquals(epoch + 1, anchor.read(), "session, prekey use and inbox row: one commit");
    assertFalse(bobStore.loadPreKey(1).isPresent(), "the one-time prekey went in it too");
  }

  @Test
  void aFailingAppWriteRollsBackTheRatchetStepAndTheMessageDecryptsAgain() throws Exception {
    SessionCipher aliceCipher = new SessionCipher(aliceStore, bob);
    SessionCipher bobCipher = new SessionCipher(bobStore, alice);
    CiphertextMessage first = aliceCipher.encrypt(new byte[] {1});
    bobCipher.decrypt(first.type(), first.serialize(), this::saveToInbox);
    CiphertextMessage tooLong = aliceCipher.encrypt(new byte[200]); // the CHECK refuses it
    byte[] before = bobStore.loadSession(alice).orElseThrow();

    AppWriteException e = assertThrows(AppWriteException.class,
        () -> bobCipher.decrypt(tooLong.type(), tooLong.serialize(), this::saveToInbox));
    assertInstanceOf(SQLException.class, e.getCause());
    assertArrayEquals(before, bobStore.loadSession(alice).orElseThrow(), "byte-identical");
    assertEquals(1, count("inbox"));

    byte[] again = bobCipher.decrypt(tooLong.type(), tooLong.serialize(), p -> { });
    assertArrayEquals(new byte[200], again, "the message key was still there");
  }

  @Test
  void anOutboxRowCommitsWithTheStepThatUsedItsMessageKey() throws Exception {
    CiphertextMessage first = new SessionCipher(aliceStore, bob).encrypt(new byte[] {1});
    new SessionCipher(bobStore, alice).decrypt(first.type(), first.serialize());
    SessionCipher bobCipher = new SessionCipher(bobStore, alice);
    byte[] before = bobStore.loadSession(alice).orElseThrow();
    assertThrows(AppWriteException.class, () -> bobCipher.encrypt(new byte[] {2}, out -> {
      queue(out);
      throw new IllegalStateException("the app changed its mind after writing");
    }));
    assertArrayEquals(before, bobStore.loadSession(alice).orElseThrow());
    assertEquals(0, count("outbox"), "its row went with the step");
    CiphertextMessage sent = bobCipher.encrypt(new byte[] {2}, this::queue);
    assertEquals(1, count("outbox"));
    assertArrayEquals(new byte[] {2},
        new SessionCipher(aliceStore, bob).decrypt(sent.type(), sent.serialize()));
  }

  private void queue(CiphertextMessage out) throws SQLException {
    try (PreparedStatement ps = bobStore.currentConnection()
        .prepareStatement("INSERT INTO outbox (ciphertext) VALUES (?)")) {
      ps.setBytes(1, out.serialize());
      ps.executeUpdate();
    }
  }
}
