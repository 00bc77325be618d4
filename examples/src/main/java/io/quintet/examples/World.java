package io.quintet.examples;

import io.quintet.core.AccountId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.messaging.Envelope;
import io.quintet.devicelist.messaging.Quintet;
import io.quintet.devicelist.messaging.QuintetDevice;
import io.quintet.devicelist.messaging.Received;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The demo's world: a server, a clock it can move, and a store per device in a temp folder. */
final class World implements AutoCloseable {
  final AccountId alice = AccountId.of("alice");
  final AccountId bob = AccountId.of("bob");
  final DemoClock clock = new DemoClock(Instant.parse("2026-11-25T09:00:00Z"));
  final DemoServer server;
  private final Path folder;

  private World(Path folder) {
    this.folder = folder;
    this.server = new DemoServer(folder);
  }

  static World create() throws IOException {
    return new World(Files.createTempDirectory("quintet-demo"));
  }

  String storeKind() {
    return "in-memory stores";
  }

  Path folder() {
    return folder;
  }

  private ProtocolStore store(String name) {
    return InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1 + new SecureRandom().nextInt(16000));
  }

  private Quintet.Builder device(String name) {
    return Quintet.device().store(store(name)).server(server).clock(clock);
  }

  QuintetDevice primary(String account, String name) throws IOException {
    QuintetDevice d = device(name).createPrimary(AccountId.of(account));
    ready(d);
    return d;
  }

  QuintetDevice companion(String name) {
    return device(name).createCompanion();
  }

  /** Uploads prekey bundles for a device that just got its address. */
  void ready(QuintetDevice d) throws IOException {
    d.refresh();
    server.upload(d.address().orElseThrow(), d.newPreKeyBundles(4));
  }

  /** Decrypts everything waiting for {@code d}, handing any replies back to the server. */
  List<Received> receive(QuintetDevice d) throws Exception {
    List<Received> out = new ArrayList<>();
    for (Envelope e : server.fetch(d.address().orElseThrow())) {
      Received r = d.decrypt(e);
      if (r instanceof Received.Reply) {
        server.deliver(((Received.Reply) r).envelopes());
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A clock the demo moves forward by hand. */
  static final class DemoClock extends Clock {
    private Instant now;

    DemoClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
