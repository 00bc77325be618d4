package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.wire.SignalMessage;
import io.quintet.ratchet.internal.SessionRecord;
import io.quintet.ratchet.internal.SessionState;
import io.quintet.core.QuintetException;
import io.quintet.core.keys.KemType;
import io.quintet.core.wire.PreKeySignalMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Invariants of pairwise sessions under arbitrary delivery schedules: every delivered message
 * decrypts exactly once to its plaintext, duplicates are reported as such, and nothing that
 * fails changes the stored session.
 */
class SessionPropertiesTest {

  /** A message in flight. */
  private static final class Sent {
    final boolean fromAlice;
    final CiphertextMessage message;
    final byte[] plaintext;

    Sent(boolean fromAlice, CiphertextMessage message, byte[] plaintext) {
      this.fromAlice = fromAlice;
      this.message = message;
      this.plaintext = plaintext;
    }
  }

  @Test
  void anyScheduleOfSendsDropsReordersAndDuplicatesDecryptsEachMessageExactlyOnce() {
    qt().withExamples(40)
        .withShrinkCycles(20)
        .forAll(longs().all(), integers().between(5, 120))
        .checkAssert(
            (seed, steps) -> {
              try {
                runSchedule(seed, steps);
              } catch (Exception e) {
                throw new AssertionError("seed " + seed + ", steps " + steps + ": " + e, e);
              }
            });
  }

  private static void runSchedule(long seed, int steps) throws Exception {
    Random random = new Random(seed);
    TestDevices alice = new TestDevices("alice", 1);
    TestDevices bob = new TestDevices("bob", 2);
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    SessionCipher aliceCipher = alice.cipherTo(bob);
    SessionCipher bobCipher = bob.cipherTo(alice);
    List<Sent> inFlight = new ArrayList<>();
    List<Sent> delivered = new ArrayList<>();
    boolean bobHasSession = false; // Bob can only send once Alice's first message arrived
    for (int i = 0; i < steps; i++) {
      int action = random.nextInt(10);
      if (action < 4 || inFlight.isEmpty()) {
        boolean fromAlice = !bobHasSession || random.nextBoolean();
        byte[] plain = ("m" + i + "-" + random.nextInt()).getBytes(StandardCharsets.UTF_8);
        CiphertextMessage m = (fromAlice ? aliceCipher : bobCipher).encrypt(plain);
        inFlight.add(new Sent(fromAlice, m, plain));
      } else if (action < 5) {
        inFlight.remove(random.nextInt(inFlight.size())); // dropped for good
      } else if (action < 6 && !delivered.isEmpty()) {
        Sent again = delivered.get(random.nextInt(delivered.size()));
        TestDevices receiver = again.fromAlice ? bob : alice;
        TestDevices sender = again.fromAlice ? alice : bob;
        SessionCipher cipher = again.fromAlice ? bobCipher : aliceCipher;
        byte[] before = receiver.sessionWith(sender);
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
            () -> cipher.decrypt(again.message.type(), again.message.serialize()));
        if (holdsChain(receiver, sender, again.message)) {
          assertTrue(e instanceof DuplicateMessageException, "not reported as a duplicate: " + e);
        }
        assertArrayEquals(before, receiver.sessionWith(sender), "a rejected message changed the session");
      } else {
        Collections.shuffle(inFlight, random);
        deliver(inFlight.remove(0), alice, bob, aliceCipher, bobCipher, delivered);
        bobHasSession = true;
      }
    }
    // Whatever is still in flight arrives at last, in any order.
    Collections.shuffle(inFlight, random);
    for (Sent s : inFlight) {
      deliver(s, alice, bob, aliceCipher, bobCipher, delivered);
    }
  }

  /**
   * Delivers one message: it must decrypt to its plaintext, unless its receiving chain is one
   * the receiver already had and has since forgotten (more than five ratchet turns ago, as in
   * libsignal): then it must be refused with a typed exception and change nothing.
   */
  private static void deliver(Sent s, TestDevices alice, TestDevices bob, SessionCipher aliceCipher,
      SessionCipher bobCipher, List<Sent> delivered) throws Exception {
    TestDevices receiver = s.fromAlice ? bob : alice;
    TestDevices sender = s.fromAlice ? alice : bob;
    SessionCipher cipher = s.fromAlice ? bobCipher : aliceCipher;
    boolean forgotten = receiver.seenRatchetKeys.contains(ratchetKey(s.message))
        && !holdsChain(receiver, sender, s.message);
    if (forgotten) {
      byte[] before = receiver.sessionWith(sender);
      assertThrows(InvalidMessageException.class, () -> cipher.decrypt(s.message.type(), s.message.serialize()));
      assertArrayEquals(before, receiver.sessionWith(sender));
      return;
    }
    assertArrayEquals(s.plaintext, cipher.decrypt(s.message.type(), s.message.serialize()));
    receiver.seenRatchetKeys.add(ratchetKey(s.message));
    delivered.add(s);
  }

  private static Curve25519PublicKey ratchetKey(CiphertextMessage m) throws Exception {
    return m.type() == CiphertextMessage.Type.PREKEY
        ? PreKeySignalMessage.parse(m.serialize()).message().ratchetKey()
        : SignalMessage.parse(m.serialize()).ratchetKey();
  }

  private static boolean holdsChain(TestDevices receiver, TestDevices sender, CiphertextMessage m)
      throws Exception {
    SessionState state = SessionRecord.parse(receiver.sessionWith(sender)).current();
    return state.receiverChain(ratchetKey(m)) != null;
  }

  @Test
  void corruptingAnyByteIsRejectedAndLeavesTheSessionWorking() {
    qt().withExamples(60)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              try {
                corruptOne(seed);
              } catch (Exception e) {
                throw new AssertionError("seed " + seed + ": " + e, e);
              }
            });
  }

  private static void corruptOne(long seed) throws Exception {
    Random random = new Random(seed);
    TestDevices alice = new TestDevices("alice", 1);
    TestDevices bob = new TestDevices("bob", 2);
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    SessionCipher aliceCipher = alice.cipherTo(bob);
    SessionCipher bobCipher = bob.cipherTo(alice);
    // Establish both directions first, unless this example corrupts a first message.
    boolean corruptFirst = random.nextInt(4) == 0;
    if (!corruptFirst) {
      CiphertextMessage hello = aliceCipher.encrypt(new byte[] {1});
      bobCipher.decrypt(hello.type(), hello.serialize());
      CiphertextMessage reply = bobCipher.encrypt(new byte[] {2});
      aliceCipher.decrypt(reply.type(), reply.serialize());
    }
    byte[] plain = new byte[random.nextInt(64)];
    random.nextBytes(plain);
    CiphertextMessage m = aliceCipher.encrypt(plain);
    byte[] bad = m.serialize();
    int at = random.nextInt(bad.length);
    bad[at] ^= (byte) (1 << random.nextInt(8));
    byte[] before = bob.store.loadSession(alice.address).orElse(null);
    int preKeysBefore = bob.store.countPreKeys();
    boolean rejected;
    try {
      byte[] out = bobCipher.decrypt(m.type(), bad);
      // Signal authenticates everything but a first message's registration id (and unknown
      // protobuf fields): a corruption may only pass if it changed nothing else.
      assertOnlyUnauthenticatedMetadataChanged(m, bad, at);
      assertArrayEquals(plain, out);
      rejected = false;
    } catch (QuintetException expected) {
      rejected = true;
    }
    if (rejected) {
      assertArrayEquals(before, bob.store.loadSession(alice.address).orElse(null));
      assertEquals(preKeysBefore, bob.store.countPreKeys());
      assertArrayEquals(plain, bobCipher.decrypt(m.type(), m.serialize()));
    }
    CiphertextMessage after = aliceCipher.encrypt(new byte[] {3});
    assertArrayEquals(new byte[] {3}, bobCipher.decrypt(after.type(), after.serialize()));
  }

  private static void assertOnlyUnauthenticatedMetadataChanged(
      CiphertextMessage original, byte[] corrupted, int at) throws Exception {
    if (original.type() != CiphertextMessage.Type.PREKEY) {
      throw new AssertionError("a corrupted byte " + at + " of a whisper message was accepted");
    }
    PreKeySignalMessage a = PreKeySignalMessage.parse(original.serialize());
    PreKeySignalMessage b = PreKeySignalMessage.parse(corrupted);
    assertEquals(a.version(), b.version(), "byte " + at);
    assertEquals(a.preKeyId(), b.preKeyId(), "byte " + at);
    assertEquals(a.signedPreKeyId(), b.signedPreKeyId(), "byte " + at);
    assertEquals(a.kemPreKeyId(), b.kemPreKeyId(), "byte " + at);
    assertArrayEquals(a.kemCiphertext(), b.kemCiphertext(), "byte " + at);
    assertEquals(a.baseKey(), b.baseKey(), "byte " + at);
    assertEquals(a.identityKey(), b.identityKey(), "byte " + at);
    assertArrayEquals(a.message().serialize(), b.message().serialize(), "byte " + at);
  }
}
