package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.QuintetException;
import io.quintet.core.wire.SenderKeyDistributionMessage;
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
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.groups.GroupCipher;
import org.signal.libsignal.protocol.groups.GroupSessionBuilder;
import org.signal.libsignal.protocol.groups.state.InMemorySenderKeyStore;

/**
 * Group sessions against a real libsignal-client 0.86.5 peer (JNI), both directions, with
 * reordered and repeated delivery, late joins and gaps. Needs XEdDSA (both sides sign).
 */
class LibsignalGroupInteropTest {
  private final UUID group = UUID.randomUUID();

  /** A libsignal device. */
  private static final class Peer {
    final SignalProtocolAddress address;
    final InMemorySenderKeyStore store = new InMemorySenderKeyStore();

    Peer(String name, int device) {
      address = new SignalProtocolAddress(name, device);
    }

    byte[] decrypt(SignalProtocolAddress sender, byte[] m) throws Exception {
      return new GroupCipher(store, sender).decrypt(m);
    }
  }

  private static byte[] plaintext(int i) {
    return ByteBuffer.allocate(4 + (i * 13) % 100).putInt(i).array();
  }

  /** Every index once in a shuffled order, with {@code dups} repeats after the first. */
  private static List<Integer> order(int n, long seed, int dups) {
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
  void libsignalDecryptsQuintetMessagesInAnyOrder() {
    qt().withExamples(15)
        .forAll(Generate.range(1, 25), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.range(0, 6))
        .checkAssert((n, seed, dups) -> {
          try {
            GroupPeer alice = new GroupPeer("alice", 1);
            Peer bob = new Peer("bob", 1);
            SignalProtocolAddress aliceThere = new SignalProtocolAddress("alice", 1);
            SenderKeyDistributionMessage skdm = alice.builder.create(alice.address, group);
            new GroupSessionBuilder(bob.store)
                .process(aliceThere,
                    new org.signal.libsignal.protocol.message.SenderKeyDistributionMessage(
                        skdm.serialize()));
            List<byte[]> wire = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              wire.add(alice.cipher.encrypt(group, plaintext(i)));
            }
            Set<Integer> seen = new HashSet<>();
            for (int i : order(n, seed, dups)) {
              if (seen.add(i)) {
                assertArrayEquals(plaintext(i), bob.decrypt(aliceThere, wire.get(i)));
              } else {
                assertThrows(
                    org.signal.libsignal.protocol.DuplicateMessageException.class,
                    () -> bob.decrypt(aliceThere, wire.get(i)));
              }
            }
          } catch (Exception e) {
            fail(e);
          }
        });
  }

  @Test
  void quintetDecryptsLibsignalMessagesInAnyOrder() {
    qt().withExamples(15)
        .forAll(Generate.range(1, 25), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.range(0, 6))
        .checkAssert((n, seed, dups) -> {
          try {
            Peer alice = new Peer("alice", 1);
            GroupPeer bob = new GroupPeer("bob", 1);
            GroupPeer aliceHere = new GroupPeer("alice", 1); // only for its address
            byte[] skdm = new GroupSessionBuilder(alice.store).create(alice.address, group).serialize();
            bob.builder.process(aliceHere.address, SenderKeyDistributionMessage.parse(skdm));
            GroupCipher sender = new GroupCipher(alice.store, alice.address);
            List<byte[]> wire = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              wire.add(sender.encrypt(group, plaintext(i)).serialize());
            }
            Set<Integer> seen = new HashSet<>();
            for (int i : order(n, seed, dups)) {
              if (seen.add(i)) {
                assertArrayEquals(plaintext(i), bob.cipher.decrypt(aliceHere.address, wire.get(i)));
              } else {
                byte[] before = bob.record(aliceHere.address, group);
                assertThrows(
                    DuplicateMessageException.class,
                    () -> bob.cipher.decrypt(aliceHere.address, wire.get(i)));
                assertArrayEquals(before, bob.record(aliceHere.address, group));
              }
            }
          } catch (Exception e) {
            fail(e);
          }
        });
  }

  @Test
  void lateJoinsAndGapsWorkBothWays() throws Exception {
    // Quintet sends 2 100 messages; a libsignal member that joined at 50 gets only some.
    GroupPeer alice = new GroupPeer("alice", 1);
    alice.builder.create(alice.address, group);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(alice.cipher.encrypt(group, plaintext(i)));
    }
    Peer bob = new Peer("bob", 1);
    SignalProtocolAddress aliceThere = new SignalProtocolAddress("alice", 1);
    new GroupSessionBuilder(bob.store)
        .process(aliceThere,
            new org.signal.libsignal.protocol.message.SenderKeyDistributionMessage(
                alice.builder.create(alice.address, group).serialize()));
    for (int i = 50; i < 2_100; i++) {
      sent.add(alice.cipher.encrypt(group, plaintext(i)));
    }
    assertThrows(Exception.class, () -> bob.decrypt(aliceThere, sent.get(49))); // before join
    for (int i : new int[] {2_099, 120, 2_000, 119}) {
      assertArrayEquals(plaintext(i), bob.decrypt(aliceThere, sent.get(i)));
    }

    // libsignal sends 2 600 messages; Quintet decrypts the last, then the oldest of the 2 000
    // skipped keys it keeps, and refuses the one before.
    Peer carol = new Peer("carol", 2);
    GroupPeer dave = new GroupPeer("dave", 1);
    GroupPeer carolHere = new GroupPeer("carol", 2);
    byte[] skdm = new GroupSessionBuilder(carol.store).create(carol.address, group).serialize();
    dave.builder.process(carolHere.address, SenderKeyDistributionMessage.parse(skdm));
    GroupCipher sender = new GroupCipher(carol.store, carol.address);
    List<byte[]> wire = new ArrayList<>();
    for (int i = 0; i < 2_600; i++) {
      wire.add(sender.encrypt(group, plaintext(i)).serialize());
    }
    assertArrayEquals(plaintext(2_599), dave.cipher.decrypt(carolHere.address, wire.get(2_599)));
    assertArrayEquals(plaintext(599), dave.cipher.decrypt(carolHere.address, wire.get(599)));
    assertThrows(QuintetException.class, () -> dave.cipher.decrypt(carolHere.address, wire.get(598)));
  }

  @Test
  void theSameDistributionServesBothKindsOfMember() throws Exception {
    // One Quintet sender, one libsignal and one Quintet member: the same bytes for both.
    GroupPeer alice = new GroupPeer("alice", 1);
    GroupPeer bob = new GroupPeer("bob", 1);
    Peer carol = new Peer("carol", 1);
    SignalProtocolAddress aliceThere = new SignalProtocolAddress("alice", 1);
    byte[] skdm = alice.builder.create(alice.address, group).serialize();
    bob.builder.process(alice.address, SenderKeyDistributionMessage.parse(skdm));
    new GroupSessionBuilder(carol.store)
        .process(aliceThere, new org.signal.libsignal.protocol.message.SenderKeyDistributionMessage(skdm));
    for (int i = 0; i < 5; i++) {
      byte[] m = alice.cipher.encrypt(group, plaintext(i));
      assertArrayEquals(plaintext(i), bob.cipher.decrypt(alice.address, m));
      assertArrayEquals(plaintext(i), carol.decrypt(aliceThere, m));
    }
    assertEquals(
        alice.builder.create(alice.address, group).chainId(),
        new org.signal.libsignal.protocol.message.SenderKeyDistributionMessage(skdm).getChainId());
  }
}
