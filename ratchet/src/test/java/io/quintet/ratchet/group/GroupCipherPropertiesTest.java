package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.NoSessionException;
import io.quintet.core.QuintetException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Delivery-order, replay and corruption properties of group sessions. Needs XEdDSA. */
class GroupCipherPropertiesTest {

  /** A sender and a member that processed its distribution, with {@code n} messages sent. */
  private static final class Conversation {
    final UUID group = UUID.randomUUID();
    final GroupPeer alice = new GroupPeer("alice", 1);
    final GroupPeer bob = new GroupPeer("bob", 1);
    final List<byte[]> wire = new ArrayList<>();

    Conversation(int n) throws QuintetException {
      bob.builder.process(alice.address, alice.builder.create(alice.address, group));
      for (int i = 0; i < n; i++) {
        wire.add(alice.cipher.encrypt(group, plaintext(i)));
      }
    }

    byte[] decrypt(byte[] m) throws QuintetException {
      return bob.cipher.decrypt(alice.address, m);
    }

    byte[] record() {
      return bob.record(alice.address, group);
    }
  }

  /** Plaintext i: its index and a length that varies with it. */
  private static byte[] plaintext(int i) {
    return ByteBuffer.allocate(4 + (i * 7) % 40).putInt(i).array();
  }

  /** Each index once in shuffled order, plus {@code dups} repeats after their first delivery. */
  private static List<Integer> deliveries(int n, long seed, int dups) {
    Random r = new Random(seed);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, r);
    for (int k = 0; k < dups; k++) {
      int i = r.nextInt(n);
      int first = order.indexOf(i);
      order.add(first + 1 + r.nextInt(order.size() - first), i);
    }
    return order;
  }

  @Test
  void anyDeliveryOrderDecryptsEachMessageExactlyOnceAndReportsRepeats() {
    qt().withExamples(60)
        .forAll(Generate.range(1, 30), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.range(0, 10))
        .checkAssert((n, seed, dups) -> {
          try {
            Conversation c = new Conversation(n);
            Set<Integer> delivered = new HashSet<>();
            for (int i : deliveries(n, seed, dups)) {
              if (delivered.add(i)) {
                assertArrayEquals(plaintext(i), c.decrypt(c.wire.get(i)), "message " + i);
              } else {
                byte[] before = c.record();
                assertThrows(DuplicateMessageException.class, () -> c.decrypt(c.wire.get(i)));
                assertArrayEquals(before, c.record());
              }
            }
          } catch (QuintetException e) {
            fail(e);
          }
        });
  }

  @Test
  void aCorruptedByteIsRejectedLeavesTheRecordAndTheSessionKeepsWorking() {
    qt().withExamples(100)
        .forAll(Generate.range(1, 6), Generate.range(0, 5), Generate.range(0, 1 << 20),
            Generate.range(1, 255))
        .checkAssert((n, delivered, at, mask) -> {
          try {
            Conversation c = new Conversation(n);
            int target = delivered % n;
            for (int i = 0; i < delivered % (n + 1); i++) {
              c.decrypt(c.wire.get(i)); // some messages, maybe the target, arrive first
            }
            byte[] bad = c.wire.get(target).clone();
            bad[at % bad.length] ^= mask.byteValue();
            byte[] before = c.record();
            try {
              c.decrypt(bad);
              fail("corrupted byte " + at % bad.length + " was accepted");
            } catch (DuplicateMessageException e) {
              fail("corruption reported as a duplicate: " + e.getMessage());
            } catch (InvalidMessageException | NoSessionException expected) {
              // rejected: malformed, forged, or naming a key we do not have
            }
            assertArrayEquals(before, c.record());
            for (int i = delivered % (n + 1); i < n; i++) {
              assertArrayEquals(plaintext(i), c.decrypt(c.wire.get(i)));
            }
            byte[] next = c.alice.cipher.encrypt(c.group, plaintext(n));
            assertArrayEquals(plaintext(n), c.decrypt(next));
          } catch (QuintetException e) {
            fail(e);
          }
        });
  }

  @Test
  void everyTruncationOrExtensionIsRejectedAndChangesNothing() throws Exception {
    Conversation c = new Conversation(2);
    byte[] m = c.wire.get(1);
    byte[] before = c.record();
    for (int n = 0; n < m.length + 3; n++) {
      byte[] cut = java.util.Arrays.copyOf(m, n); // shorter, or zero-padded when longer
      if (n == m.length) {
        continue;
      }
      try {
        c.decrypt(cut);
        fail("length " + n + " was accepted");
      } catch (DuplicateMessageException e) {
        fail("length " + n + " reported as a duplicate");
      } catch (InvalidMessageException | NoSessionException expected) {
        assertArrayEquals(before, c.record());
      }
    }
    assertArrayEquals(plaintext(1), c.decrypt(m));
    assertArrayEquals(plaintext(0), c.decrypt(c.wire.get(0)));
  }

  @Test
  void messagesSentBeforeAMemberJoinedAreTooOldNotDuplicates() throws Exception {
    Conversation c = new Conversation(3);
    GroupPeer carol = new GroupPeer("carol", 1);
    carol.builder.process(c.alice.address, c.alice.builder.create(c.alice.address, c.group));
    byte[] before = carol.record(c.alice.address, c.group);
    for (byte[] old : c.wire) {
      InvalidMessageException e =
          assertThrows(
              InvalidMessageException.class, () -> carol.cipher.decrypt(c.alice.address, old));
      assertFalse(e instanceof DuplicateMessageException, e.getMessage());
      assertArrayEquals(before, carol.record(c.alice.address, c.group));
    }
    byte[] fresh = c.alice.cipher.encrypt(c.group, plaintext(3));
    assertArrayEquals(plaintext(3), carol.cipher.decrypt(c.alice.address, fresh));
    assertTrue(c.decrypt(fresh).length > 0);
  }
}
