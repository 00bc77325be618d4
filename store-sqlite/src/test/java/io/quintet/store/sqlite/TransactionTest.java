package io.quintet.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.store.sqlite.StoreException.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite-specific side of transactions: the app's connection, isolation, the epoch. */
class TransactionTest {
  @TempDir Path dir;
  private final IdentityKeyPair identity = IdentityKeyPair.generate();
  private final DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(1));
  private final List<Long> anchored = new ArrayList<>();
  private final EpochAnchor anchor = new EpochAnchor() {
    @Override
    public long read() {
      return anchored.isEmpty() ? 0 : anchored.get(anchored.size() - 1);
    }

    @Override
    public void advance(long epoch) {
      anchored.add(Math.max(epoch, read()));
    }
  };
  private SqliteStore store;

  @BeforeEach
  void open() throws Exception {
    store = SqliteStore.builder(dir.resolve("tx.db")).epochAnchor(anchor).openOrCreate(identity, 3);
    store.atomically(() -> {
      store.currentConnection().createStatement()
          .execute("CREATE TABLE app_messages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
      return null;
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  private int appRows() throws SQLException {
    return store.atomically(() -> {
      try (ResultSet r = store.currentConnection().createStatement()
          .executeQuery("SELECT count(*) FROM app_messages")) {
        r.next();
        return r.getInt(1);
      }
    });
  }

  private void insert(byte[] body) throws SQLException {
    try (PreparedStatement ps = store.currentConnection()
        .prepareStatement("INSERT INTO app_messages (body) VALUES (?)")) {
      ps.setBytes(1, body);
      ps.executeUpdate();
    }
  }

  @Test
  void appWritesCommitAndRollBackWithTheLibrarysWrites() throws Exception {
    store.atomically(() -> {
      store.storeSession(bob, new byte[] {1});
      insert(new byte[] {1});
      return null;
    });
    assertThrows(IllegalStateException.class, () -> store.atomically(() -> {
      store.storeSession(bob, new byte[] {2});
      insert(new byte[] {2});
      throw new IllegalStateException("the app's write failed validation");
    }));
    assertArrayEquals(new byte[] {1}, store.loadSession(bob).orElseThrow());
    assertEquals(1, appRows());
    assertThrows(SQLException.class, () -> store.atomically(() -> {
      store.storeSession(bob, new byte[] {3});
      store.currentConnection().createStatement().execute("INSERT INTO app_messages VALUES (1, x'00')");
      return null; // the duplicate id fails first
    }));
    assertArrayEquals(new byte[] {1}, store.loadSession(bob).orElseThrow());
  }

  @Test
  void theAppCannotEndTheTransactionOrKeepTheConnection() throws Exception {
    assertThrows(IllegalStateException.class, store::currentConnection);
    Connection[] kept = new Connection[1];
    store.atomically(() -> {
      Connection c = store.currentConnection();
      assertThrows(IllegalStateException.class, c::commit);
      assertThrows(IllegalStateException.class, c::rollback);
      assertThrows(IllegalStateException.class, c::close);
      assertThrows(IllegalStateException.class, () -> c.setAutoCommit(true));
      assertThrows(IllegalStateException.class, () -> c.unwrap(Connection.class));
      kept[0] = c;
      return null;
    });
    assertThrows(IllegalStateException.class, () -> kept[0].createStatement());
    CompletableFuture<?> elsewhere = CompletableFuture.supplyAsync(() -> store.atomically(() -> {
      try {
        return kept[0].createStatement(); // inside another thread's transaction
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    }));
    assertTrue(assertThrows(java.util.concurrent.CompletionException.class, elsewhere::join)
        .getCause() instanceof IllegalStateException);
  }

  @Test
  void otherThreadsReadTheLastCommitNeverAnUnfinishedTransaction() throws Exception {
    store.storeSession(bob, new byte[] {1});
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    CompletableFuture<Void> tx = CompletableFuture.runAsync(() -> store.atomically(() -> {
      store.storeSession(bob, new byte[] {2});
      written.countDown();
      try {
        read.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return null;
    }));
    written.await();
    assertArrayEquals(new byte[] {1}, store.loadSession(bob).orElseThrow());
    read.countDown();
    tx.join();
    assertArrayEquals(new byte[] {2}, store.loadSession(bob).orElseThrow());
  }

  @Test
  void aCommitIsVisibleToAnotherStoreOnTheSameFileAtOnce() throws Exception {
    try (SqliteStore other = SqliteStore.builder(dir.resolve("tx.db")).open()) {
      store.storeSession(bob, new byte[] {5});
      assertArrayEquals(new byte[] {5}, other.loadSession(bob).orElseThrow());
      other.deleteSession(bob);
      assertTrue(store.loadSession(bob).isEmpty());
    }
  }

  @Test
  void everyWritingTransactionAdvancesTheEpochAndTheAnchorFollowsAfterCommit() throws Exception {
    long start = anchor.read();
    store.storeSession(bob, new byte[] {1});
    assertEquals(start + 1, anchor.read());
    store.atomically(() -> {
      store.storeSession(bob, new byte[] {2});
      store.storeState("ns", "k", new byte[] {3});
      assertEquals(start + 1, anchor.read(), "not before the commit");
      return null;
    });
    assertEquals(start + 2, anchor.read(), "one step per transaction, not per write");
    store.loadSession(bob);
    store.atomically(() -> store.loadSession(bob));
    assertThrows(IllegalStateException.class, () -> store.atomically(() -> {
      store.storeSession(bob, new byte[] {9});
      throw new IllegalStateException();
    }));
    assertEquals(start + 2, anchor.read(), "reads and rollbacks do not count");
    store.atomically(() -> {
      insert(new byte[] {1});
      return null;
    });
    assertEquals(start + 3, anchor.read(), "the app's own writes count");
  }

  @Test
  void anAnchorThatFailsAfterTheCommitIsReportedAndTheWriteKept() throws Exception {
    AtomicLong value = new AtomicLong();
    boolean[] fail = {false};
    EpochAnchor flaky = new EpochAnchor() {
      @Override
      public long read() {
        return value.get();
      }

      @Override
      public void advance(long epoch) throws Exception {
        if (fail[0]) {
          throw new java.io.IOException("keystore unavailable");
        }
        value.accumulateAndGet(epoch, Math::max);
      }
    };
    Path file = dir.resolve("flaky.db");
    try (SqliteStore s = SqliteStore.builder(file).epochAnchor(flaky).openOrCreate(identity, 3)) {
      fail[0] = true;
      UncheckedStoreException e = assertThrows(UncheckedStoreException.class,
          () -> s.storeSession(bob, new byte[] {1}));
      assertEquals(Reason.ANCHOR_FAILED, e.getCause().reason());
      assertArrayEquals(new byte[] {1}, s.loadSession(bob).orElseThrow(), "committed before");
    }
    try (SqliteStore s = SqliteStore.builder(file).epochAnchor(flaky, 10).open()) {
      assertTrue(s.rolledBack().isEmpty(), "an anchor behind the database is no rollback");
      UncheckedStoreException e = assertThrows(UncheckedStoreException.class,
          () -> s.storeSession(bob, new byte[] {2}));
      assertEquals(Reason.ANCHOR_FAILED, e.getCause().reason());
      assertArrayEquals(new byte[] {1}, s.loadSession(bob).orElseThrow(),
          "a reserving anchor is written before the commit, which it stops");
      fail[0] = false;
    }
  }
}
