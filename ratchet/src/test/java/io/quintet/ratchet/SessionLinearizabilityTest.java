package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.wire.SignalMessage;
import io.quintet.ratchet.PairwiseScenario.Device;
import io.quintet.ratchet.PairwiseScenario.Kind;
import io.quintet.ratchet.PairwiseScenario.Op;
import io.quintet.ratchet.concurrency.Watchdog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * Linearizability of one pairwise session under concurrent use, against a sequential model:
 * the concurrent history must be exactly what running the committed operations one at a time,
 * in the store's commit order, produces — the same ciphertext bytes for every encrypt, the
 * same plaintext for every decrypt, the same final session record — and nothing else may have
 * committed. Also, per history: every sent message decrypts exactly once (its racing copy is a
 * {@link DuplicateMessageException}), forged copies and garbage fail with typed exceptions and
 * commit nothing, and the counters of every sending chain are unique and gap-free.
 *
 * <p>"Two facades" runs each device's threads over two store objects sharing one database:
 * the library's per-session lock is per store object, so there only the store's
 * compare-and-commit stands between two writers (conflicting attempts are retried, and the
 * derived ratchet keys make a retried attempt reproducible). No assertion depends on timing.
 */
class SessionLinearizabilityTest {

  @Test
  void oneStoreObjectPerDevice() {
    Watchdog.within(() -> checkedHistory(1, 3, 12, 3, 0x5e55_0001L));
  }

  @Test
  void twoStoreObjectsSharingOneDatabase() {
    Watchdog.within(() -> checkedHistory(2, 3, 12, 4, 0x5e55_0002L));
  }

  /** Random shapes of history: rounds, load, threads, one or two facades (QuickTheories). */
  @Test
  void randomHistoriesAreLinearizable() {
    Watchdog.within(() -> {
      qt().withExamples(6).withShrinkCycles(0)
          .forAll(SourceDSL.integers().between(1, 3), SourceDSL.integers().between(0, 10),
              SourceDSL.integers().between(1, 4), SourceDSL.longs().all())
          .checkAssert((rounds, encrypts, threads, seed) -> {
            try {
              checkedHistory(1 + (int) (seed & 1), rounds, encrypts, threads, seed);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
      return null;
    });
  }

  /**
   * No lost update: N encrypts of one plaintext by T threads give N different ciphertexts
   * (AES-CBC under the same key and IV would repeat itself), on counters 1..N of one chain.
   */
  @Test
  void concurrentEncryptsOfOnePlaintextUseNDistinctMessageKeys() {
    Watchdog.within(() -> {
      PairwiseScenario s = new PairwiseScenario(2);
      int threads = 4;
      int perThread = 25;
      List<Callable<List<byte[]>>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        SessionCipher cipher = s.bob.cipher(t);
        workers.add(() -> {
          List<byte[]> out = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            out.add(cipher.encrypt(new byte[] {42}).serialize());
          }
          return out;
        });
      }
      Set<String> bodies = new HashSet<>();
      Set<Integer> counters = new TreeSet<>();
      for (List<byte[]> sent : Watchdog.runTogether(workers)) {
        for (byte[] wire : sent) {
          SignalMessage m = SignalMessage.parse(wire);
          assertTrue(bodies.add(java.util.HexFormat.of().formatHex(m.ciphertext())),
              "a ciphertext repeated: a message key was used twice");
          assertTrue(counters.add(m.counter()), "counter used twice: " + m.counter());
        }
      }
      int n = threads * perThread;
      assertEquals(n, bodies.size());
      // Bob's chain sent the warm-up answer as counter 0.
      assertEquals(1, ((TreeSet<Integer>) counters).first());
      assertEquals(n, ((TreeSet<Integer>) counters).last(), "gap-free");
      return null;
    });
  }

  private static Void checkedHistory(int facades, int rounds, int encrypts, int threads,
      long seed) throws Exception {
    PairwiseScenario s = new PairwiseScenario(facades);
    s.run(rounds, encrypts, threads, seed);
    String shape = "facades " + facades + ", rounds " + rounds + ", encrypts " + encrypts
        + ", threads " + threads + ", seed " + seed;
    checkOutcomes(s, shape);
    checkChains(s, shape);
    for (Device d : List.of(s.alice, s.bob)) {
      checkAgainstSequentialReplay(s, d, shape);
    }
    return null;
  }

  /** Exactly-once delivery; rejections typed; what committed is exactly what succeeded. */
  private static void checkOutcomes(PairwiseScenario s, String shape) {
    Map<Integer, Integer> deliveries = new HashMap<>();
    for (Op op : s.ops.values()) {
      String what = op + " (" + shape + ")";
      switch (op.kind) {
        case ENCRYPT:
          assertNull(op.failure, what);
          break;
        case DECRYPT:
          if (op.result != null) {
            assertArrayEquals(op.source.input, op.result, what + ": wrong plaintext");
            deliveries.merge(op.source.id, 1, Integer::sum);
          } else {
            assertInstanceOf(DuplicateMessageException.class, op.failure, what);
          }
          break;
        case FORGED:
        case GARBAGE:
          assertNull(op.result, what + ": a forgery decrypted");
          assertTrue(PairwiseScenario.isTypedRejection(op.failure), what + ": " + op.failure);
          break;
        default:
          throw new AssertionError(op.kind);
      }
    }
    for (Op op : s.ops.values()) {
      if (op.kind == Kind.ENCRYPT) {
        assertEquals(1, deliveries.getOrDefault(op.id, 0), op + " delivered once (" + shape + ")");
      }
    }
    for (Device d : List.of(s.alice, s.bob)) {
      List<Integer> committed = List.copyOf(d.commits);
      assertEquals(committed.size(), new HashSet<>(committed).size(), "an operation committed twice");
      Set<Integer> succeeded = new HashSet<>();
      for (Op op : s.ops.values()) {
        if (op.device == d && op.result != null) {
          succeeded.add(op.id);
        }
      }
      assertEquals(succeeded, new HashSet<>(committed), d.name + ": commits = successes");
    }
  }

  /** Per sending chain (ratchet key), counters 0..n-1, each once. */
  private static void checkChains(PairwiseScenario s, String shape) throws Exception {
    for (Device d : List.of(s.alice, s.bob)) {
      Map<String, List<Integer>> chains = new HashMap<>();
      List<byte[]> wires = new ArrayList<>(d == s.alice ? s.warmUpFromAlice : s.warmUpFromBob);
      for (Op op : s.ops.values()) {
        if (op.device == d && op.kind == Kind.ENCRYPT) {
          wires.add(op.result);
        }
      }
      for (byte[] wire : wires) {
        SignalMessage m = SignalMessage.parse(wire);
        chains.computeIfAbsent(java.util.HexFormat.of().formatHex(m.ratchetKey().serialize()),
            k -> new ArrayList<>()).add(m.counter());
      }
      for (List<Integer> counters : chains.values()) {
        TreeSet<Integer> sorted = new TreeSet<>(counters);
        assertEquals(counters.size(), sorted.size(), d.name + ": a counter repeated (" + shape + ")");
        assertEquals(0, sorted.first(), d.name + ": chain starts at 0");
        assertEquals(counters.size() - 1, sorted.last(), d.name + ": a counter is missing");
      }
      assertTrue(chains.size() <= 5, d.name + " opened " + chains.size() + " chains");
    }
  }

  private static void checkAgainstSequentialReplay(PairwiseScenario s, Device d, String shape)
      throws Exception {
    PairwiseScenario.Replay replay = s.replay(d);
    assertEquals(d.commits, replay.commits(), d.name + ": the replay commits every step once");
    for (Map.Entry<Integer, Object> e : replay.outcomes().entrySet()) {
      Op op = s.ops.get(e.getKey());
      assertNotNull(op.result);
      Object again = e.getValue();
      assertInstanceOf(byte[].class, again, op + " failed in the replay: " + again);
      assertArrayEquals(op.result, (byte[]) again, op + ": replay gives other bytes (" + shape + ")");
    }
    assertArrayEquals(replay.finalRecord(), d.record(),
        d.name + ": final record differs from the sequential replay (" + shape + ")");
    assertEquals(d.commits.size(), replay.outcomes().size());
  }
}
