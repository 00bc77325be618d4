package io.quintet.ratchet.hostile;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.InvalidVersionException;
import io.quintet.core.keys.KemType;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionPolicy;
import io.quintet.ratchet.TestDevices;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Version bytes from the past (v2), the future (v5), or another session (v3 on a v4 session),
 * and X3DH first messages where the policy demands PQXDH: {@link InvalidVersionException}.
 */
class WrongVersionTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);

  private static byte[] withVersionByte(byte[] message, int versionByte) {
    byte[] out = message.clone();
    out[0] = (byte) versionByte;
    return out;
  }

  @Test
  void pairwiseMessages() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {1});
    Guarded guardedBob = new Guarded(bob).watch(s -> s.addresses(alice.address).preKeys(1));
    for (int v : new int[] {0x24, 0x54, 0xF4}) {
      assertThrows(InvalidVersionException.class, () -> guardedBob.cipherFrom(alice)
          .decrypt(CiphertextMessage.Type.PREKEY, withVersionByte(first.serialize(), v)));
    }
    guardedBob.assertUntouched();
    guardedBob.receive(alice, first);
    CiphertextMessage reply = bob.cipherTo(alice).encrypt(new byte[] {2});
    alice.cipherTo(bob).decrypt(reply.type(), reply.serialize());
    CiphertextMessage next = alice.cipherTo(bob).encrypt(new byte[] {3});
    guardedBob.watch(s -> s.addresses(alice.address));
    for (int v : new int[] {0x24, 0x54, 0x34}) { // 0x34: a v3 message on a v4 session
      assertThrows(InvalidVersionException.class, () -> guardedBob.cipherFrom(alice)
          .decrypt(CiphertextMessage.Type.WHISPER, withVersionByte(next.serialize(), v)));
    }
    guardedBob.assertUntouched();
  }

  @Test
  void x3dhFirstMessagesAreRefusedByDefault() throws Exception {
    alice.startSessionWith(bob, null);
    CiphertextMessage v3 = alice.cipherTo(bob).encrypt(new byte[] {1});
    Guarded guardedBob = new Guarded(bob).watch(s -> s.addresses(alice.address).preKeys(1));
    assertThrows(InvalidVersionException.class,
        () -> guardedBob.cipherFrom(alice, SessionPolicy.DEFAULT).decrypt(v3.type(), v3.serialize()));
    guardedBob.assertUntouched();
  }

  @Test
  void groupMessagesAndDistributions() throws Exception {
    UUID group = UUID.randomUUID();
    GroupGuarded carol = new GroupGuarded("carol");
    GroupGuarded dave = new GroupGuarded("dave");
    byte[] skdm = carol.builder.create(carol.address, group).serialize();
    for (int v : new int[] {0x22, 0x43}) {
      assertThrows(InvalidVersionException.class,
          () -> SenderKeyDistributionMessage.parse(withVersionByte(skdm, v)));
    }
    dave.builder.process(carol.address, SenderKeyDistributionMessage.parse(skdm));
    byte[] message = carol.cipher.encrypt(group, new byte[] {1});
    dave.watch(carol.address, group);
    for (int v : new int[] {0x23, 0x43, 0x13}) {
      assertThrows(InvalidVersionException.class,
          () -> dave.cipher.decrypt(carol.address, withVersionByte(message, v)));
    }
    dave.assertUntouched();
  }
}
