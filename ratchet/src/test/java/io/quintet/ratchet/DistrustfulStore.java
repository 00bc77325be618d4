package io.quintet.ratchet;

import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.store.ProtocolStore;

/** A store that trusts no identity it has not stored: an app that verifies every contact. */
final class DistrustfulStore extends ForwardingStore {
  private final ProtocolStore d;

  DistrustfulStore(ProtocolStore delegate) {
    super(delegate);
    this.d = delegate;
  }

  @Override
  public boolean isTrustedIdentity(DeviceAddress a, IdentityKey k, Direction dir) {
    return d.identity(a).map(k::equals).orElse(false);
  }
}
