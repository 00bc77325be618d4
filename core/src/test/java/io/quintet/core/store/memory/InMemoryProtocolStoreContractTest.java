package io.quintet.core.store.memory;

import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.testing.ProtocolStoreContract;

/** The in-memory store against the shared store contract. */
class InMemoryProtocolStoreContractTest extends ProtocolStoreContract {
  @Override
  protected ProtocolStore newStore(IdentityKeyPair identity, int registrationId) {
    return InMemoryProtocolStore.create(identity, registrationId);
  }
}
