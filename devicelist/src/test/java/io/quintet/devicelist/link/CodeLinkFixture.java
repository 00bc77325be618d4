package io.quintet.devicelist.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.quintet.core.AccountId;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.PrimaryDevices;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.internal.pake.TestPasswords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One account (a primary, its device list and its code-link approver) on a clock tests move,
 * plus helpers to run the five messages. Passwords use the cheapest Argon2id cost.
 */
final class CodeLinkFixture {
  static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  final TestClock clock = new TestClock(START);
  final AccountId account;
  final IdentityKeyPair primary = IdentityKeyPair.generate();
  final PrimaryDevices devices;
  final CodeLinkApprover approver;

  CodeLinkFixture() {
    this("alice", LinkPolicy.DEFAULT);
  }

  CodeLinkFixture(String account, LinkPolicy policy) {
    this.account = AccountId.of(account);
    this.devices = PrimaryDevices.create(primary, this.account, policy, clock);
    this.approver = CodeLinkApprover.create(devices, TestPasswords::cheap);
  }

  Instant now() {
    return clock.instant();
  }

  /** A fresh companion's request to join this account. */
  CodeLinkRequest request(IdentityKeyPair companion) throws CodeLinkException {
    return request(companion, account, primary.identityKey());
  }

  CodeLinkRequest request(IdentityKeyPair companion, AccountId target, IdentityKey primaryKey)
      throws CodeLinkException {
    return CodeLinkRequest.builder(companion, target, primaryKey)
        .alreadyLinked(false)
        .passwords(TestPasswords::cheap)
        .start(now());
  }

  /** The code as the user reads it off the companion's screen. */
  static String shown(CodeLinkRequest request) {
    return request.code().display();
  }

  /** The same code with one character changed: what a user who mistyped enters. */
  static String mistyped(String code) {
    String plain = code.replace("-", "");
    char c = plain.charAt(3);
    char other = LinkCode.ALPHABET.charAt((LinkCode.ALPHABET.indexOf(c) + 1) % 32);
    return plain.substring(0, 3) + other + plain.substring(4);
  }

  /** The five messages of an honest run; returns the list the primary publishes. */
  SignedDeviceList link(CodeLinkRequest request) throws Exception {
    byte[] response = approver.respond(request.hello(), shown(request), now());
    byte[] confirmation = request.confirm(response, now());
    byte[] sealed = approver.approve(confirmation, now());
    request.open(sealed, now());
    return approver.complete(request.reply(), now());
  }

  /** Runs {@code step}; passes only if it throws CodeLinkException with {@code reason}. */
  static CodeLinkException expect(CodeLinkException.Reason reason, Step step) {
    try {
      step.run();
    } catch (CodeLinkException e) {
      assertEquals(reason, e.reason(), e.getMessage());
      return e;
    } catch (Throwable t) {
      fail("expected CodeLinkException(" + reason + "), got " + t, t);
    }
    throw new AssertionError("expected CodeLinkException(" + reason + "), nothing was thrown");
  }

  /** A step that may throw. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  /** A clock tests move forward by hand. */
  static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
