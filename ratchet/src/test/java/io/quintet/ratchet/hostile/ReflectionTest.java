package io.quintet.ratchet.hostile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidKeyIdException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.KemType;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.TestDevices;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A server (or network) that sends a device's own message back to it, as if from the peer. The
 * MAC binds sender and receiver identities in order, so a reflected message never verifies.
 */
class ReflectionTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);
  private final Guarded guardedAlice = new Guarded(alice);

  @Test
  void anOwnMessageReflectedFromThePeerIsRefused() throws Exception {
    Guarded.exchange(alice, bob, KemType.ML_KEM_1024);
    CiphertextMessage mine = alice.cipherTo(bob).encrypt(new byte[] {7});
    guardedAlice.watch(s -> s.addresses(bob.address));
    assertThrowsExactly(InvalidMessageException.class, () -> guardedAlice.receive(bob, mine));
    guardedAlice.assertUntouched();
  }

  @Test
  void anOwnFirstMessageReflectedIsRefusedWithoutTouchingPrekeys() throws Exception {
    alice.bundle(KemType.ML_KEM_1024); // alice has prekeys with the ids her message names
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage mine = alice.cipherTo(bob).encrypt(new byte[] {7});
    guardedAlice.watch(s -> s.addresses(bob.address).preKeys(1));
    // Alice's own keys are not the ones the message was built against: its KEM ciphertext
    // decapsulates to garbage and the MAC fails, or a prekey id is unknown.
    Exception e = assertThrows(Exception.class, () -> guardedAlice.receive(bob, mine));
    if (!(e instanceof InvalidMessageException || e instanceof InvalidKeyIdException)) {
      throw new AssertionError("untyped refusal", e);
    }
    guardedAlice.assertUntouched();
  }

  @Test
  void anOwnGroupMessageReflectedIsRefusedAsLibsignalDoes() throws Exception {
    UUID group = UUID.randomUUID();
    GroupGuarded carol = new GroupGuarded("carol");
    GroupGuarded dave = new GroupGuarded("dave");
    carol.distributeTo(dave, group);
    byte[] mine = carol.cipher.encrypt(group, new byte[] {1});
    carol.watch(carol.address, group);
    // Our own chain has moved past the message: libsignal reports it as a duplicate too.
    assertThrows(DuplicateMessageException.class, () -> carol.cipher.decrypt(carol.address, mine));
    carol.assertUntouched();
  }
}
