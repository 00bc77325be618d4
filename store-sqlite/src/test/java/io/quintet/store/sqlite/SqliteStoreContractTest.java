package io.quintet.store.sqlite;

import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.testing.ProtocolStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store, sealed at rest, against the shared store contract. */
class SqliteStoreContractTest extends ProtocolStoreContract {
  @TempDir Path dir;

  @Override
  protected ProtocolStore newStore(IdentityKeyPair identity, int registrationId) throws Exception {
    return SqliteStore.builder(dir.resolve("contract.db"))
        .storeKey(StoreKey.of(new byte[32]))
        .openOrCreate(identity, registrationId);
  }

  @Override
  protected void closeStore(ProtocolStore store) {
    ((SqliteStore) store).close();
  }
}
