package io.quintet.store.sqlite;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;

/**
 * The view of the transaction's connection that an app gets from {@link
 * SqliteStore#currentConnection()}: everything works except ending or reshaping the
 * transaction, and only on the thread and inside the transaction it was handed out for.
 */
final class AppConnection {
  private static final Set<String> REFUSED = Set.of(
      "commit", "close", "setAutoCommit", "abort", "setTransactionIsolation", "setReadOnly",
      "setNetworkTimeout", "setCatalog", "setSchema", "unwrap");

  private AppConnection() {}

  static Connection guard(Database db, Database.Transaction tx) {
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          String name = method.getName();
          boolean rollbackAll = name.equals("rollback") && (args == null || args.length == 0);
          if (REFUSED.contains(name) || rollbackAll) {
            throw new IllegalStateException("the store owns the transaction: throw from the"
                + " atomically work to roll back, return to commit (" + name + " refused)");
          }
          if (db.currentTransaction() != tx && method.getDeclaringClass() != Object.class) {
            throw new IllegalStateException(
                "currentConnection() is valid only inside the atomically call that returned it");
          }
          try {
            return method.invoke(tx.conn.connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
