package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.core.wire.SenderKeyMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operations on one sender key are serialized (no message key is ever used twice), and
 * operations on different keys do not wait for each other. Timeouts below only guard against
 * a hang; no assertion depends on timing.
 */
class GroupConcurrencyTest {
  private static final int THREADS = 8;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final GroupPeer alice = new GroupPeer("alice", 1);
  private final GroupPeer bob = new GroupPeer("bob", 1);
  private final UUID group = UUID.randomUUID();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void concurrentEncryptionsOnOneKeyNeverShareAnIteration() throws Exception {
    bob.builder.process(alice.address, alice.builder.create(alice.address, group));
    int perThread = 15;
    List<Future<List<byte[]>>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      GroupCipher own = new GroupCipher(alice.store, alice.address); // separate instances
      futures.add(pool.submit(() -> {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          out.add(own.encrypt(group, new byte[] {(byte) i}));
        }
        return out;
      }));
    }
    Set<Integer> iterations = ConcurrentHashMap.newKeySet();
    for (Future<List<byte[]>> f : futures) {
      for (byte[] m : f.get(5, TimeUnit.MINUTES)) {
        assertTrue(iterations.add(SenderKeyMessage.parse(m).iteration()), "iteration reused");
        bob.cipher.decrypt(alice.address, m);
      }
    }
    assertEquals(THREADS * perThread, iterations.size());
  }

  @Test
  void concurrentDecryptionsDeliverEachMessageExactlyOnce() throws Exception {
    bob.builder.process(alice.address, alice.builder.create(alice.address, group));
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      messages.add(alice.cipher.encrypt(group, new byte[] {(byte) i}));
    }
    AtomicInteger[] delivered = new AtomicInteger[messages.size()];
    for (int i = 0; i < delivered.length; i++) {
      delivered[i] = new AtomicInteger();
    }
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int start = t;
      futures.add(pool.submit(() -> {
        for (int k = 0; k < messages.size(); k++) {
          int i = (start * 7 + k) % messages.size(); // each thread its own order
          try {
            bob.cipher.decrypt(alice.address, messages.get(i));
            delivered[i].incrementAndGet();
          } catch (DuplicateMessageException expected) {
            // another thread was first
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(5, TimeUnit.MINUTES);
    }
    for (AtomicInteger d : delivered) {
      assertEquals(1, d.get());
    }
  }

  @Test
  void anOperationOnOneKeyDoesNotWaitForAnotherKey() throws Exception {
    UUID other = UUID.randomUUID();
    while (SenderKeyLocks.stripe(alice.address, other) == SenderKeyLocks.stripe(alice.address, group)) {
      other = UUID.randomUUID();
    }
    assertNotEquals(
        SenderKeyLocks.stripe(alice.address, other), SenderKeyLocks.stripe(alice.address, group));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ProtocolStore blocking = blockingOn(alice.store, alice.address, group, inside, release);
    GroupSessionBuilder builder = new GroupSessionBuilder(blocking);
    // Holds the lock of (alice, group) until released.
    Future<SenderKeyDistributionMessage> held = pool.submit(() -> builder.create(alice.address, group));
    assertTrue(inside.await(5, TimeUnit.MINUTES));
    UUID second = other;
    // Would deadlock if (alice, other) shared the held lock.
    Future<SenderKeyDistributionMessage> free = pool.submit(() -> builder.create(alice.address, second));
    assertEquals(second, free.get(5, TimeUnit.MINUTES).distributionId().orElseThrow());
    assertFalse(held.isDone()); // still waiting inside its own lock
    release.countDown();
    assertEquals(group, held.get(5, TimeUnit.MINUTES).distributionId().orElseThrow());
  }

  /** A store whose loadSenderKey for one key signals {@code inside}, then waits for release. */
  private static ProtocolStore blockingOn(
      ProtocolStore delegate, DeviceAddress sender, UUID id, CountDownLatch inside,
      CountDownLatch release) {
    return (ProtocolStore) Proxy.newProxyInstance(
        ProtocolStore.class.getClassLoader(),
        new Class<?>[] {ProtocolStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("loadSenderKey") && args[0].equals(sender) && args[1].equals(id)) {
            inside.countDown();
            release.await();
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
