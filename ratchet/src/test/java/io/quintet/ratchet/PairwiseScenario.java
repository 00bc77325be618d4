package io.quintet.ratchet;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.QuintetException;
import io.quintet.core.keys.KemType;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.ratchet.concurrency.Watchdog;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A concurrent history of one pairwise session, and what a sequential model says of it.
 * Alice and Bob each run {@code threads} threads per round on their side of one session:
 * encrypting new messages, decrypting the peer's messages of the previous round (each
 * delivered twice, by different threads, so the copies race), forged copies and garbage. The
 * history records every operation's input and outcome and, per device, the order in which the
 * store committed them ({@link RecordingStore}). Rounds bound how many chains a device opens
 * (at most one per round), so no genuine message ever falls out of the five kept receiving
 * chains: a message that does not decrypt exactly once is a bug, not an eviction.
 */
final class PairwiseScenario {
  enum Kind { ENCRYPT, DECRYPT, FORGED, GARBAGE }

  /** One operation: its input, then its outcome (one of result / failure). */
  static final class Op {
    final int id;
    final Device device;
    final Kind kind;
    final byte[] input;
    final Op source; // for DECRYPT and FORGED: the ENCRYPT whose output this is
    volatile byte[] result;
    volatile Exception failure;

    Op(int id, Device device, Kind kind, byte[] input, Op source) {
      this.id = id;
      this.device = device;
      this.kind = kind;
      this.input = input;
      this.source = source;
    }

    @Override
    public String toString() {
      return device.name + "#" + id + " " + kind;
    }
  }

  /** One side of the session and the facades its threads use. */
  static final class Device {
    final String name;
    final TestDevices me;
    final TestDevices peer;
    final List<Integer> commits = Collections.synchronizedList(new ArrayList<>());
    final List<RecordingStore> facades = new ArrayList<>();
    final RecordingStore.DerivedKeys keys;
    byte[] initialRecord;

    Device(String name, TestDevices me, TestDevices peer, int facadeCount) {
      this.name = name;
      this.me = me;
      this.peer = peer;
      this.keys = new RecordingStore.DerivedKeys(name);
      for (int i = 0; i < facadeCount; i++) {
        facades.add(new RecordingStore(me.store, commits));
      }
    }

    SessionCipher cipher(int thread) {
      return cipherOver(facades.get(thread % facades.size()));
    }

    SessionCipher cipherOver(RecordingStore store) {
      return new SessionCipher(store, peer.address, SessionPolicy.builder().allowX3dh(true).build(),
          keys);
    }

    byte[] record() {
      return me.sessionWith(peer);
    }
  }

  final Device alice;
  final Device bob;
  /** Every operation by id (ids are global, so one id names one operation everywhere). */
  final Map<Integer, Op> ops = new ConcurrentHashMap<>();
  /** Messages sent before the concurrent rounds, per sender: they count in the chains too. */
  final List<byte[]> warmUpFromAlice = new ArrayList<>();
  final List<byte[]> warmUpFromBob = new ArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger();

  /** An answered session between fresh devices, each with {@code facades} store objects. */
  PairwiseScenario(int facades) throws Exception {
    TestDevices a = new TestDevices("alice", 1);
    TestDevices b = new TestDevices("bob", 1);
    a.startSessionWith(b, KemType.ML_KEM_1024);
    CiphertextMessage first = a.cipherTo(b).encrypt(new byte[] {1});
    b.cipherTo(a).decrypt(first.type(), first.serialize());
    CiphertextMessage answer = b.cipherTo(a).encrypt(new byte[] {2});
    a.cipherTo(b).decrypt(answer.type(), answer.serialize());
    warmUpFromBob.add(answer.serialize());
    // first was a PREKEY message; its inner SignalMessage opened Alice's first chain.
    warmUpFromAlice.add(io.quintet.core.wire.PreKeySignalMessage.parse(first.serialize())
        .message().serialize());
    alice = new Device("alice", a, b, facades);
    bob = new Device("bob", b, a, facades);
    alice.initialRecord = alice.record();
    bob.initialRecord = bob.record();
  }

  /**
   * Runs {@code rounds} rounds of concurrent work, then a last round that only delivers
   * what is still in flight. {@code encrypts} new messages per device per round.
   */
  void run(int rounds, int encrypts, int threads, long seed) throws Exception {
    Random random = new Random(seed);
    List<Op> toAlice = new ArrayList<>();
    List<Op> toBob = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      int n = round < rounds ? encrypts : 0;
      List<Op> forAlice = plan(alice, n, toAlice, random);
      List<Op> forBob = plan(bob, n, toBob, random);
      List<Callable<Void>> workers = new ArrayList<>();
      workers.addAll(workers(alice, forAlice, threads));
      workers.addAll(workers(bob, forBob, threads));
      Watchdog.runTogether(workers);
      toBob = sent(forAlice);
      toAlice = sent(forBob);
    }
  }

  private List<Op> plan(Device d, int encrypts, List<Op> inbox, Random random) {
    List<Op> plan = new ArrayList<>();
    for (int i = 0; i < encrypts; i++) {
      int id = nextId.getAndIncrement();
      plan.add(op(id, d, Kind.ENCRYPT, ByteBuffer.allocate(8).putInt(d.name.hashCode()).putInt(id)
          .array(), null));
    }
    for (Op sent : inbox) {
      byte[] wire = sent.result;
      plan.add(op(nextId.getAndIncrement(), d, Kind.DECRYPT, wire, sent));
      plan.add(op(nextId.getAndIncrement(), d, Kind.DECRYPT, wire, sent)); // the racing copy
      if (random.nextInt(3) == 0) {
        byte[] forged = wire.clone();
        forged[forged.length - 1 - random.nextInt(8)] ^= (byte) (1 << random.nextInt(8));
        plan.add(op(nextId.getAndIncrement(), d, Kind.FORGED, forged, sent));
      }
    }
    byte[] garbage = new byte[1 + random.nextInt(80)];
    random.nextBytes(garbage);
    plan.add(op(nextId.getAndIncrement(), d, Kind.GARBAGE, garbage, null));
    Collections.shuffle(plan, random);
    return plan;
  }

  private Op op(int id, Device d, Kind kind, byte[] input, Op source) {
    Op op = new Op(id, d, kind, input, source);
    ops.put(id, op);
    return op;
  }

  private static List<Callable<Void>> workers(Device d, List<Op> plan, int threads) {
    List<Callable<Void>> out = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      SessionCipher cipher = d.cipher(t);
      List<Op> mine = new ArrayList<>();
      for (int i = t; i < plan.size(); i += threads) {
        mine.add(plan.get(i));
      }
      out.add(() -> {
        for (Op op : mine) {
          execute(cipher, op);
        }
        return null;
      });
    }
    return out;
  }

  /** Runs one operation with its id on this thread; typed failures are outcomes. */
  static void execute(SessionCipher cipher, Op op) {
    RecordingStore.CURRENT_OP.set(op.id);
    try {
      op.result = op.kind == Kind.ENCRYPT
          ? cipher.encrypt(op.input).serialize()
          : cipher.decrypt(CiphertextMessage.Type.WHISPER, op.input);
    } catch (QuintetException e) {
      op.failure = e;
    } finally {
      RecordingStore.CURRENT_OP.remove();
    }
  }

  private static List<Op> sent(List<Op> plan) {
    List<Op> out = new ArrayList<>();
    for (Op op : plan) {
      if (op.kind == Kind.ENCRYPT && op.result != null) {
        out.add(op);
      }
    }
    return out;
  }

  /**
   * Replays {@code d}'s committed operations one at a time, in commit order, on a fresh store
   * that starts from the same record; returns the replayed operations' outcomes by id and
   * the final record.
   */
  Replay replay(Device d) throws Exception {
    InMemoryProtocolStore fresh = InMemoryProtocolStore.create(
        d.me.store.identityKeyPair(), d.me.store.localRegistrationId());
    fresh.saveIdentity(d.peer.address, d.peer.store.identityKeyPair().identityKey());
    fresh.storeSession(d.peer.address, d.initialRecord);
    List<Integer> order = new ArrayList<>();
    RecordingStore store = new RecordingStore(fresh, order);
    SessionCipher cipher = d.cipherOver(store);
    Map<Integer, Object> outcomes = new java.util.HashMap<>();
    for (int id : List.copyOf(d.commits)) {
      Op original = ops.get(id);
      Op again = new Op(id, d, original.kind, original.input, original.source);
      execute(cipher, again);
      outcomes.put(id, again.result != null ? again.result : again.failure);
    }
    return new Replay(outcomes, order, fresh.loadSession(d.peer.address).orElseThrow());
  }

  record Replay(Map<Integer, Object> outcomes, List<Integer> commits, byte[] finalRecord) {}

  static boolean isTypedRejection(Exception e) {
    return e instanceof InvalidMessageException;
  }
}
