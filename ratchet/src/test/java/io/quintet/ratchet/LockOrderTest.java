package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.keys.KemType;
import io.quintet.core.wire.SenderKeyMessage;
import io.quintet.ratchet.concurrency.Watchdog;
import io.quintet.ratchet.group.GroupCipher;
import io.quintet.ratchet.group.GroupSessionBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * No deadlock when one device's store is used by everything at once: pairwise sends to
 * several peers in different orders (each thread its own order), group sends, and the app's
 * own short transactions on the same store. The library takes a session or sender-key lock,
 * then the store's transaction, never the other way round, and refuses to run inside the app's
 * transaction; the watchdog dumps every thread if this ever hangs. The results are checked
 * too: every pairwise message decrypts at its peer and the group iterations are gap-free.
 */
class LockOrderTest {
  private static final int THREADS = 4;
  private static final int ROUNDS = 6;

  @Test
  void pairwiseGroupAndAppTransactionsOnOneStoreAllFinish() {
    Watchdog.within(() -> {
      TestDevices hub = new TestDevices("hub", 1);
      List<TestDevices> peers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        TestDevices p = new TestDevices("peer" + i, 1);
        hub.startSessionWith(p, KemType.ML_KEM_1024);
        CiphertextMessage first = hub.cipherTo(p).encrypt(new byte[] {0});
        p.cipherTo(hub).decrypt(first.type(), first.serialize());
        CiphertextMessage answer = p.cipherTo(hub).encrypt(new byte[] {0});
        hub.cipherTo(p).decrypt(answer.type(), answer.serialize());
        peers.add(p);
      }
      UUID group = UUID.randomUUID();
      new GroupSessionBuilder(hub.store).create(hub.address, group);

      List<Callable<List<Object[]>>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(0x10c4_0000L + t);
        int thread = t;
        workers.add(() -> {
          List<Object[]> sent = new ArrayList<>(); // {peer index or -1, plaintext, wire}
          GroupCipher groupCipher = new GroupCipher(hub.store, hub.address);
          for (int r = 0; r < ROUNDS; r++) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
            Collections.shuffle(order, random);
            for (int p : order) {
              byte[] plain = ByteBuffer.allocate(8).putInt(thread).putInt(r * 10 + p).array();
              sent.add(new Object[] {p, plain, hub.cipherTo(peers.get(p)).encrypt(plain)});
            }
            byte[] plain = ByteBuffer.allocate(8).putInt(thread).putInt(r).array();
            sent.add(new Object[] {-1, plain, groupCipher.encrypt(group, plain)});
            // The app's own transaction on the same store, between library calls.
            TestDevices someone = peers.get(r % 3);
            hub.store.atomically(() -> hub.store.loadSession(someone.address));
            // ...inside which the library refuses to run (it would invert the lock order).
            assertThrows(IllegalStateException.class, () -> hub.store.atomically(
                () -> hub.cipherTo(peers.get(0)).encrypt(new byte[] {1})));
          }
          return sent;
        });
      }
      TreeSet<Integer> iterations = new TreeSet<>();
      int pairwise = 0;
      for (List<Object[]> sent : Watchdog.runTogether(workers)) {
        for (Object[] s : sent) {
          int p = (Integer) s[0];
          if (p < 0) {
            iterations.add(SenderKeyMessage.parse((byte[]) s[2]).iteration());
            continue;
          }
          CiphertextMessage m = (CiphertextMessage) s[2];
          byte[] got = peers.get(p).cipherTo(hub).decrypt(m.type(), m.serialize());
          assertArrayEquals((byte[]) s[1], got);
          pairwise++;
        }
      }
      assertEquals(THREADS * ROUNDS * 3, pairwise);
      assertEquals(THREADS * ROUNDS, iterations.size(), "no group iteration used twice");
      assertEquals(THREADS * ROUNDS - 1, iterations.last(), "gap-free");
      return null;
    });
  }
}
