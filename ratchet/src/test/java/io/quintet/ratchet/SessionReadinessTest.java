package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.keys.KemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionCipher#hasSession}, {@link SessionCipher#sendingIdentity} and
 * {@link SessionCipher#remoteIdentity} agree: the sending identity is the session's remote
 * identity exactly when the session can encrypt now, and an unanswered session older than the
 * policy allows cannot (the sender then builds a new one).
 */
class SessionReadinessTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);

  private static SessionCipher at(TestDevices from, TestDevices to, Instant now) {
    return new SessionCipher(from.store, to.address, SessionPolicy.builder().allowX3dh(true)
        .maxUnacknowledgedAge(Duration.ofDays(30)).clock(Clock.fixed(now, ZoneOffset.UTC)).build());
  }

  @Test
  void noSessionMeansNoIdentity() {
    SessionCipher c = alice.cipherTo(bob);
    assertFalse(c.hasSession());
    assertEquals(Optional.empty(), c.sendingIdentity());
    assertEquals(Optional.empty(), c.remoteIdentity());
  }

  @Test
  void aFreshSessionSendsToThePeersIdentity() throws Exception {
    alice.startSessionWith(bob, KemType.KYBER_1024);
    SessionCipher c = alice.cipherTo(bob);
    assertTrue(c.hasSession());
    assertEquals(Optional.of(bob.store.identityKeyPair().identityKey()), c.sendingIdentity());
    assertEquals(c.remoteIdentity(), c.sendingIdentity());
  }

  @Test
  void anUnansweredSessionTooOldCannotSendButKeepsItsIdentity() throws Exception {
    alice.startSessionWith(bob, KemType.KYBER_1024);
    Instant later = Instant.now().plus(Duration.ofDays(31));
    SessionCipher c = at(alice, bob, later);
    assertFalse(c.hasSession());
    assertEquals(Optional.empty(), c.sendingIdentity());
    assertEquals(Optional.of(bob.store.identityKeyPair().identityKey()), c.remoteIdentity());
    assertTrue(at(alice, bob, Instant.now().plus(Duration.ofDays(29))).sendingIdentity().isPresent());
  }
}
