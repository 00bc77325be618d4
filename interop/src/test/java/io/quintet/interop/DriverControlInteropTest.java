package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Controls for {@link Conversation}: each reference library talks to itself under the same
 * schedules the Quintet tests use. If a schedule were one that Signal sessions cannot survive
 * (a message outliving its receiving chain, a "duplicate" that is not one), these fail first,
 * so a failure elsewhere points at Quintet, not at the driver.
 */
class DriverControlInteropTest {
  @Test
  void libsignalTalksToItself() throws Exception {
    long seed = Seeds.next();
    LibsignalDevice alice = new LibsignalDevice("alice");
    LibsignalDevice bob = new LibsignalDevice("bob");
    alice.process("bob", bob.publishBundle(true));
    Conversation.Stats s =
        Conversation.run(alice.session("bob"), bob.session("alice"), 1000, seed, false);
    assertSchedule(s, seed);
  }

  @Test
  void signalProtocolJavaTalksToItself() throws Exception {
    long seed = Seeds.next();
    LegacyDevice alice = LegacyDevice.create("alice");
    LegacyDevice bob = LegacyDevice.create("bob");
    alice.process("bob", bob.publishBundle(true));
    Conversation.Stats s =
        Conversation.run(alice.session("bob"), bob.session("alice"), 1000, seed, false);
    assertSchedule(s, seed);
  }

  private static void assertSchedule(Conversation.Stats s, long seed) {
    s.assertExercised(1000, seed);
    // Bob cannot send before hearing from Alice, so Alice's first messages are PreKey messages.
    assertTrue(s.preKeyMessages() >= 1, "seed=" + seed + " no PreKey message: " + s);
  }
}
