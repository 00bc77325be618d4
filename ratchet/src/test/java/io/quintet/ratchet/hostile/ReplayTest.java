package io.quintet.ratchet.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.KemType;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.TestDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A message delivered again — at once, or long after the ratchet moved on — changes nothing. */
class ReplayTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);
  private final Guarded guardedBob = new Guarded(bob);

  @Test
  void theSameFirstMessageTwiceIsADuplicate() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {1});
    guardedBob.receive(alice, first);
    guardedBob.watch(s -> s.addresses(alice.address).preKeys(1));
    assertThrows(DuplicateMessageException.class, () -> guardedBob.receive(alice, first));
    guardedBob.assertUntouched();
  }

  @Test
  void theSameMessageTwiceIsADuplicate() throws Exception {
    Guarded.exchange(alice, bob, KemType.ML_KEM_1024);
    CiphertextMessage m = alice.cipherTo(bob).encrypt(new byte[] {3});
    assertArrayEquals(new byte[] {3}, guardedBob.receive(alice, m));
    guardedBob.watch(s -> s.addresses(alice.address));
    assertThrows(DuplicateMessageException.class, () -> guardedBob.receive(alice, m));
    guardedBob.assertUntouched();
  }

  @Test
  void anOldMessageAfterManyRatchetStepsIsRefused() throws Exception {
    Guarded.exchange(alice, bob, KemType.ML_KEM_1024);
    List<CiphertextMessage> delivered = new ArrayList<>();
    for (int round = 0; round < 8; round++) { // each round trip is a DH step on both sides
      CiphertextMessage m = alice.cipherTo(bob).encrypt(new byte[] {(byte) round});
      guardedBob.receive(alice, m);
      delivered.add(m);
      CiphertextMessage r = bob.cipherTo(alice).encrypt(new byte[] {0});
      alice.cipherTo(bob).decrypt(r.type(), r.serialize());
    }
    guardedBob.watch(s -> s.addresses(alice.address));
    // The newest chains still know the message was delivered; the oldest ones are gone (five
    // receiving chains are kept), so their messages are refused as undecryptable.
    assertThrows(DuplicateMessageException.class,
        () -> guardedBob.receive(alice, delivered.get(delivered.size() - 1)));
    assertThrowsExactly(InvalidMessageException.class,
        () -> guardedBob.receive(alice, delivered.get(0)));
    guardedBob.assertUntouched();
  }

  @Test
  void aFirstMessageReplayedAfterTheSessionMovedOnIsADuplicate() throws Exception {
    alice.startSessionWith(bob, KemType.KYBER_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {1});
    guardedBob.receive(alice, first);
    CiphertextMessage reply = bob.cipherTo(alice).encrypt(new byte[] {2});
    alice.cipherTo(bob).decrypt(reply.type(), reply.serialize());
    guardedBob.receive(alice, alice.cipherTo(bob).encrypt(new byte[] {3}));
    guardedBob.watch(s -> s.addresses(alice.address).preKeys(1));
    assertThrows(DuplicateMessageException.class, () -> guardedBob.receive(alice, first));
    guardedBob.assertUntouched();
  }

  @Test
  void aGroupMessageTwiceIsADuplicate() throws Exception {
    UUID group = UUID.randomUUID();
    GroupGuarded carol = new GroupGuarded("carol");
    GroupGuarded dave = new GroupGuarded("dave");
    carol.distributeTo(dave, group);
    byte[] m = carol.cipher.encrypt(group, new byte[] {1});
    dave.cipher.decrypt(carol.address, m);
    dave.watch(carol.address, group);
    assertThrows(DuplicateMessageException.class, () -> dave.cipher.decrypt(carol.address, m));
    dave.assertUntouched();
  }
}
