package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.QuintetException;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.ratchet.SessionPolicy;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message from a peer library with a flipped byte is refused by Quintet with a typed
 * {@link QuintetException} (never a runtime exception, never a wrong plaintext), and leaves
 * nothing behind: afterwards the genuine message still decrypts and the session goes on.
 *
 * <p>Covered: every byte of the peer's PreKey message (all eight bits at once), and every bit
 * of three ordinary messages — one that starts a new receiving chain, one that skips ahead,
 * and the skipped one (decrypted from a stored key, which a forgery must not consume). Not
 * covered, because Signal's format does not authenticate them (libsignal accepts such flips
 * too): the PreKey message's registration id (field 5) and the low nibble of its version byte.
 */
class TamperedMessageInteropTest {
  private static final int REGISTRATION_ID_FIELD = 5;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"libsignal", "signal-protocol-java"})
  void flippedBytesAreRefusedAndTheSessionGoesOn(String library) throws Exception {
    long seed = Seeds.next();
    Peer a;
    Peer b;
    if (library.equals("libsignal")) {
      QuintetDevice bob = new QuintetDevice("bob", SessionPolicy.DEFAULT);
      LibsignalDevice alice = new LibsignalDevice("alice");
      alice.process("bob", bob.publishBundle(true, KemType.KYBER_1024));
      a = alice.session("bob");
      b = bob.session("alice");
    } else {
      SessionPolicy x3dh = SessionPolicy.builder().allowX3dh(true).build();
      QuintetDevice bob = new QuintetDevice("bob", x3dh);
      LegacyDevice alice = LegacyDevice.create("alice");
      PreKeyBundle bundle = bob.publishBundle(true, null);
      alice.process("bob", bundle);
      a = alice.session("bob");
      b = bob.session("alice");
    }
    String ctx = "seed=" + seed + " " + library;

    Wire first = a.encrypt(utf8("first"));
    assertEquals(Wire.PREKEY, first.type(), ctx);
    BitSet unauthenticated = ProtobufFields.positionsOf(first.bytes(), REGISTRATION_ID_FIELD);
    assertFalse(unauthenticated.isEmpty(), ctx + ": no registration id in the PreKey message");
    int tried = 0;
    for (int i = 0; i < first.bytes().length; i++) {
      if (!unauthenticated.get(i)) {
        assertRefused(b, first.withByteFlipped(i, 0xFF), ctx + " PreKey byte " + i);
        tried++;
      }
    }
    assertEquals(first.bytes().length - unauthenticated.cardinality(), tried, ctx);
    assertArrayEquals(utf8("first"), b.decrypt(first), ctx);
    assertArrayEquals(utf8("reply"), a.decrypt(b.encrypt(utf8("reply"))), ctx);

    Wire newChain = a.encrypt(utf8("m1"));
    Wire skipped = a.encrypt(utf8("m2"));
    Wire ahead = a.encrypt(utf8("m3"));
    assertEquals(Wire.WHISPER, newChain.type(), ctx);
    assertEveryBitRefused(b, newChain, ctx + " m1 (new chain)");
    assertArrayEquals(utf8("m1"), b.decrypt(newChain), ctx);
    assertEveryBitRefused(b, ahead, ctx + " m3 (skips m2)");
    assertArrayEquals(utf8("m3"), b.decrypt(ahead), ctx);
    assertEveryBitRefused(b, skipped, ctx + " m2 (stored key)");
    assertArrayEquals(utf8("m2"), b.decrypt(skipped), ctx);
    assertThrows(DuplicateMessageException.class, () -> b.decrypt(skipped), ctx);

    Conversation.run(a, b, 100, seed, true).assertExercised(100, seed);
  }

  private static void assertEveryBitRefused(Peer receiver, Wire message, String ctx) {
    for (int i = 0; i < message.bytes().length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        assertRefused(receiver, message.withByteFlipped(i, 1 << bit), ctx + " byte " + i + " bit " + bit);
      }
    }
  }

  private static void assertRefused(Peer receiver, Wire forged, String ctx) {
    assertThrows(QuintetException.class, () -> receiver.decrypt(forged), ctx);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
