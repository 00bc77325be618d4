package io.quintet.examples;

import io.quintet.core.AccountId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.store.sqlite.SqliteStore;
import io.quintet.store.sqlite.StoreKey;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
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

  private final Map<QuintetDevice, SqliteStore> stores = new HashMap<>();
  private final Map<String, SqliteStore> byName = new HashMap<>();

  String storeKind() {
    return "one SQLite file per device, secrets sealed with a key from the (pretend) keystore,";
  }

  Path folder() {
    return folder;
  }

  private SqliteStore store(String name) {
    byte[] keystoreSecret = new byte[StoreKey.LENGTH]; // an app keeps this in its OS keystore
    new SecureRandom().nextBytes(keystoreSecret);
    try {
      SqliteStore store = SqliteStore.builder(folder.resolve(name + ".db"))
          .storeKey(StoreKey.of(keystoreSecret))
          .openOrCreate(IdentityKeyPair.generate(), 1 + new SecureRandom().nextInt(16000));
      store.atomically(() -> { // the app's own table, in the same file
        try (Statement s = store.currentConnection().createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS app_inbox (message_id TEXT PRIMARY KEY, sender TEXT)");
        }
        return null;
      });
      byName.put(name, store);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the demo store " + name, e);
    }
  }

  private QuintetDevice device(Quintet.Builder builder, SqliteStore store, boolean primary,
      String account) throws IOException {
    QuintetDevice d = primary ? builder.createPrimary(AccountId.of(account)) : builder.createCompanion();
    stores.put(d, store);
    return d;
  }

  QuintetDevice primary(String account, String name) throws IOException {
    SqliteStore store = store(name);
    QuintetDevice d = device(Quintet.device().store(store).server(server).clock(clock), store,
        true, account);
    ready(d);
    return d;
  }

  QuintetDevice companion(String name) throws IOException {
    SqliteStore store = store(name);
    return device(Quintet.device().store(store).server(server).clock(clock), store, false, null);
  }

  /** How many messages the app's own inbox table holds (written in Quintet's transaction). */
  int inboxRows(QuintetDevice d) throws SQLException {
    SqliteStore store = stores.get(d);
    return store.atomically(() -> {
      try (Statement s = store.currentConnection().createStatement();
          java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM app_inbox")) {
        return r.next() ? r.getInt(1) : 0;
      }
    });
  }

  /** Uploads prekey bundles for a device that just got its address. */
  void ready(QuintetDevice d) throws IOException {
    d.refresh();
    server.upload(d.address().orElseThrow(), d.newPreKeyBundles(4));
  }

  /** Decrypts everything waiting for {@code d}, handing any replies back to the server. */
  List<Received> receive(QuintetDevice d) throws Exception {
    List<Received> out = new ArrayList<>();
    SqliteStore store = stores.get(d);
    for (Envelope e : server.fetch(d.address().orElseThrow())) {
      // The app stores each delivered message in its own table, in the same SQLite
      // transaction that advances the ratchet: never "state advanced, message lost".
      Received r = d.decrypt(e, delivered -> {
        try (PreparedStatement p = store.currentConnection()
            .prepareStatement("INSERT OR IGNORE INTO app_inbox VALUES (?, ?)")) {
          p.setString(1, delivered.messageId());
          p.setString(2, delivered.sender().toString());
          p.executeUpdate();
        }
      });
      if (r instanceof Received.Reply) {
        server.deliver(((Received.Reply) r).envelopes());
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    byName.values().forEach(SqliteStore::close);
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
