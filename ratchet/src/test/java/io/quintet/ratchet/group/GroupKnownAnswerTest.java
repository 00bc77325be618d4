package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.NoSessionException;
import io.quintet.core.QuintetException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.core.wire.SenderKeyVectors;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recorded sender-key sessions (vectors/libsignal/sender_keys.json, README section 2): 5
 * from libsignal-client 0.86.5 and 2 from signal-protocol-java 2.8.1, replayed through the
 * public API. Signature checks need XEdDSA.
 */
class GroupKnownAnswerTest {
  static List<SenderKeyVectors.Case> cases() {
    return SenderKeyVectors.cases();
  }

  private static final DeviceAddress ME =
      DeviceAddress.of(io.quintet.core.AccountId.of("receiver"), io.quintet.core.DeviceId.of(1));

  private static InMemoryProtocolStore storeWith(SenderKeyVectors.Case c) throws Exception {
    InMemoryProtocolStore store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1);
    GroupSessionBuilder builder = new GroupSessionBuilder(store);
    SenderKeyDistributionMessage skdm = SenderKeyDistributionMessage.parse(c.distribution);
    if (c.legacy) {
      builder.processLegacy(c.sender, c.distributionId, skdm);
    } else {
      builder.process(c.sender, skdm);
    }
    return store;
  }

  private static byte[] decrypt(GroupCipher cipher, SenderKeyVectors.Case c, byte[] wire)
      throws Exception {
    return c.legacy
        ? cipher.decryptLegacy(c.sender, c.distributionId, wire)
        : cipher.decrypt(c.sender, wire);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decryptsInReverseOrderAndReportsReplaysAsDuplicates(SenderKeyVectors.Case c)
      throws Exception {
    GroupCipher cipher = new GroupCipher(storeWith(c), ME);
    for (int i = c.messages.size() - 1; i >= 0; i--) {
      assertArrayEquals(c.messages.get(i).plaintext, decrypt(cipher, c, c.messages.get(i).serialized));
    }
    for (SenderKeyVectors.Message m : c.messages) {
      assertThrows(DuplicateMessageException.class, () -> decrypt(cipher, c, m.serialized));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aFlippedBitIsRejectedAndChangesNothing(SenderKeyVectors.Case c) throws Exception {
    InMemoryProtocolStore store = storeWith(c);
    GroupCipher cipher = new GroupCipher(store, ME);
    byte[] before = store.loadSenderKey(c.sender, c.distributionId).orElseThrow();
    for (SenderKeyVectors.Message m : c.messages) {
      for (int bit = 0; bit < m.serialized.length * 8; bit += 37) {
        byte[] bad = m.serialized.clone();
        bad[bit / 8] ^= (byte) (1 << (bit % 8));
        // A flip in the chain or distribution id names a key we do not have: NoSession.
        QuintetException e =
            assertThrows(QuintetException.class, () -> decrypt(cipher, c, bad), "bit " + bit);
        assertTrue(
            e instanceof InvalidMessageException || e instanceof NoSessionException, "bit " + bit);
        assertFalse(e instanceof DuplicateMessageException, "bit " + bit);
        assertArrayEquals(before, store.loadSenderKey(c.sender, c.distributionId).orElseThrow());
      }
    }
    // The untouched messages still decrypt afterwards.
    for (SenderKeyVectors.Message m : c.messages) {
      assertArrayEquals(m.plaintext, decrypt(cipher, c, m.serialized));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theOtherLayoutsEntryPointRefusesTheMessages(SenderKeyVectors.Case c) throws Exception {
    GroupCipher cipher = new GroupCipher(storeWith(c), ME);
    byte[] wire = c.messages.get(0).serialized;
    assertThrows(
        InvalidMessageException.class,
        () -> {
          if (c.legacy) {
            cipher.decrypt(c.sender, wire);
          } else {
            cipher.decryptLegacy(c.sender, c.distributionId, wire);
          }
        });
    assertEquals(c.messages.get(0).plaintext.length, decrypt(cipher, c, wire).length);
  }
}
