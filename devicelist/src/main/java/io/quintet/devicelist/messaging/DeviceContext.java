package io.quintet.devicelist.messaging;

import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.KemType;
import io.quintet.core.store.ProtocolStore;
import io.quintet.devicelist.DeviceListVerifier;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.ratchet.SessionCipher;
import io.quintet.ratchet.SessionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/** Everything one device's operations share; built once by {@link Quintet.Builder}. */
final class DeviceContext {
  final ProtocolStore store;
  final AccountServer server;
  final Clock clock;
  final LinkPolicy linkPolicy;
  final SessionPolicy sessionPolicy;
  final KemType kemType;
  final Executor executor;
  final DeviceListVerifier verifier;
  final DeviceLists lists;
  final SentMessages sent;
  /** The primary re-signs its list when it is used and the list is older than this. */
  final Duration refreshAfter;
  /** A session is re-created from a retry's bundle at most this often per device. */
  final Duration rebuildInterval;
  final int maxRetries;

  DeviceContext(ProtocolStore store, AccountServer server, Clock clock, LinkPolicy linkPolicy,
      KemType kemType, Executor executor, int sentCacheSize, Duration refreshAfter,
      Duration rebuildInterval, int maxRetries) {
    this.store = store;
    this.server = server;
    this.clock = clock;
    this.linkPolicy = linkPolicy;
    this.sessionPolicy = SessionPolicy.builder().clock(clock).build();
    this.kemType = kemType;
    this.executor = executor;
    this.verifier = new DeviceListVerifier(store, linkPolicy, clock);
    this.lists = new DeviceLists(server, verifier);
    this.sent = new SentMessages(sentCacheSize);
    this.refreshAfter = refreshAfter;
    this.rebuildInterval = rebuildInterval;
    this.maxRetries = maxRetries;
  }

  SessionCipher cipher(DeviceAddress remote) {
    return new SessionCipher(store, remote, sessionPolicy);
  }
}
