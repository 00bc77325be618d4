package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.keys.KemType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library serializes operations on one session by itself: many threads encrypting and
 * decrypting on the same session lose no update and reuse no message key.
 */
class SessionConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 50;

  @Test
  void concurrentEncryptsOnOneSessionUseDistinctKeysAndAllDecrypt() throws Exception {
    TestDevices alice = new TestDevices("alice", 1);
    TestDevices bob = new TestDevices("bob", 1);
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    SessionCipher toBob = alice.cipherTo(bob);
    CiphertextMessage hello = toBob.encrypt(new byte[] {0});
    bob.cipherTo(alice).decrypt(hello.type(), hello.serialize());
    CiphertextMessage reply = bob.cipherTo(alice).encrypt(new byte[] {0});
    toBob.decrypt(reply.type(), reply.serialize());

    ConcurrentLinkedQueue<CiphertextMessage> sent = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> jobs = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      jobs.add(pool.submit(() -> {
        for (int i = 0; i < PER_THREAD; i++) {
          sent.add(toBob.encrypt(ByteBuffer.allocate(8).putInt(thread).putInt(i).array()));
        }
        return null;
      }));
    }
    for (Future<?> f : jobs) {
      f.get(60, TimeUnit.SECONDS);
    }

    // Decrypt them all, shuffled, also from many threads at once.
    List<CiphertextMessage> shuffled = new ArrayList<>(sent);
    Collections.shuffle(shuffled);
    SessionCipher fromAlice = bob.cipherTo(alice);
    Set<String> received = Collections.synchronizedSet(new HashSet<>());
    ConcurrentLinkedQueue<CiphertextMessage> queue = new ConcurrentLinkedQueue<>(shuffled);
    jobs.clear();
    for (int t = 0; t < THREADS; t++) {
      jobs.add(pool.submit(() -> {
        CiphertextMessage m;
        while ((m = queue.poll()) != null) {
          ByteBuffer b = ByteBuffer.wrap(fromAlice.decrypt(m.type(), m.serialize()));
          assertTrue(received.add(b.getInt() + "/" + b.getInt()), "a plaintext arrived twice");
        }
        return null;
      }));
    }
    for (Future<?> f : jobs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(THREADS * PER_THREAD, received.size());
  }

  @Test
  void differentSessionsProceedIndependentlyInParallel() throws Exception {
    TestDevices hub = new TestDevices("hub", 1);
    List<TestDevices> peers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      TestDevices p = new TestDevices("peer" + i, 1);
      hub.startSessionWith(p, KemType.ML_KEM_1024);
      peers.add(p);
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> jobs = new ArrayList<>();
    for (TestDevices p : peers) {
      jobs.add(pool.submit(() -> {
        SessionCipher out = hub.cipherTo(p);
        SessionCipher in = p.cipherTo(hub);
        int ok = 0;
        for (int i = 0; i < PER_THREAD; i++) {
          CiphertextMessage m = out.encrypt(new byte[] {(byte) i});
          ok += in.decrypt(m.type(), m.serialize())[0] == (byte) i ? 1 : 0;
          CiphertextMessage r = in.encrypt(new byte[] {(byte) -i});
          ok += out.decrypt(r.type(), r.serialize())[0] == (byte) -i ? 1 : 0;
        }
        return ok;
      }));
    }
    int total = 0;
    for (Future<Integer> f : jobs) {
      total += f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(THREADS * PER_THREAD * 2, total);
  }
}
