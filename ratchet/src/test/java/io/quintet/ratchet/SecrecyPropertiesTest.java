package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.KemType;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward secrecy and post-compromise security, checked on stolen copies of a state. */
class SecrecyPropertiesTest {

  /** A thief's copy of {@code victim}'s session with {@code peer}, taken now. */
  private static SessionCipher steal(TestDevices victim, TestDevices peer) {
    InMemoryProtocolStore copy =
        InMemoryProtocolStore.create(
            victim.store.identityKeyPair(), victim.store.localRegistrationId());
    copy.storeSession(peer.address, victim.sessionWith(peer));
    return new SessionCipher(copy, peer.address);
  }

  private static SessionCipher[] established(TestDevices alice, TestDevices bob) throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    SessionCipher a = alice.cipherTo(bob);
    SessionCipher b = bob.cipherTo(alice);
    CiphertextMessage hello = a.encrypt(new byte[] {0});
    b.decrypt(hello.type(), hello.serialize());
    return new SessionCipher[] {a, b};
  }

  @Test
  void aStateCopiedAfterDecryptingCannotDecryptThoseMessagesAgain() {
    qt().withExamples(15)
        .forAll(integers().between(1, 30), integers().between(0, 3))
        .checkAssert(
            (count, turns) -> {
              try {
                TestDevices alice = new TestDevices("alice", 1);
                TestDevices bob = new TestDevices("bob", 1);
                SessionCipher[] c = established(alice, bob);
                List<CiphertextMessage> seen = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                  if (turns > 0 && i % (count / turns + 1) == 0) { // some DH turns in between
                    CiphertextMessage r = c[1].encrypt(new byte[] {9});
                    c[0].decrypt(r.type(), r.serialize());
                  }
                  CiphertextMessage m = c[0].encrypt(new byte[] {(byte) i});
                  assertArrayEquals(new byte[] {(byte) i}, c[1].decrypt(m.type(), m.serialize()));
                  seen.add(m);
                }
                SessionCipher thief = steal(bob, alice);
                for (CiphertextMessage m : seen) {
                  assertThrows(DuplicateMessageException.class,
                      () -> thief.decrypt(m.type(), m.serialize()),
                      "a stolen state decrypted an old message");
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void aStateCopiedBeforeAFullRoundTripCannotDecryptWhatFollows() {
    qt().withExamples(15)
        .forAll(integers().between(0, 10))
        .checkAssert(
            extra -> {
              try {
                TestDevices alice = new TestDevices("alice", 1);
                TestDevices bob = new TestDevices("bob", 1);
                SessionCipher[] c = established(alice, bob);
                SessionCipher thief = steal(bob, alice);
                // A full DH round trip past the theft: Bob's next key (made after the theft)
                // must reach Alice and Alice must answer it. Until then Alice keeps sending on a
                // chain the thief can derive (from Bob's stolen ratchet key), as the protocol says.
                CiphertextMessage fromBob = c[1].encrypt(new byte[] {1});
                c[0].decrypt(fromBob.type(), fromBob.serialize());
                CiphertextMessage fromAlice = c[0].encrypt(new byte[] {2});
                c[1].decrypt(fromAlice.type(), fromAlice.serialize());
                CiphertextMessage fromBobsNewKey = c[1].encrypt(new byte[] {3});
                c[0].decrypt(fromBobsNewKey.type(), fromBobsNewKey.serialize());
                for (int i = 0; i <= extra; i++) {
                  CiphertextMessage m = c[0].encrypt(new byte[] {(byte) i});
                  assertThrows(InvalidMessageException.class,
                      () -> thief.decrypt(m.type(), m.serialize()),
                      "a state stolen before the round trip decrypted a later message");
                  assertArrayEquals(new byte[] {(byte) i}, c[1].decrypt(m.type(), m.serialize()));
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }
}
