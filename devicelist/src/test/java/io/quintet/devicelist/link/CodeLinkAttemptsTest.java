package io.quintet.devicelist.link;

import static io.quintet.devicelist.link.CodeLinkFixture.expect;
import static io.quintet.devicelist.link.CodeLinkFixture.mistyped;
import static io.quintet.devicelist.link.CodeLinkFixture.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.link.CodeLinkException.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The primary's per-account limit of failed attempts and its sliding window. */
class CodeLinkAttemptsTest {
  private final CodeLinkFixture alice =
      new CodeLinkFixture("alice", LinkPolicy.builder().codeLinkFailures(3, Duration.ofHours(1)).build());

  /** One failed attempt: a request answered with a mistyped code. */
  private void fail() throws Exception {
    CodeLinkRequest r = alice.request(IdentityKeyPair.generate());
    byte[] response = alice.approver.respond(r.hello(), mistyped(shown(r)), alice.now());
    expect(Reason.WRONG_CODE, () -> r.confirm(response, alice.now()));
  }

  @Test
  void theDefaultsAreFivePerHourAndTheSettingsAreBounded() {
    assertEquals(5, LinkPolicy.DEFAULT.codeLinkFailures());
    assertEquals(Duration.ofHours(1), LinkPolicy.DEFAULT.codeLinkFailureWindow());
    assertThrows(IllegalArgumentException.class,
        () -> LinkPolicy.builder().codeLinkFailures(0, Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class,
        () -> LinkPolicy.builder().codeLinkFailures(101, Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class,
        () -> LinkPolicy.builder().codeLinkFailures(5, Duration.ofSeconds(59)));
    assertThrows(IllegalArgumentException.class,
        () -> LinkPolicy.builder().codeLinkFailures(5, Duration.ofDays(8)));
  }

  @Test
  void afterTheLimitEvenTheRightCodeIsRefusedUntilTheWindowPasses() throws Exception {
    fail();
    fail();
    fail();
    CodeLinkRequest r = alice.request(IdentityKeyPair.generate());
    CodeLinkException e =
        expect(Reason.TOO_MANY_ATTEMPTS, () -> alice.approver.respond(r.hello(), shown(r), alice.now()));
    assertTrue(e.getMessage().contains("2026-11-25T11:00:00Z"), e.getMessage());
    alice.clock.advance(Duration.ofMinutes(59).plusSeconds(59));
    CodeLinkRequest r2 = alice.request(IdentityKeyPair.generate());
    expect(Reason.TOO_MANY_ATTEMPTS, () -> alice.approver.respond(r2.hello(), shown(r2), alice.now()));
    alice.clock.advance(Duration.ofSeconds(1));
    CodeLinkRequest r3 = alice.request(IdentityKeyPair.generate());
    assertEquals(1, alice.link(r3).entries().size(), "the window has passed");
  }

  @Test
  void theWindowSlides() throws Exception {
    fail(); // t0
    alice.clock.advance(Duration.ofMinutes(20));
    fail(); // t0 + 20
    alice.clock.advance(Duration.ofMinutes(20));
    fail(); // t0 + 40
    alice.clock.advance(Duration.ofMinutes(21)); // t0 + 61: the first has left the window
    assertEquals(2, alice.approver.failedAttempts(alice.now()));
    fail(); // t0 + 61
    CodeLinkRequest r = alice.request(IdentityKeyPair.generate());
    expect(Reason.TOO_MANY_ATTEMPTS, () -> alice.approver.respond(r.hello(), shown(r), alice.now()));
    alice.clock.advance(Duration.ofMinutes(19)); // t0 + 80: the second leaves
    CodeLinkRequest r2 = alice.request(IdentityKeyPair.generate());
    assertEquals(1, alice.link(r2).entries().size());
  }

  @Test
  void aConfirmedAttemptIsForgivenAnUnansweredOneIsNot() throws Exception {
    fail();
    fail();
    alice.link(alice.request(IdentityKeyPair.generate()));
    assertEquals(2, alice.approver.failedAttempts(alice.now()));
    // An exchange the companion never answers (the server keeps cB and walks away) counts.
    CodeLinkRequest silent = alice.request(IdentityKeyPair.generate());
    alice.approver.respond(silent.hello(), shown(silent), alice.now());
    assertEquals(3, alice.approver.failedAttempts(alice.now()));
    CodeLinkRequest r = alice.request(IdentityKeyPair.generate());
    expect(Reason.TOO_MANY_ATTEMPTS, () -> alice.approver.respond(r.hello(), shown(r), alice.now()));
  }

  @Test
  void refusedMessagesCostNothingSoGarbageCannotLockTheAccount() throws Exception {
    CodeLinkRequest r = alice.request(IdentityKeyPair.generate());
    for (int i = 0; i < 200; i++) {
      byte[] junk = Rng.bytes(i);
      assertThrows(CodeLinkException.class, () -> alice.approver.respond(junk, shown(r), alice.now()));
      assertThrows(CodeLinkException.class, () -> alice.approver.approve(junk, alice.now()));
    }
    expect(Reason.INVALID_CODE, () -> alice.approver.respond(r.hello(), "0OIU-0OIU", alice.now()));
    expect(Reason.INVALID_CODE, () -> alice.approver.respond(r.hello(), "ABC", alice.now()));
    assertEquals(0, alice.approver.failedAttempts(alice.now()));
    assertEquals(1, alice.link(r).entries().size(), "the request survived all of it");
  }

  @Test
  void refusalsNeitherExtendTheLockoutNorSpendTheRequest() throws Exception {
    CodeLinkFixture quick =
        new CodeLinkFixture("dave", LinkPolicy.builder().codeLinkFailures(1, Duration.ofMinutes(2)).build());
    CodeLinkRequest failed = quick.request(IdentityKeyPair.generate());
    byte[] response = quick.approver.respond(failed.hello(), mistyped(shown(failed)), quick.now());
    expect(Reason.WRONG_CODE, () -> failed.confirm(response, quick.now()));

    CodeLinkRequest waiting = quick.request(IdentityKeyPair.generate()); // its code lives 3 minutes
    for (int i = 0; i < 5; i++) {
      expect(Reason.TOO_MANY_ATTEMPTS,
          () -> quick.approver.respond(waiting.hello(), shown(waiting), quick.now()));
    }
    assertEquals(1, quick.approver.failedAttempts(quick.now()));
    quick.clock.advance(Duration.ofMinutes(2));
    assertEquals(1, quick.link(waiting).entries().size(), "same request, same code, window passed");
  }
}
