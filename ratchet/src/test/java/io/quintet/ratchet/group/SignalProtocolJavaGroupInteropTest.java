package io.quintet.ratchet.group;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.core.wire.SenderKeyMessage;
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

/**
 * Group sessions against a real signal-protocol-java 2.8.1 peer in the legacy layout (no
 * distribution id), both directions, with reordered and repeated delivery. The app names
 * the group by a UUID derived from signal-protocol-java's group id. Needs XEdDSA.
 */
class SignalProtocolJavaGroupInteropTest {
  private static final String GROUP_ID = "group-interop-7";
  private static final UUID GROUP = UUID.nameUUIDFromBytes(GROUP_ID.getBytes(UTF_8));
  private static final String ALICE = "+14155550100";
  private static final String DUPLICATE = "org.whispersystems.libsignal.DuplicateMessageException";

  private static byte[] plaintext(int i) {
    return ByteBuffer.allocate(4 + (i * 11) % 70).putInt(i).array();
  }

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
  void signalProtocolJavaDecryptsQuintetLegacyMessagesInAnyOrder() {
    qt().withExamples(15)
        .forAll(Generate.range(1, 25), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.range(0, 6))
        .checkAssert((n, seed, dups) -> {
          try {
            GroupPeer alice = new GroupPeer(ALICE, 1);
            SignalProtocolJavaPeer bob = new SignalProtocolJavaPeer();
            SenderKeyDistributionMessage skdm = alice.builder.createLegacy(alice.address, GROUP);
            bob.processDistribution(GROUP_ID, ALICE, 1, skdm.serialize());
            List<byte[]> wire = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              wire.add(alice.cipher.encrypt(GROUP, plaintext(i)));
            }
            Set<Integer> seen = new HashSet<>();
            for (int i : order(n, seed, dups)) {
              if (seen.add(i)) {
                assertArrayEquals(plaintext(i), bob.decrypt(GROUP_ID, ALICE, 1, wire.get(i)));
              } else {
                Exception e =
                    assertThrows(Exception.class, () -> bob.decrypt(GROUP_ID, ALICE, 1, wire.get(i)));
                assertEquals(DUPLICATE, e.getClass().getName());
              }
            }
          } catch (Exception e) {
            fail(e);
          }
        });
  }

  @Test
  void quintetDecryptsSignalProtocolJavaMessagesInAnyOrder() {
    qt().withExamples(15)
        .forAll(Generate.range(1, 25), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.range(0, 6))
        .checkAssert((n, seed, dups) -> {
          try {
            SignalProtocolJavaPeer alice = new SignalProtocolJavaPeer();
            GroupPeer aliceHere = new GroupPeer(ALICE, 1); // only for its address
            GroupPeer bob = new GroupPeer("+14155550111", 1);
            byte[] skdm = alice.createDistribution(GROUP_ID, ALICE, 1);
            bob.builder.processLegacy(aliceHere.address, GROUP, SenderKeyDistributionMessage.parse(skdm));
            List<byte[]> wire = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              wire.add(alice.encrypt(GROUP_ID, ALICE, 1, plaintext(i)));
            }
            Set<Integer> seen = new HashSet<>();
            for (int i : order(n, seed, dups)) {
              if (seen.add(i)) {
                assertArrayEquals(
                    plaintext(i), bob.cipher.decryptLegacy(aliceHere.address, GROUP, wire.get(i)));
              } else {
                assertThrows(
                    DuplicateMessageException.class,
                    () -> bob.cipher.decryptLegacy(aliceHere.address, GROUP, wire.get(i)));
              }
            }
          } catch (Exception e) {
            fail(e);
          }
        });
  }

  @Test
  void theLegacyLayoutIsRefusedWhereLibsignalsIsExpected() throws Exception {
    SignalProtocolJavaPeer alice = new SignalProtocolJavaPeer();
    byte[] skdm = alice.createDistribution(GROUP_ID, "a", 1);
    byte[] m = alice.encrypt(GROUP_ID, "a", 1, new byte[3]);
    assertTrue(SenderKeyDistributionMessage.parse(skdm).isLegacy());
    assertTrue(SenderKeyMessage.parse(m).isLegacy());
    GroupPeer bob = new GroupPeer("b", 1);
    GroupPeer aliceHere = new GroupPeer("a", 1);
    assertThrows(
        InvalidMessageException.class,
        () -> bob.builder.process(aliceHere.address, SenderKeyDistributionMessage.parse(skdm)));
    bob.builder.processLegacy(aliceHere.address, GROUP, SenderKeyDistributionMessage.parse(skdm));
    assertThrows(InvalidMessageException.class, () -> bob.cipher.decrypt(aliceHere.address, m));
    assertArrayEquals(new byte[3], bob.cipher.decryptLegacy(aliceHere.address, GROUP, m));
  }

  @Test
  void signalProtocolJavaCannotReadLibsignalsLayout() throws Exception {
    GroupPeer alice = new GroupPeer(ALICE, 1);
    SignalProtocolJavaPeer bob = new SignalProtocolJavaPeer();
    byte[] modern = alice.builder.create(alice.address, GROUP).serialize();
    Exception e =
        assertThrows(Exception.class, () -> bob.processDistribution(GROUP_ID, ALICE, 1, modern));
    assertTrue(e.getClass().getName().startsWith("org.whispersystems.libsignal."), e.toString());
  }
}
