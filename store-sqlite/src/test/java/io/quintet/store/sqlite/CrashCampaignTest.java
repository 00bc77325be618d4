package io.quintet.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionCipher;
import io.quintet.store.sqlite.CrashWorld.Sent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a child JVM sends and receives at random between three devices, each with its
 * own store, and is killed with SIGKILL at random moments (also while opening), then restarted.
 * Afterwards every ciphertext it had handed out decrypts exactly once at its recipient (the
 * child delivers out of order within the protocol's window; the app's table, written in the
 * decrypt's transaction, records what it received; a second decrypt never succeeds), no two
 * came from one message key, no store thought it was rolled back, and every session still
 * works. {@code -Dquintet.crash.kills=N} sets the number of kills (default 50; {@code
 * scripts/crash-campaign.sh} runs thousands), {@code -Dquintet.crash.seed} the schedule.
 */
class CrashCampaignTest {
  private static final int DEVICES = 3;

  @TempDir Path dir;

  @Test
  void killedAtRandomMomentsNoKeyIsReusedAndNothingHandedOutIsLost() throws Exception {
    int kills = Integer.getInteger("quintet.crash.kills", 50);
    long seed = Long.getLong("quintet.crash.seed", System.nanoTime());
    System.out.println("crash campaign: seed " + seed + ", " + kills + " kills");
    CrashWorld world = new CrashWorld(dir, DEVICES);
    setUp(world);
    Random random = new Random(seed);
    int duringOpen = 0;
    long started = System.nanoTime();
    for (int k = 0; k < kills; k++) {
      Path stderr = dir.resolve("child.err");
      Process child = startChild(stderr, random.nextLong(), "0");
      BlockingQueue<String> lines = lines(child);
      if (random.nextInt(8) == 0) {
        Thread.sleep(random.nextInt(300)); // somewhere in start-up, recovery or open
        duringOpen++;
      } else {
        // A few whole steps, then a moment into the next one: the kill lands anywhere in a
        // send (encrypt, commit, anchor, log) or a receive (decrypt, app write, commit).
        assertEquals("ready", lines.poll(60, TimeUnit.SECONDS), () -> read(stderr));
        for (int steps = random.nextInt(6); steps > 0; steps--) {
          assertNotNull(lines.poll(60, TimeUnit.SECONDS), () -> read(stderr));
        }
        Thread.sleep(random.nextInt(25));
      }
      assertTrue(child.isAlive(), () -> "the child stopped by itself: " + read(stderr));
      child.destroyForcibly().waitFor();
    }
    System.out.println("crash campaign: " + kills + " kills in "
        + (System.nanoTime() - started) / 1_000_000 + " ms");
    assertFalse(Files.exists(world.anomalies()), () -> read(world.anomalies()));
    verify(world, kills, duringOpen);
  }

  /**
   * Starts the child JVM: C1 only and the serial collector, since it lives for well under a
   * second; SQLite's native library taken from {@link #nativeLibrary} rather than extracted anew
   * (a killed JVM never deletes its copy), and temporary files kept in the test's directory.
   */
  private Process startChild(Path stderr, long seed, String steps) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp"))));
    Path lib = nativeLibrary();
    if (lib != null) {
      command.add("-Dorg.sqlite.lib.path=" + lib.getParent());
      command.add("-Dorg.sqlite.lib.name=" + lib.getFileName());
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), dir.toString(), "" + DEVICES, "" + seed, steps));
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  /** sqlite-jdbc's bundled library for this platform, copied out once; null if not bundled. */
  private Path nativeLibrary() throws Exception {
    String name = System.mapLibraryName("sqlitejdbc");
    Path lib = dir.resolve("native").resolve(name);
    if (!Files.exists(lib)) {
      String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS()
          + "/" + name;
      try (java.io.InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
        if (in == null) {
          return null;
        }
        Files.createDirectories(lib.getParent());
        Files.copy(in, lib);
      }
    }
    return lib;
  }

  /** Three devices with sessions both ways between every pair, and the app's table. */
  private static void setUp(CrashWorld world) throws Exception {
    SqliteStore[] stores = new SqliteStore[DEVICES];
    for (int d = 0; d < DEVICES; d++) {
      stores[d] = SqliteStore.builder(world.storePath(d))
          .storeKey(StoreKey.of(java.util.HexFormat.of().parseHex(CrashWorld.KEY_HEX)))
          .epochAnchor(new FileAnchor(world.dir.resolve("device-" + d + ".epoch")))
          .openOrCreate(IdentityKeyPair.generate(), 100 + d);
      SqliteStore store = stores[d];
      store.atomically(() -> store.currentConnection().createStatement()
          .execute("CREATE TABLE app_received (id TEXT PRIMARY KEY)"));
    }
    int bundle = 1;
    for (int a = 0; a < DEVICES; a++) {
      for (int b = a + 1; b < DEVICES; b++) {
        Peers.connect(stores[a], CrashWorld.address(b), stores[b], bundle++);
        CiphertextMessage hello = new SessionCipher(stores[a], CrashWorld.address(b)).encrypt(new byte[1]);
        new SessionCipher(stores[b], CrashWorld.address(a)).decrypt(hello.type(), hello.serialize());
      }
    }
    for (SqliteStore s : stores) {
      s.close();
    }
  }

  private static void verify(CrashWorld world, int kills, int duringOpen) throws Exception {
    List<Sent> log = world.readLog(false);
    SqliteStore[] stores = new SqliteStore[DEVICES];
    List<Set<String>> received = new ArrayList<>();
    for (int d = 0; d < DEVICES; d++) {
      stores[d] = world.open(d);
      assertTrue(stores[d].rolledBack().isEmpty(), "a crash is not a rollback in exact mode");
      received.add(CrashWorld.received(stores[d]));
    }
    try {
      Set<String> messageKeys = new HashSet<>();
      int before = 0;
      int atTheEnd = 0;
      int agedOut = 0;
      for (Sent s : log) {
        String key = s.sender + ">" + s.recipient + "/" + Peers.messageKeyId(s.message);
        assertTrue(messageKeys.add(key), "two ciphertexts from one message key: " + key);
        SessionCipher cipher = new SessionCipher(stores[s.recipient], CrashWorld.address(s.sender));
        if (received.get(s.recipient).contains(s.id)) {
          before++;
        } else {
          byte[] plain = cipher.decrypt(s.message.type(), s.message.serialize());
          assertArrayEquals(s.id.getBytes(StandardCharsets.UTF_8), plain);
          atTheEnd++;
        }
        // Never twice: a duplicate, or — once its chain has aged out of the session, as old
        // duplicates do in libsignal too — a MAC failure; never plaintext again.
        InvalidMessageException again = assertThrows(InvalidMessageException.class,
            () -> cipher.decrypt(s.message.type(), s.message.serialize()), "exactly once");
        agedOut += again instanceof DuplicateMessageException ? 0 : 1;
      }
      for (int a = 0; a < DEVICES; a++) {
        for (int b = 0; b < DEVICES; b++) {
          if (a != b) {
            CiphertextMessage m = new SessionCipher(stores[a], CrashWorld.address(b)).encrypt(new byte[] {7});
            assertArrayEquals(new byte[] {7},
                new SessionCipher(stores[b], CrashWorld.address(a)).decrypt(m.type(), m.serialize()));
          }
        }
      }
      assertTrue(log.size() >= kills / 4 && before > 0,
          "too little work between kills to mean anything: " + log.size() + " sent, " + before
              + " received");
      System.out.println("crash campaign: " + kills + " kills (" + duringOpen + " during start-up),"
          + " " + log.size() + " ciphertexts handed out, " + before + " decrypted by the child, "
          + atTheEnd + " decrypted at the end, every one exactly once (a second try: "
          + (log.size() - agedOut) + " duplicates, " + agedOut + " from chains aged out)");
    } finally {
      for (SqliteStore s : stores) {
        s.close();
      }
    }
  }

  /** The child's stdout, line by line, without ever blocking the test on it. */
  private static BlockingQueue<String> lines(Process child) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the child was killed
      }
    });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
