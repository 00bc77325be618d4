package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Drives a randomized two-way conversation between two {@link Peer}s over a lossless but
 * reordering, duplicating network, and checks every plaintext. Everything random comes from
 * one seeded {@link Random}; every assertion message names the seed, so a failure replays
 * with {@code -Dinterop.seed=N}.
 *
 * <p>Each message is delivered between 0 and {@link #MAX_DELAY} steps after it was sent, in
 * random order among the messages due at that step. The delay is bounded so no message
 * outlives the five receiving chains a Signal session keeps (a new chain needs a round
 * trip). Duplicates are re-deliveries of one of the last {@link #DUPLICATE_HORIZON}
 * messages delivered in a direction, and must be refused with the receiver's own typed
 * duplicate error.
 */
final class Conversation {
  static final int MAX_DELAY = 4;
  static final int DUPLICATE_HORIZON = 4;
  static final double DUPLICATE_RATE = 0.05;

  /** What happened, so tests can assert the schedule really reordered and duplicated. */
  record Stats(int aToB, int bToA, int reordered, int duplicates, int preKeyMessages) {
    /** Asserts that the schedule really sent, reordered and duplicated. */
    void assertExercised(int perDirection, long seed) {
      assertEquals(perDirection, aToB, "seed=" + seed);
      assertEquals(perDirection, bToA, "seed=" + seed);
      assertTrue(reordered > perDirection / 20, "seed=" + seed + " too little reordering: " + this);
      assertTrue(duplicates >= perDirection / 100, "seed=" + seed + " too few duplicates: " + this);
    }
  }

  private final Random random;
  private final long seed;
  private final Direction ab;
  private final Direction ba;
  private int step;
  private int reordered;
  private int duplicates;
  private int preKeyMessages;

  private Conversation(Peer a, Peer b, long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    Side sa = new Side(a);
    Side sb = new Side(b);
    this.ab = new Direction(sa, sb);
    this.ba = new Direction(sb, sa);
  }

  /**
   * Runs until each side has sent {@code perDirection} messages and everything is delivered.
   * {@code a} must be able to send (it holds a session); {@code b} may start without one and
   * sends only once it has decrypted something from {@code a}.
   */
  static Stats run(Peer a, Peer b, int perDirection, long seed, boolean bCanSendFirst) {
    Conversation c = new Conversation(a, b, seed);
    c.ab.from.canSend = true;
    c.ba.from.canSend = bCanSendFirst;
    return c.loop(perDirection);
  }

  private Stats loop(int perDirection) {
    while (ab.sent < perDirection || ba.sent < perDirection || !ab.inFlight.isEmpty()
        || !ba.inFlight.isEmpty()) {
      step++;
      List<Direction> canSend = new ArrayList<>(2);
      for (Direction d : List.of(ab, ba)) {
        if (d.sent < perDirection && d.from.canSend) {
          canSend.add(d);
        }
      }
      if (!canSend.isEmpty()) {
        send(canSend.get(random.nextInt(canSend.size())));
      }
      deliverDue(ab);
      deliverDue(ba);
      if (random.nextDouble() < DUPLICATE_RATE) {
        redeliver(random.nextBoolean() ? ab : ba);
      }
      if (step > 20 * perDirection + 100) {
        fail(context(ab) + ": conversation did not finish (a side never got to send)");
      }
    }
    return new Stats(ab.sent, ba.sent, reordered, duplicates, preKeyMessages);
  }

  private void send(Direction d) {
    int seq = d.sent++;
    byte[] plaintext = plaintext(d, seq);
    Wire wire;
    try {
      wire = d.from.peer.encrypt(plaintext);
    } catch (Exception e) {
      throw new AssertionError(context(d) + ": encrypt #" + seq + " failed", e);
    }
    if (d.from.hasReceived) {
      // Once a side has heard from the other, its messages must stop carrying the prekeys.
      assertEquals(Wire.WHISPER, wire.type(), context(d) + ": #" + seq + " after an answer");
    }
    if (wire.type() == Wire.PREKEY) {
      preKeyMessages++;
    }
    d.inFlight.add(new InFlight(seq, wire, plaintext, step + random.nextInt(MAX_DELAY + 1)));
  }

  private void deliverDue(Direction d) {
    List<InFlight> due = new ArrayList<>();
    d.inFlight.removeIf(m -> m.deadline <= step && due.add(m));
    Collections.shuffle(due, random);
    for (InFlight m : due) {
      byte[] got;
      try {
        got = d.to.peer.decrypt(m.wire);
      } catch (Exception e) {
        throw new AssertionError(context(d) + ": decrypt #" + m.seq + " " + m.wire + " failed", e);
      }
      assertArrayEquals(m.plaintext, got, context(d) + ": plaintext #" + m.seq);
      if (m.seq < d.highestDelivered) {
        reordered++;
      }
      d.highestDelivered = Math.max(d.highestDelivered, m.seq);
      d.to.hasReceived = true;
      d.to.canSend = true;
      d.recent.add(m);
      if (d.recent.size() > DUPLICATE_HORIZON) {
        d.recent.remove(0);
      }
    }
  }

  private void redeliver(Direction d) {
    if (d.recent.isEmpty()) {
      return;
    }
    InFlight m = d.recent.get(random.nextInt(d.recent.size()));
    assertThrows(
        d.to.peer.duplicateError(),
        () -> d.to.peer.decrypt(m.wire),
        context(d) + ": duplicate of #" + m.seq + " " + m.wire);
    duplicates++;
  }

  /** Distinct per message, of random length (including empty) and content. */
  private byte[] plaintext(Direction d, int seq) {
    byte[] tag = (d.from.peer.name() + "->" + d.to.peer.name() + " #" + seq + " ")
        .getBytes(StandardCharsets.UTF_8);
    int extra = random.nextInt(8) == 0 ? 0 : random.nextInt(600);
    byte[] out = new byte[random.nextInt(16) == 0 ? 0 : tag.length + extra];
    if (out.length > 0) {
      System.arraycopy(tag, 0, out, 0, tag.length);
      byte[] noise = new byte[extra];
      random.nextBytes(noise);
      System.arraycopy(noise, 0, out, tag.length, extra);
    }
    return out;
  }

  private String context(Direction d) {
    return "seed=" + seed + " step=" + step + " " + d.from.peer.name() + "->" + d.to.peer.name();
  }

  private static final class Side {
    final Peer peer;
    boolean canSend;
    boolean hasReceived;

    Side(Peer peer) {
      this.peer = peer;
    }
  }

  private static final class Direction {
    final Side from;
    final Side to;
    final List<InFlight> inFlight = new ArrayList<>();
    final List<InFlight> recent = new ArrayList<>();
    int sent;
    int highestDelivered = -1;

    Direction(Side from, Side to) {
      this.from = from;
      this.to = to;
    }
  }

  private record InFlight(int seq, Wire wire, byte[] plaintext, int deadline) {}
}
