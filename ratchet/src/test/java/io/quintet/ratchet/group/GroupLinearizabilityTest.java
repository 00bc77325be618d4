package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.QuintetException;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.core.wire.SenderKeyMessage;
import io.quintet.ratchet.concurrency.Watchdog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * Linearizability of one sender key under concurrent use, against a sequential model. Alice's
 * threads encrypt while Bob's threads decrypt what she has sent so far, every message twice
 * (the copies race) and some forged; with {@code twoProcesses} half of each side's threads run
 * in a {@link SecondProcess} with its own lock tables over the same store, so only the
 * store's compare-and-commit separates them. Checked: iterations unique and gap-free, no
 * message key used twice (equal first plaintext blocks never give equal ciphertext blocks),
 * every message delivered exactly once, forgeries rejected with a typed exception and never
 * committed, each side's commits exactly its successes, and each side's final record and every
 * result equal to a one-at-a-time replay of its commits in commit order. Signatures are
 * randomized, so encrypts are compared on iteration and ciphertext, not signature.
 */
class GroupLinearizabilityTest {
  private static final ThreadLocal<Integer> CURRENT_OP = new ThreadLocal<>();
  /** The first AES block of every plaintext: under a reused key and IV it would repeat. */
  private static final byte[] SAME_BLOCK = "sixteen bytes!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Test
  void oneProcess() {
    Watchdog.within(() -> checked(false, 3, 15, 0x6e0_0001L));
  }

  @Test
  void twoProcessesSharingOneDatabase() {
    Watchdog.within(() -> checked(true, 4, 10, 0x6e0_0002L));
  }

  @Test
  void randomShapes() {
    Watchdog.within(() -> {
      qt().withExamples(5).withShrinkCycles(0)
          .forAll(SourceDSL.integers().between(1, 4), SourceDSL.integers().between(1, 15),
              SourceDSL.longs().all())
          .checkAssert((threads, perThread, seed) -> {
            try {
              checked((seed & 1) == 1, threads, perThread, seed);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
      return null;
    });
  }

  /** One operation and its outcome. */
  private static final class Op {
    final int id;
    final byte[] input; // plaintext to encrypt, or the wire message to decrypt
    final int sentBy; // for a decrypt: the encrypt it delivers; -1 otherwise
    final boolean forged;
    volatile byte[] result;
    volatile Exception failure;

    Op(int id, byte[] input, int sentBy, boolean forged) {
      this.id = id;
      this.input = input;
      this.sentBy = sentBy;
      this.forged = forged;
    }
  }

  private static Void checked(boolean twoProcesses, int threads, int perThread, long seed)
      throws Exception {
    String shape = "two processes " + twoProcesses + ", threads " + threads + ", per thread "
        + perThread + ", seed " + seed;
    GroupPeer alice = new GroupPeer("alice", 1);
    GroupPeer bob = new GroupPeer("bob", 1);
    UUID group = new UUID(seed, 7);
    bob.builder.process(alice.address, alice.builder.create(alice.address, group));
    byte[] aliceStart = alice.record(alice.address, group);
    byte[] bobStart = bob.record(alice.address, group);

    List<Integer> aliceCommits = Collections.synchronizedList(new ArrayList<>());
    List<Integer> bobCommits = Collections.synchronizedList(new ArrayList<>());
    ProtocolStore aliceStore = recording(alice.store, aliceCommits);
    ProtocolStore bobStore = recording(bob.store, bobCommits);
    SecondProcess other = new SecondProcess();

    Map<Integer, Op> ops = new ConcurrentHashMap<>();
    AtomicInteger ids = new AtomicInteger();
    java.util.concurrent.LinkedBlockingQueue<Op> inFlight = new java.util.concurrent.LinkedBlockingQueue<>();
    AtomicInteger sendersLeft = new AtomicInteger(threads);
    List<Callable<Void>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean remote = twoProcesses && t % 2 == 1;
      SecondProcess.Cipher sender = remote ? other.remote(aliceStore, alice.address)
          : SecondProcess.local(aliceStore, alice.address);
      Random random = new Random(seed + t);
      workers.add(() -> {
        for (int i = 0; i < perThread; i++) {
          int id = ids.getAndIncrement();
          Op op = new Op(id, plaintext(id), -1, false);
          ops.put(op.id, op);
          run(op, () -> sender.encrypt(group, op.input));
          if (op.result == null) {
            continue; // an encrypt failure: the checks below report it
          }
          for (int copy = 0; copy < 2; copy++) {
            Op delivery = new Op(ids.getAndIncrement(), op.result, op.id, false);
            ops.put(delivery.id, delivery);
            inFlight.add(delivery);
          }
          if (random.nextInt(4) == 0) {
            byte[] forged = op.result.clone();
            forged[forged.length - 1 - random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            Op f = new Op(ids.getAndIncrement(), forged, op.id, true);
            ops.put(f.id, f);
            inFlight.add(f);
          }
        }
        sendersLeft.decrementAndGet();
        return null;
      });
      SecondProcess.Cipher receiver = remote ? other.remote(bobStore, bob.address)
          : SecondProcess.local(bobStore, bob.address);
      workers.add(() -> {
        while (true) {
          Op op = inFlight.poll(5, java.util.concurrent.TimeUnit.MILLISECONDS);
          if (op == null) {
            if (sendersLeft.get() == 0 && inFlight.isEmpty()) {
              return null;
            }
            continue;
          }
          run(op, () -> receiver.decrypt(alice.address, op.input));
        }
      });
    }
    Watchdog.runTogether(workers);

    // Alice: iterations unique and gap-free, no (key, IV) twice, commits = successes.
    TreeSet<Integer> iterations = new TreeSet<>();
    Set<String> firstBlocks = new HashSet<>();
    int sent = 0;
    for (Op op : ops.values()) {
      if (op.sentBy < 0) {
        assertNull(op.failure, shape);
        SenderKeyMessage m = SenderKeyMessage.parse(op.result);
        assertTrue(iterations.add(m.iteration()), "iteration used twice (" + shape + ")");
        assertTrue(firstBlocks.add(Arrays.toString(Arrays.copyOf(m.ciphertext(), 16))),
            "a message key was used twice (" + shape + ")");
        sent++;
      }
    }
    assertEquals(threads * perThread, sent);
    assertEquals(0, iterations.first());
    assertEquals(sent - 1, iterations.last(), "gap-free (" + shape + ")");

    // Bob: each message exactly once, racing copies are duplicates, forgeries typed failures.
    Map<Integer, Integer> delivered = new ConcurrentHashMap<>();
    for (Op op : ops.values()) {
      if (op.sentBy < 0) {
        continue;
      }
      if (op.forged) {
        assertNull(op.result, "a forgery decrypted (" + shape + ")");
        assertInstanceOf(InvalidMessageException.class, op.failure, shape);
      } else if (op.result != null) {
        assertArrayEquals(ops.get(op.sentBy).input, op.result, shape);
        delivered.merge(op.sentBy, 1, Integer::sum);
      } else {
        assertInstanceOf(DuplicateMessageException.class, op.failure, shape);
      }
    }
    assertEquals(sent, delivered.size(), "every message delivered (" + shape + ")");
    assertTrue(delivered.values().stream().allMatch(n -> n == 1), "exactly once (" + shape + ")");

    replayAndCompare(alice, aliceStart, alice.address, group, aliceCommits, ops, shape);
    replayAndCompare(bob, bobStart, alice.address, group, bobCommits, ops, shape);
    return null;
  }

  /** Replays {@code peer}'s commits one by one on a fresh store and compares everything. */
  private static void replayAndCompare(GroupPeer peer, byte[] start, DeviceAddress sender,
      UUID group, List<Integer> commits, Map<Integer, Op> ops, String shape) throws Exception {
    List<Integer> order = List.copyOf(commits);
    assertEquals(order.size(), new HashSet<>(order).size(), "committed twice (" + shape + ")");
    Set<Integer> succeeded = new HashSet<>();
    for (Op op : ops.values()) {
      boolean mine = (op.sentBy < 0) == (peer.address.equals(sender));
      if (mine && op.result != null) {
        succeeded.add(op.id);
      }
    }
    assertEquals(succeeded, new HashSet<>(order), "commits are exactly the successes (" + shape + ")");

    InMemoryProtocolStore fresh =
        InMemoryProtocolStore.create(peer.store.identityKeyPair(), peer.store.localRegistrationId());
    fresh.storeSenderKey(sender, group, start);
    GroupCipher cipher = new GroupCipher(fresh, peer.address);
    for (int id : order) {
      Op op = ops.get(id);
      if (op.sentBy < 0) {
        SenderKeyMessage now = SenderKeyMessage.parse(cipher.encrypt(group, op.input));
        SenderKeyMessage then = SenderKeyMessage.parse(op.result);
        assertEquals(then.iteration(), now.iteration(), "replayed iteration (" + shape + ")");
        assertArrayEquals(then.ciphertext(), now.ciphertext(), "replayed ciphertext (" + shape + ")");
      } else {
        assertArrayEquals(op.result, cipher.decrypt(sender, op.input), "replayed decrypt");
      }
    }
    assertArrayEquals(fresh.loadSenderKey(sender, group).orElseThrow(), peer.record(sender, group),
        peer.address + ": final record differs from the sequential replay (" + shape + ")");
  }

  private static byte[] plaintext(int id) {
    return ByteBuffer.allocate(20).put(SAME_BLOCK).putInt(id).array();
  }

  @FunctionalInterface
  private interface Call {
    byte[] run() throws Exception;
  }

  private static void run(Op op, Call call) throws Exception {
    CURRENT_OP.set(op.id);
    try {
      op.result = call.run();
    } catch (QuintetException e) {
      op.failure = e;
    } finally {
      CURRENT_OP.remove();
    }
  }

  /** A store that logs, inside each committing transaction, the operation that commits. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ProtocolStore recording(ProtocolStore delegate, List<Integer> commits) {
    return (ProtocolStore) Proxy.newProxyInstance(
        ProtocolStore.class.getClassLoader(), new Class<?>[] {ProtocolStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("atomically")) {
            ProtocolStore.Work work = (ProtocolStore.Work) args[0];
            return delegate.atomically(() -> {
              Object result = work.run();
              Integer op = CURRENT_OP.get();
              if (op != null) {
                commits.add(op);
              }
              return result;
            });
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
