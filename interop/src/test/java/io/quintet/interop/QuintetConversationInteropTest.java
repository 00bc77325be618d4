package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.ratchet.SessionPolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quintet with Quintet: PQXDH with ML-KEM-1024 (Quintet's default KEM, which libsignal 0.86.5
 * does not speak) and with Kyber-1024, and X3DH where the policy allows it, under the same
 * randomized schedule as the cross-library tests.
 */
class QuintetConversationInteropTest {
  @ParameterizedTest(name = "{0}, one-time prekey: {1}")
  @CsvSource({"ML_KEM_1024, true", "ML_KEM_1024, false", "KYBER_1024, true", "X3DH, true"})
  void conversation(String kem, boolean oneTimePreKey) throws Exception {
    long seed = Seeds.next();
    boolean x3dh = kem.equals("X3DH");
    SessionPolicy policy = SessionPolicy.builder().allowX3dh(x3dh).build();
    QuintetDevice alice = new QuintetDevice("alice", policy);
    QuintetDevice bob = new QuintetDevice("bob", policy);
    PreKeyBundle bundle = bob.publishBundle(oneTimePreKey, x3dh ? null : KemType.valueOf(kem));
    alice.process("bob", bundle);

    Peer a = alice.session("bob");
    Peer b = bob.session("alice");
    byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
    Wire first = a.encrypt(hello);
    assertEquals(Wire.PREKEY, first.type(), "seed=" + seed);
    PreKeySignalMessage parsed = PreKeySignalMessage.parse(first.bytes());
    assertEquals(x3dh ? 3 : 4, parsed.version(), "seed=" + seed);
    if (!x3dh) {
      assertEquals(KemType.valueOf(kem).typeByte(), parsed.kemCiphertext()[0], "seed=" + seed);
    }
    assertEquals("hello", new String(b.decrypt(first), StandardCharsets.UTF_8), "seed=" + seed);

    Conversation.run(a, b, 1000, seed, true).assertExercised(1000, seed);
  }
}
