package io.quintet.store.sqlite;

import io.quintet.core.store.ProtocolStore.Work;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The connections of one open database and the transaction discipline over them.
 *
 * <p>One writer connection serves every transaction: {@link #atomically} takes the write lock,
 * binds the writer to the calling thread, runs {@code BEGIN IMMEDIATE} (which also waits, up to
 * the busy timeout, for writers in other processes), and commits when the work returns. The
 * lock is held only for the transaction itself — the library does its crypto before — and
 * SQLite admits one writer at a time anyway. Reads outside a transaction borrow one of a few
 * reader connections, which in WAL mode run beside the writer and see the last commit.
 */
final class Database implements AutoCloseable {
  /** A unit of SQL run on one connection. */
  @FunctionalInterface
  interface Sql<T> {
    T run(Conn conn) throws SQLException, StoreException;
  }

  private static final int MAX_READERS = 4;

  private final String url;
  private final SQLiteConfig config;
  private final Conn writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** One outermost transaction; a fresh object each time, so stale handles can be told apart. */
  static final class Transaction {
    final Conn conn;

    Transaction(Conn conn) {
      this.conn = conn;
    }
  }

  private final ThreadLocal<Transaction> bound = new ThreadLocal<>();
  private final BlockingQueue<Conn> idleReaders = new ArrayBlockingQueue<>(MAX_READERS);
  private final AtomicInteger readers = new AtomicInteger();
  private volatile EpochKeeper epochs;
  private volatile boolean closed;

  private Database(String url, SQLiteConfig config, Conn writer) {
    this.url = url;
    this.config = config;
    this.writer = writer;
  }

  /** Opens the writer connection; {@code create} allows a new file. */
  static Database open(Path path, boolean create, Duration busyTimeout) throws StoreException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    // Zero what a delete or an update frees, so replaced session states (old chain keys) do not
    // linger in free space of the database file.
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    if (!create) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    String url = "jdbc:sqlite:" + path.toAbsolutePath();
    try {
      return new Database(url, config, new Conn(config.createConnection(url)));
    } catch (SQLException e) {
      throw failure(e, "cannot open the database");
    }
  }

  void useEpochs(EpochKeeper keeper) {
    this.epochs = keeper;
  }

  boolean inTransaction() {
    return bound.get() != null;
  }

  /** The connection bound to the calling thread's transaction, or null. */
  Conn boundConnection() {
    Transaction tx = bound.get();
    return tx == null ? null : tx.conn;
  }

  /** The calling thread's transaction, or null. */
  Transaction currentTransaction() {
    return bound.get();
  }

  /** Runs {@code work} in one transaction, joining the calling thread's if there is one. */
  <T, E extends Exception> T atomically(Work<T, E> work) throws E {
    if (bound.get() != null) {
      return work.run(); // nested: joins the outer transaction
    }
    writeLock.lock();
    try {
      checkOpen();
      long changesBefore = begin();
      bound.set(new Transaction(writer));
      T result;
      try {
        result = work.run();
      } catch (Throwable t) {
        bound.remove();
        rollbackQuietly(t);
        throw t;
      }
      bound.remove();
      commit(changesBefore);
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  private long begin() {
    try {
      writer.exec("BEGIN IMMEDIATE");
      return writer.queryLong("SELECT total_changes()");
    } catch (SQLException e) {
      throw unchecked(failure(e, "cannot start a transaction"));
    }
  }

  private void commit(long changesBefore) {
    EpochKeeper keeper = epochs;
    boolean wrote;
    try {
      wrote = writer.queryLong("SELECT total_changes()") != changesBefore;
      if (wrote && keeper != null) {
        keeper.beforeCommit(writer);
      }
      writer.exec("COMMIT");
    } catch (SQLException | StoreException | RuntimeException e) {
      rollbackQuietly(e);
      if (keeper != null) {
        keeper.afterRollback();
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw unchecked(e instanceof StoreException
          ? (StoreException) e : failure((SQLException) e, "cannot commit"));
    }
    if (wrote && keeper != null) {
      try {
        keeper.afterCommit();
      } catch (StoreException e) {
        throw unchecked(e);
      }
    }
  }

  private void rollbackQuietly(Throwable cause) {
    try {
      writer.exec("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back (e.g. after a full disk); keep the first failure.
      cause.addSuppressed(e);
    }
  }

  /** Reads on the bound connection inside a transaction, else on a pooled reader. */
  <T> T read(Sql<T> sql) {
    Conn conn = boundConnection();
    if (conn != null) {
      return run(conn, sql);
    }
    checkOpen();
    Conn reader = borrowReader();
    try {
      return run(reader, sql);
    } finally {
      returnReader(reader);
    }
  }

  /** Runs {@code sql} in one transaction, failures as checked {@link StoreException}s. */
  <T> T transact(Sql<T> sql) throws StoreException {
    try {
      return atomically(() -> run(boundConnection(), sql));
    } catch (UncheckedStoreException e) {
      throw e.getCause();
    }
  }

  /** Writes in the calling thread's transaction, or in one of their own. */
  <T> T write(Sql<T> sql) {
    return atomically(() -> run(boundConnection(), sql));
  }

  private static <T> T run(Conn conn, Sql<T> sql) {
    try {
      return sql.run(conn);
    } catch (SQLException e) {
      throw unchecked(failure(e, "database operation failed"));
    } catch (StoreException e) {
      throw unchecked(e);
    }
  }

  private Conn borrowReader() {
    Conn c = idleReaders.poll();
    if (c != null) {
      return c;
    }
    if (readers.incrementAndGet() <= MAX_READERS) {
      try {
        Conn fresh = new Conn(config.createConnection(url));
        fresh.exec("PRAGMA query_only = 1"); // readers never write, whatever the caller does
        return fresh;
      } catch (SQLException e) {
        readers.decrementAndGet();
        throw unchecked(failure(e, "cannot open a reader connection"));
      }
    }
    readers.decrementAndGet();
    try {
      return idleReaders.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unchecked(new StoreException(StoreException.Reason.IO, "interrupted waiting for a reader"));
    }
  }

  private void returnReader(Conn reader) {
    if (closed || !idleReaders.offer(reader)) {
      reader.close();
      readers.decrementAndGet();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
  }

  /** Waits for a running transaction, then closes every connection. Idempotent. */
  @Override
  public void close() {
    if (inTransaction()) {
      throw new IllegalStateException("cannot close the store inside atomically");
    }
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      writer.close();
      for (Conn c; (c = idleReaders.poll()) != null; ) {
        c.close();
      }
    } finally {
      writeLock.unlock();
    }
  }

  static StoreException failure(SQLException e, String what) {
    StoreException.Reason reason;
    switch (e.getErrorCode() & 0xFF) {
      case 5: // SQLITE_BUSY
      case 6: // SQLITE_LOCKED
        reason = StoreException.Reason.BUSY;
        break;
      case 11: // SQLITE_CORRUPT
        reason = StoreException.Reason.CORRUPT;
        break;
      case 26: // SQLITE_NOTADB
        reason = StoreException.Reason.NOT_A_QUINTET_DATABASE;
        break;
      default:
        reason = StoreException.Reason.IO;
    }
    return new StoreException(reason, what + ": " + e.getMessage(), e);
  }

  static UncheckedStoreException unchecked(StoreException e) {
    return new UncheckedStoreException(e);
  }
}
