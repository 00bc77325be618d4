package io.quintet.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.store.ProtocolStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The part of {@link ProtocolStoreContract} about many threads and long sequences: concurrent
 * read-modify-write transactions lose no update, a rollback never undoes another thread's write,
 * and random sequences of writes, committed and failed transactions match a plain map model.
 * Not meant to be extended directly: extend {@link ProtocolStoreContract}, which opens the store.
 *
 * <pre>{@code
 * class MyStoreContractTest extends ProtocolStoreContract { ... }   // runs these tests too
 * }</pre>
 */
public abstract class ProtocolStoreConcurrencyContract {
  /** The store under test, opened before each test by {@link ProtocolStoreContract}. */
  protected ProtocolStore store;

  ProtocolStoreConcurrencyContract() {}

  private static int readCounter(ProtocolStore store) {
    return store.loadState("counter", "n").map(b -> ByteBuffer.wrap(b).getInt()).orElse(0);
  }

  @Test
  void concurrentTransactionsLoseNoUpdateAndReadsWorkFromEveryThread() throws Exception {
    int threads = 8;
    int increments = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        DeviceAddress own = DeviceAddress.of(AccountId.of("thread"), DeviceId.of(t));
        byte[] mine = {(byte) t};
        done.add(pool.submit(() -> {
          for (int i = 0; i < increments; i++) {
            store.atomically(() -> {
              int n = readCounter(store);
              store.storeState("counter", "n", ByteBuffer.allocate(4).putInt(n + 1).array());
              return null;
            });
            store.storeSession(own, mine); // outside any transaction
            assertArrayEquals(mine, store.loadSession(own).orElseThrow());
            assertTrue(readCounter(store) > 0);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * increments, readCounter(store));
    assertEquals(threads, store.sessionDevices(AccountId.of("thread")).size());
  }

  @Test
  void aRollbackNeverUndoesAnotherThreadsWrite() throws Exception {
    DeviceAddress a = DeviceAddress.of(AccountId.of("a"), DeviceId.of(1));
    DeviceAddress b = DeviceAddress.of(AccountId.of("b"), DeviceId.of(1));
    CountDownLatch inside = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      try {
        inside.await();
      } catch (InterruptedException e) {
        return;
      }
      store.storeSession(b, new byte[] {2}); // may wait for the transaction; must survive it
    });
    writer.start();
    try {
      store.atomically(() -> {
        store.storeSession(a, new byte[] {1});
        inside.countDown();
        Thread.sleep(100);
        throw new IllegalStateException("roll back");
      });
    } catch (IllegalStateException expected) {
      // the point of the test
    }
    writer.join(30_000);
    assertTrue(store.loadSession(a).isEmpty());
    assertArrayEquals(new byte[] {2}, store.loadSession(b).orElseThrow());
  }

  private final AtomicInteger example = new AtomicInteger();

  /**
   * Each int is one step: {@code v % 7} picks the operation (store or delete a session, store or
   * delete a state record, drop the namespace, or run the next three steps in a transaction that
   * fails or commits), the rest picks the device or key and the value.
   */
  @Test
  void randomSequencesMatchAMapModel() {
    qt().withExamples(25)
        .forAll(lists().of(integers().between(0, 1 << 20)).ofSizeBetween(1, 18))
        .checkAssert(steps -> {
          AccountId account = AccountId.of("model-" + example.incrementAndGet());
          String ns = account.value();
          Map<Integer, byte[]> sessions = new TreeMap<>();
          Map<String, byte[]> states = new TreeMap<>();
          for (int i = 0; i < steps.size(); i++) {
            int v = steps.get(i);
            int op = v % 7;
            if (op < 5) {
              apply(op, v / 7, account, ns);
              apply(op, v / 7, sessions, states);
              continue;
            }
            List<Integer> group = steps.subList(i + 1, Math.min(steps.size(), i + 4));
            i += group.size();
            Map<Integer, byte[]> s2 = new TreeMap<>(sessions);
            Map<String, byte[]> st2 = new TreeMap<>(states);
            try {
              store.atomically(() -> {
                for (int w : group) {
                  apply(w % 5, w / 7, account, ns); // nested groups flatten to plain steps
                  apply(w % 5, w / 7, s2, st2);
                }
                if (op == 5) {
                  throw new IllegalStateException("fail the group");
                }
                return null;
              });
              sessions = s2;
              states = st2;
            } catch (IllegalStateException expected) {
              // model unchanged
            }
          }
          List<DeviceId> devices = new ArrayList<>();
          for (Map.Entry<Integer, byte[]> e : sessions.entrySet()) {
            devices.add(DeviceId.of(e.getKey()));
            assertArrayEquals(e.getValue(),
                store.loadSession(DeviceAddress.of(account, DeviceId.of(e.getKey()))).orElseThrow());
          }
          assertEquals(devices, store.sessionDevices(account));
          assertEquals(new ArrayList<>(states.keySet()), store.stateKeys(ns));
          for (Map.Entry<String, byte[]> e : states.entrySet()) {
            assertArrayEquals(e.getValue(), store.loadState(ns, e.getKey()).orElseThrow());
          }
        });
  }

  private void apply(int op, int arg, AccountId account, String ns) {
    DeviceAddress device = DeviceAddress.of(account, DeviceId.of(arg % 4));
    String key = "k" + arg % 4;
    byte[] value = {(byte) (arg / 4)};
    switch (op) {
      case 0 -> store.storeSession(device, value);
      case 1 -> store.deleteSession(device);
      case 2 -> store.storeState(ns, key, value);
      case 3 -> store.deleteState(ns, key);
      default -> store.deleteStateNamespace(ns);
    }
  }

  private static void apply(int op, int arg, Map<Integer, byte[]> sessions, Map<String, byte[]> states) {
    byte[] value = {(byte) (arg / 4)};
    switch (op) {
      case 0 -> sessions.put(arg % 4, value);
      case 1 -> sessions.remove(arg % 4);
      case 2 -> states.put("k" + arg % 4, value);
      case 3 -> states.remove("k" + arg % 4);
      default -> states.clear();
    }
  }
}
