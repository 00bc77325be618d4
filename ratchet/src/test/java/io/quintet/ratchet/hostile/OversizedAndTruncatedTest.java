package io.quintet.ratchet.hostile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.Limits;
import io.quintet.core.NoSessionException;
import io.quintet.core.keys.KemType;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.TestDevices;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every wire type cut short at every length, extended by one byte, and padded past {@link
 * Limits#MAX_MESSAGE_BYTES}: always a typed refusal, never a write.
 */
class OversizedAndTruncatedTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);

  /** Every proper prefix, the message plus one byte, and one byte over the size limit. */
  private static byte[][] damaged(byte[] genuine) {
    byte[][] out = new byte[genuine.length + 2][];
    for (int n = 0; n < genuine.length; n++) {
      out[n] = Arrays.copyOf(genuine, n);
    }
    out[genuine.length] = Arrays.copyOf(genuine, genuine.length + 1);
    out[genuine.length + 1] = Arrays.copyOf(genuine, Limits.MAX_MESSAGE_BYTES + 1);
    return out;
  }

  @Test
  void pairwiseMessagesOfBothTypes() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {1});
    Guarded guardedBob = new Guarded(bob);
    guardedBob.watch(s -> s.addresses(alice.address).preKeys(1));
    for (byte[] bad : damaged(first.serialize())) {
      assertThrowsExactly(InvalidMessageException.class,
          () -> guardedBob.cipherFrom(alice).decrypt(CiphertextMessage.Type.PREKEY, bad));
    }
    guardedBob.assertUntouched();
    guardedBob.receive(alice, first);
    CiphertextMessage whisper = bob.cipherTo(alice).encrypt(new byte[] {2});
    alice.cipherTo(bob).decrypt(whisper.type(), whisper.serialize());
    CiphertextMessage next = alice.cipherTo(bob).encrypt(new byte[] {3});
    guardedBob.watch(s -> s.addresses(alice.address));
    for (byte[] bad : damaged(next.serialize())) {
      assertThrowsExactly(InvalidMessageException.class,
          () -> guardedBob.cipherFrom(alice).decrypt(CiphertextMessage.Type.WHISPER, bad));
    }
    guardedBob.assertUntouched();
  }

  @Test
  void groupMessagesAndDistributions() throws Exception {
    UUID group = UUID.randomUUID();
    GroupGuarded carol = new GroupGuarded("carol");
    GroupGuarded dave = new GroupGuarded("dave");
    SenderKeyDistributionMessage skdm = carol.builder.create(carol.address, group);
    for (byte[] bad : damaged(skdm.serialize())) {
      assertThrowsExactly(InvalidMessageException.class,
          () -> SenderKeyDistributionMessage.parse(bad));
    }
    dave.builder.process(carol.address, skdm);
    byte[] message = carol.cipher.encrypt(group, new byte[] {1});
    dave.watch(carol.address, group);
    for (byte[] bad : damaged(message)) {
      Exception e = assertThrows(Exception.class, () -> dave.cipher.decrypt(carol.address, bad));
      assertTrue(e instanceof InvalidMessageException || e instanceof NoSessionException,
          () -> "untyped refusal of " + bad.length + " bytes: " + e);
    }
    dave.assertUntouched();
  }
}
