package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.ratchet.SessionPolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * X3DH (message version 3) against signal-protocol-java 2.8.1, each side initiating, with and
 * without a one-time prekey, then 1 000 messages each way. Quintet needs
 * {@code allowX3dh(true)}; with its default policy it refuses both directions, typed.
 */
class LegacyX3dhInteropTest {
  private static final int MESSAGES = 1000;
  private static final SessionPolicy X3DH = SessionPolicy.builder().allowX3dh(true).build();

  @ParameterizedTest(name = "one-time prekey: {0}")
  @ValueSource(booleans = {true, false})
  void quintetInitiatesWithLegacyBundle(boolean oneTimePreKey) throws Exception {
    long seed = Seeds.next();
    QuintetDevice alice = new QuintetDevice("alice", X3DH);
    LegacyDevice bob = LegacyDevice.create("bob");
    PreKeyBundle bundle = bob.publishBundle(oneTimePreKey);
    alice.process("bob", bundle);
    Peer a = alice.session("bob");
    Peer b = bob.session("alice");

    Wire first = a.encrypt(utf8("hello from quintet"));
    assertEquals(Wire.PREKEY, first.type(), "seed=" + seed);
    assertEquals(3, PreKeySignalMessage.parse(first.bytes()).version(), "seed=" + seed);
    assertArrayEquals(utf8("hello from quintet"), b.decrypt(first), "seed=" + seed);
    assertEquals(bundle.registrationId(), a.remoteRegistrationId(), "seed=" + seed);
    assertEquals(alice.store().localRegistrationId(), b.remoteRegistrationId(), "seed=" + seed);

    Conversation.run(a, b, MESSAGES, seed, true).assertExercised(MESSAGES, seed);
  }

  @ParameterizedTest(name = "one-time prekey: {0}")
  @ValueSource(booleans = {true, false})
  void legacyInitiatesWithQuintetBundle(boolean oneTimePreKey) throws Exception {
    long seed = Seeds.next();
    LegacyDevice alice = LegacyDevice.create("alice");
    QuintetDevice bob = new QuintetDevice("bob", X3DH);
    PreKeyBundle bundle = bob.publishBundle(oneTimePreKey, null);
    alice.process("bob", bundle);
    Peer a = alice.session("bob");
    Peer b = bob.session("alice");

    Wire first = a.encrypt(utf8("hello from signal-protocol-java"));
    assertEquals(Wire.PREKEY, first.type(), "seed=" + seed);
    assertArrayEquals(utf8("hello from signal-protocol-java"), b.decrypt(first), "seed=" + seed);
    assertEquals(bundle.registrationId(), a.remoteRegistrationId(), "seed=" + seed);
    assertEquals(alice.registrationId(), b.remoteRegistrationId(), "seed=" + seed);
    bundle.oneTimePreKeyId().ifPresent(id -> assertTrue(bob.store().loadPreKey(id).isEmpty(),
        "seed=" + seed + ": one-time prekey kept"));

    Conversation.run(a, b, MESSAGES, seed, true).assertExercised(MESSAGES, seed);
  }

  @Test
  void defaultPolicyRefusesX3dhBothWays() throws Exception {
    QuintetDevice quintet = new QuintetDevice("quintet", SessionPolicy.DEFAULT);
    LegacyDevice legacy = LegacyDevice.create("legacy");
    InvalidKeyException noKem =
        assertThrows(InvalidKeyException.class,
            () -> quintet.process("legacy", legacy.publishBundle(true)));
    assertTrue(noKem.getMessage().contains("X3DH is not allowed"), noKem.getMessage());

    legacy.process("quintet", quintet.publishBundle(true, null));
    Wire first = legacy.session("quintet").encrypt(utf8("hi"));
    assertThrows(InvalidVersionException.class, () -> quintet.session("legacy").decrypt(first));
    assertTrue(quintet.store().loadSession(QuintetDevice.address("legacy")).isEmpty());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
