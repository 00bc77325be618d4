package io.quintet.ratchet.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.InvalidKeyIdException;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionBuilder;
import io.quintet.ratchet.TestDevices;
import org.junit.jupiter.api.Test;

/**
 * A server hands the same bundle to two initiators: the second first message names one-time
 * prekeys (Curve25519 and KEM) that the first already consumed.
 */
class OneTimePreKeyReuseTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices carol = new TestDevices("carol", 1);
  private final TestDevices bob = new TestDevices("bob", 1);

  @Test
  void aSecondFirstMessageOnAConsumedPrekeyIsRefused() throws Exception {
    PreKeyBundle handedTwice = bob.bundle(KemType.ML_KEM_1024);
    new SessionBuilder(alice.store, bob.address).process(handedTwice);
    new SessionBuilder(carol.store, bob.address).process(handedTwice);
    CiphertextMessage fromAlice = alice.cipherTo(bob).encrypt(new byte[] {1});
    CiphertextMessage fromCarol = carol.cipherTo(bob).encrypt(new byte[] {2});
    Guarded guardedBob = new Guarded(bob);
    guardedBob.receive(alice, fromAlice);
    assertEquals(0, bob.store.countPreKeys());
    guardedBob.watch(s -> s.addresses(alice.address, carol.address).preKeys(1));
    assertThrows(InvalidKeyIdException.class, () -> guardedBob.receive(carol, fromCarol));
    guardedBob.assertUntouched();
  }
}
