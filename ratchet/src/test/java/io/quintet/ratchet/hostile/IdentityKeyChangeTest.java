package io.quintet.ratchet.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.KemType;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionBuilder;
import io.quintet.ratchet.TestDevices;
import org.junit.jupiter.api.Test;

/** Someone presents a different identity key for a device the store already knows. */
class IdentityKeyChangeTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);
  private final TestDevices impostor = new TestDevices("alice", 1); // alice's address, new key

  @Test
  void aFirstMessageUnderASwappedKeyConsumesNoPrekeyAndStoresNothing() throws Exception {
    Guarded.exchange(alice, bob, KemType.ML_KEM_1024);
    bob.bundle(KemType.ML_KEM_1024); // prekeys with id 2 for the impostor to use
    impostor.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage forged = impostor.cipherTo(bob).encrypt(new byte[] {1});
    Guarded guardedBob = new Guarded(bob).watch(s -> s.addresses(alice.address).preKeys(1, 2));
    UntrustedIdentityException e =
        assertThrows(UntrustedIdentityException.class, () -> guardedBob.receive(impostor, forged));
    assertEquals(UntrustedIdentityException.Reason.IDENTITY_CHANGED, e.reason());
    assertEquals(alice.address, e.address());
    guardedBob.assertUntouched();
  }

  @Test
  void aBundleUnderASwappedKeyStartsNoSession() throws Exception {
    Guarded.exchange(bob, alice, KemType.ML_KEM_1024);
    Guarded guardedBob = new Guarded(bob).watch(s -> s.addresses(alice.address));
    UntrustedIdentityException e = assertThrows(UntrustedIdentityException.class,
        () -> new SessionBuilder(guardedBob.store(), alice.address)
            .process(impostor.bundle(KemType.ML_KEM_1024)));
    assertEquals(UntrustedIdentityException.Reason.IDENTITY_CHANGED, e.reason());
    guardedBob.assertUntouched();
  }
}
