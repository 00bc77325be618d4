package io.quintet.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionCipher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs encrypt on one session in one database file at the same time. The ratchet compares
 * and commits inside {@code BEGIN IMMEDIATE}, so however the processes interleave no message
 * key is used twice: Bob decrypts every ciphertext exactly once and no two share a counter.
 */
class CrossProcessTest {
  private static final int THREADS = 2;
  private static final int PER_THREAD = 40;

  @TempDir Path dir;
  private final DeviceAddress alice = DeviceAddress.of(AccountId.of("alice"), DeviceId.PRIMARY);
  private final DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.PRIMARY);

  static Process startJava(Class<?> main, Path stderr, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  @Test
  void twoProcessesNeverAdvanceOneSessionTwice() throws Exception {
    byte[] rawKey = Rng.bytes(32);
    Path db = dir.resolve("alice.db");
    InMemoryProtocolStore bobStore = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 2);
    Map<String, CiphertextMessage> sent = new ConcurrentHashMap<>();
    try (SqliteStore store =
        SqliteStore.builder(db).storeKey(StoreKey.of(rawKey)).openOrCreate(IdentityKeyPair.generate(), 1)) {
      Peers.connect(store, bob, bobStore, 1);
      Peers.connect(store, DeviceAddress.of(AccountId.of("carol"), DeviceId.PRIMARY),
          InMemoryProtocolStore.create(IdentityKeyPair.generate(), 3), 2); // the child's warm-up
      Path stderr = dir.resolve("child.err");
      Process child = startJava(ConcurrentEncryptor.class, stderr, db.toString(),
          HexFormat.of().formatHex(rawKey), "" + THREADS, "" + PER_THREAD);
      try {
        BufferedReader out = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), () -> read(stderr));
        Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        in.write("go\n");
        in.flush();
        ConcurrentEncryptor.run(THREADS, t -> {
          SessionCipher cipher = new SessionCipher(store, bob);
          for (int i = 0; i < PER_THREAD; i++) {
            String tag = "parent-" + t + "-" + i;
            sent.put(tag, cipher.encrypt(tag.getBytes(StandardCharsets.UTF_8)));
            ConcurrentEncryptor.pause();
          }
        });
        for (String line; (line = out.readLine()) != null; ) {
          String[] f = line.split(" ");
          sent.put(f[0], new CiphertextMessage(
              CiphertextMessage.Type.valueOf(f[1]), HexFormat.of().parseHex(f[2])));
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), () -> read(stderr));
      } finally {
        child.destroyForcibly();
      }
    }
    assertEquals(2 * THREADS * PER_THREAD, sent.size(), "every ciphertext of both processes");

    Map<String, String> keyOwner = new HashMap<>();
    for (Map.Entry<String, CiphertextMessage> e : sent.entrySet()) {
      String previous = keyOwner.put(Peers.messageKeyId(e.getValue()), e.getKey());
      assertEquals(null, previous, "two ciphertexts from one message key");
    }
    List<String> order = new ArrayList<>(sent.keySet());
    Collections.shuffle(order);
    SessionCipher bobCipher = new SessionCipher(bobStore, alice);
    for (String tag : order) {
      CiphertextMessage m = sent.get(tag);
      assertArrayEquals(tag.getBytes(StandardCharsets.UTF_8), bobCipher.decrypt(m.type(), m.serialize()));
      assertThrows(DuplicateMessageException.class, () -> bobCipher.decrypt(m.type(), m.serialize()));
    }
    int switches = interleavings(sent);

    System.out.println("cross-process: " + sent.size() + " messages, " + switches
        + " switches between the processes along the chain");
    assertTrue(switches > 1, "the processes did not overlap, so nothing was raced");
  }

  /** How often consecutive counters came from different processes: proof they overlapped. */
  private static int interleavings(Map<String, CiphertextMessage> sent) throws Exception {
    Map<Integer, String> byCounter = new java.util.TreeMap<>();
    for (Map.Entry<String, CiphertextMessage> e : sent.entrySet()) {
      byCounter.put(Peers.inner(e.getValue()).counter(), e.getKey().substring(0, 5));
    }
    int switches = 0;
    String last = null;
    for (String who : byCounter.values()) {
      switches += last != null && !last.equals(who) ? 1 : 0;
      last = who;
    }
    return switches;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
