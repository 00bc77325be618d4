package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.keys.KemType;
import io.quintet.core.store.AppWriteException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app's writes commit with the ratchet step that produced them, or neither does. */
class TransactionHookTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);

  @Test
  void aFailingDecryptHookLeavesTheSessionAsItWasAndTheMessageDecryptable() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {1});
    assertThrows(AppWriteException.class, () -> bob.cipherTo(alice)
        .decrypt(first.type(), first.serialize(), plain -> {
          throw new IOException("disk full");
        }));
    assertFalse(bob.store.loadSession(alice.address).isPresent(), "no session committed");
    assertEquals(1, bob.store.countPreKeys(), "the one-time prekey is still there");

    List<byte[]> inbox = new ArrayList<>();
    byte[] plain = bob.cipherTo(alice).decrypt(first.type(), first.serialize(), inbox::add);
    assertArrayEquals(new byte[] {1}, plain);
    assertEquals(1, inbox.size());
    assertArrayEquals(plain, inbox.get(0));

    CiphertextMessage second = alice.cipherTo(bob).encrypt(new byte[] {2});
    byte[] before = bob.sessionWith(alice);
    AppWriteException e = assertThrows(AppWriteException.class, () -> bob.cipherTo(alice)
        .decrypt(second.type(), second.serialize(), p -> {
          throw new IllegalStateException("constraint violated");
        }));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertArrayEquals(before, bob.sessionWith(alice), "session byte-identical");
    assertArrayEquals(new byte[] {2},
        bob.cipherTo(alice).decrypt(second.type(), second.serialize(), inbox::add));
  }

  @Test
  void aFailingEncryptHookDoesNotUseAMessageKey() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    byte[] before = alice.sessionWith(bob);
    assertThrows(AppWriteException.class, () -> alice.cipherTo(bob).encrypt(new byte[] {1}, out -> {
      throw new IOException("outbox unavailable");
    }));
    assertArrayEquals(before, alice.sessionWith(bob));

    List<CiphertextMessage> outbox = new ArrayList<>();
    CiphertextMessage sent = alice.cipherTo(bob).encrypt(new byte[] {1}, outbox::add);
    assertEquals(List.of(sent), outbox);
    assertArrayEquals(new byte[] {1}, bob.cipherTo(alice).decrypt(sent.type(), sent.serialize()));
  }
}
