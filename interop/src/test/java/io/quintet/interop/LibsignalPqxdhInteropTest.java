package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.core.wire.SignalMessage;
import io.quintet.ratchet.SessionPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PQXDH with Kyber-1024 prekeys against libsignal-client 0.86.5, each side initiating, with and
 * without a one-time prekey, then 1 000 messages each way under a randomized schedule.
 *
 * <p>libsignal 0.86.5 offers SPQR (field 5 of its SignalMessage) until its peer answers; Quintet
 * answers without it, and libsignal must fall back to the classic Double Ratchet for good.
 */
class LibsignalPqxdhInteropTest {
  private static final int MESSAGES = 1000;

  @ParameterizedTest(name = "one-time prekey: {0}")
  @ValueSource(booleans = {true, false})
  void quintetInitiatesWithLibsignalBundle(boolean oneTimePreKey) throws Exception {
    long seed = Seeds.next();
    QuintetDevice alice = new QuintetDevice("alice", SessionPolicy.DEFAULT);
    LibsignalDevice bob = new LibsignalDevice("bob");
    PreKeyBundle bundle = bob.publishBundle(oneTimePreKey);
    alice.process("bob", bundle);
    Peer a = alice.session("bob");
    Peer b = bob.session("alice");

    Wire first = a.encrypt(utf8("hello from quintet"));
    assertEquals(Wire.PREKEY, first.type(), "seed=" + seed);
    PreKeySignalMessage parsed = PreKeySignalMessage.parse(first.bytes());
    assertEquals(4, parsed.version(), "seed=" + seed);
    assertEquals(KemType.KYBER_1024.typeByte(), parsed.kemCiphertext()[0], "seed=" + seed);
    assertArrayEquals(utf8("hello from quintet"), b.decrypt(first), "seed=" + seed);
    assertEquals(bundle.registrationId(), a.remoteRegistrationId(), "seed=" + seed);
    assertEquals(alice.store().localRegistrationId(), b.remoteRegistrationId(), "seed=" + seed);
    bundle.oneTimePreKeyId().ifPresent(id ->
        assertFalse(bob.store().containsPreKey(id), "seed=" + seed + ": one-time prekey kept"));

    Conversation.run(a, b, MESSAGES, seed, true).assertExercised(MESSAGES, seed);
  }

  @ParameterizedTest(name = "one-time prekey: {0}")
  @ValueSource(booleans = {true, false})
  void libsignalInitiatesWithQuintetBundle(boolean oneTimePreKey) throws Exception {
    long seed = Seeds.next();
    LibsignalDevice alice = new LibsignalDevice("alice");
    QuintetDevice bob = new QuintetDevice("bob", SessionPolicy.DEFAULT);
    PreKeyBundle bundle = bob.publishBundle(oneTimePreKey, KemType.KYBER_1024);
    alice.process("bob", bundle);
    Peer a = alice.session("bob");
    Peer b = bob.session("alice");

    Wire first = a.encrypt(utf8("hello from libsignal"));
    assertEquals(Wire.PREKEY, first.type(), "seed=" + seed);
    PreKeySignalMessage parsed = PreKeySignalMessage.parse(first.bytes());
    assertEquals(4, parsed.version(), "seed=" + seed);
    // libsignal offers SPQR in its first messages; Quintet ignores the field.
    assertTrue(parsed.message().pqRatchet().length > 0, "seed=" + seed + ": no SPQR offer");
    assertArrayEquals(utf8("hello from libsignal"), b.decrypt(first), "seed=" + seed);
    assertEquals(bundle.registrationId(), a.remoteRegistrationId(), "seed=" + seed);
    assertEquals(alice.store().getLocalRegistrationId(), b.remoteRegistrationId(), "seed=" + seed);
    // One-time prekeys (EC and KEM) are consumed; a last-resort KEM prekey stays.
    bundle.oneTimePreKeyId().ifPresent(id -> assertTrue(bob.store().loadPreKey(id).isEmpty(),
        "seed=" + seed + ": one-time prekey kept"));
    assertEquals(!oneTimePreKey, bob.store().loadKemPreKey(bundle.kemPreKeyId().get()).isPresent(),
        "seed=" + seed + ": KEM prekey");

    Conversation.run(a, b, MESSAGES, seed, true).assertExercised(MESSAGES, seed);

    // The answer without SPQR made libsignal fall back to the classic ratchet for good.
    Wire after = a.encrypt(utf8("still classic"));
    assertEquals(Wire.WHISPER, after.type(), "seed=" + seed);
    assertEquals(0, SignalMessage.parse(after.bytes()).pqRatchet().length,
        "seed=" + seed + ": libsignal still sends SPQR data after the fallback");
    assertArrayEquals(utf8("still classic"), b.decrypt(after), "seed=" + seed);
  }

  /**
   * A long unanswered start: every first message libsignal sends carries SPQR data, and Quintet
   * decrypts all of them (in any order) without it — libsignal does not mix SPQR keys into
   * message keys before the peer has answered with SPQR. Quintet's first reply ends the offer.
   */
  @Test
  void libsignalOffersSpqrUntilAnsweredThenFallsBack() throws Exception {
    long seed = Seeds.next();
    Random random = new Random(seed);
    LibsignalDevice alice = new LibsignalDevice("alice");
    QuintetDevice bob = new QuintetDevice("bob", SessionPolicy.DEFAULT);
    alice.process("bob", bob.publishBundle(true, KemType.KYBER_1024));
    Peer a = alice.session("bob");
    Peer b = bob.session("alice");

    List<Wire> unanswered = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Wire w = a.encrypt(utf8("unanswered #" + i));
      assertEquals(Wire.PREKEY, w.type(), "seed=" + seed);
      assertTrue(PreKeySignalMessage.parse(w.bytes()).message().pqRatchet().length > 0,
          "seed=" + seed + ": #" + i + " carries no SPQR data");
      unanswered.add(w);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < unanswered.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    for (int i : order) {
      assertArrayEquals(utf8("unanswered #" + i), b.decrypt(unanswered.get(i)),
          "seed=" + seed + ": #" + i);
    }
    Wire reply = b.encrypt(utf8("answer"));
    assertEquals(Wire.WHISPER, reply.type(), "seed=" + seed);
    assertEquals(0, SignalMessage.parse(reply.bytes()).pqRatchet().length, "seed=" + seed);
    assertArrayEquals(utf8("answer"), a.decrypt(reply), "seed=" + seed);

    Wire after = a.encrypt(utf8("classic now"));
    assertEquals(Wire.WHISPER, after.type(), "seed=" + seed);
    assertEquals(0, SignalMessage.parse(after.bytes()).pqRatchet().length,
        "seed=" + seed + ": libsignal still offers SPQR after a reply without it");
    assertArrayEquals(utf8("classic now"), b.decrypt(after), "seed=" + seed);
    Conversation.run(a, b, 100, seed, true).assertExercised(100, seed);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
