package io.quintet.devicelist.link;

import static io.quintet.devicelist.link.CodeLinkFixture.expect;
import static io.quintet.devicelist.link.CodeLinkFixture.mistyped;
import static io.quintet.devicelist.link.CodeLinkFixture.shown;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.DeviceId;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.DeviceListVerifier;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.devicelist.link.CodeLinkException.Reason;
import io.quintet.devicelist.link.CodeLinkMessages.Confirmation;
import io.quintet.devicelist.link.CodeLinkMessages.Response;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Linking a companion by one-time code, end to end, and how a failed or late code ends. */
class CodeLinkTest {
  private final CodeLinkFixture alice = new CodeLinkFixture();
  private final IdentityKeyPair laptop = IdentityKeyPair.generate();

  @Test
  void theTypedCodeLinksTheCompanionAndSendersSeeIt() throws Exception {
    CodeLinkRequest request = alice.request(laptop);
    String typed = " " + shown(request).toLowerCase(Locale.ROOT) + " "; // as a user types it
    byte[] response = alice.approver.respond(request.hello(), typed, alice.now());
    byte[] confirmation = request.confirm(response, alice.now().plusSeconds(2));
    byte[] sealed = alice.approver.approve(confirmation, alice.now().plusSeconds(3));
    LinkedCompanion linked = request.open(sealed, alice.now().plusSeconds(4));
    assertEquals(alice.account, linked.account());
    assertEquals(alice.primary.identityKey(), linked.primaryIdentityKey());
    assertEquals(laptop.identityKey(), linked.identity().identityKey());
    assertTrue(linked.identity().isCounterSigned());
    linked.identity().verify(alice.primary.identityKey()); // both signatures

    SignedDeviceList list = alice.approver.complete(request.reply(), alice.now().plusSeconds(5));
    assertEquals(2, list.version());
    DeviceIdentity listed = list.identities().get(0);
    assertEquals(linked.identity(), listed, "the counter-signed identity is what the list carries");
    listed.verify(alice.primary.identityKey());
    VerifiedDeviceList seen = new DeviceListVerifier(
        InMemoryProtocolStore.create(IdentityKeyPair.generate(), 2), LinkPolicy.DEFAULT, alice.clock)
        .accept(SignedDeviceList.parse(list.serialize()));
    assertTrue(seen.vouchesFor(DeviceId.of(1), laptop.identityKey(), alice.now()));
    assertEquals(0, alice.approver.failedAttempts(alice.now()), "a confirmed attempt is forgiven");
  }

  @Test
  void theApprovalIsTheSameRecordAQrLinkHandsOver() throws Exception {
    CodeLinkRequest request = alice.request(laptop);
    byte[] confirmation = request.confirm(
        alice.approver.respond(request.hello(), shown(request), alice.now()), alice.now());
    LinkedCompanion linked = request.open(alice.approver.approve(confirmation, alice.now()), alice.now());
    // Same key index scheme, same signatures, same checks as QrLinkApprover: PrimaryDevices.add
    // takes it without knowing how it travelled.
    assertEquals(linked.identity().keyIndex(), linked.identity().deviceId().value());
    assertEquals(1, alice.devices.add(DeviceIdentity.parse(linked.identity().serialize()))
        .entries().size());
  }

  @Test
  void aWrongCodeFailsTypedBurnsTheAttemptAndChangesNothing() throws Exception {
    SignedDeviceList before = alice.devices.current();
    CodeLinkRequest request = alice.request(laptop);
    String code = shown(request);
    byte[] response = alice.approver.respond(request.hello(), mistyped(code), alice.now());
    assertEquals(1, alice.approver.failedAttempts(alice.now()), "counted before the outcome is known");

    expect(Reason.WRONG_CODE, () -> request.confirm(response, alice.now()));
    assertFalse(shown(request).contains(code.substring(0, 4)), "the code is wiped from the request");
    expect(Reason.CODE_USED, () -> request.confirm(response, alice.now()));
    expect(Reason.CODE_USED, () -> request.open(new byte[40], alice.now()));
    assertThrows(IllegalStateException.class, request::reply);

    // The companion sends no confirmation; whatever arrives in its place fails and ends the run.
    byte[] forged = new Confirmation(request.ref(), Rng.bytes(32)).serialize();
    expect(Reason.WRONG_CODE, () -> alice.approver.approve(forged, alice.now()));
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.approve(forged, alice.now()));
    assertEquals(1, alice.approver.failedAttempts(alice.now()));

    // Neither the request nor the code gets another exchange, even with the right code now.
    expect(Reason.CODE_USED, () -> alice.approver.respond(request.hello(), code, alice.now()));
    CodeLinkRequest again = alice.request(laptop);
    expect(Reason.CODE_USED, () -> alice.approver.respond(again.hello(), mistyped(code), alice.now()));
    assertSame(before, alice.devices.current(), "no list was signed");
    assertEquals(1, alice.approver.failedAttempts(alice.now()), "refusals cost nothing");

    // A new code on the companion works.
    assertEquals(1, alice.link(again).entries().size());
  }

  @Test
  void theCompanionAlsoFailsWhenThePrimaryIsAnsweredWithTheWrongCodesConfirmation() throws Exception {
    // Both sides typed/derived a different code: the companion notices first (cB), so the primary
    // never sees a confirmation; with a forged one the primary fails too and signs nothing.
    CodeLinkRequest request = alice.request(laptop);
    byte[] response = alice.approver.respond(request.hello(), mistyped(shown(request)), alice.now());
    Response r = Response.parse(response);
    assertEquals(CodeLinkMessages.SHARE_LENGTH, r.share().length);
    expect(Reason.WRONG_CODE, () -> request.confirm(response, alice.now()));
    expect(Reason.WRONG_CODE, () -> alice.approver.approve(
        new Confirmation(request.ref(), new byte[32]).serialize(), alice.now()));
    assertEquals(1, alice.devices.current().version());
  }

  @Test
  void everyCodeButTheShownOneFailsTheConfirmation() {
    CodeLinkFixture many = new CodeLinkFixture("erin",
        LinkPolicy.builder().codeLinkFailures(100, Duration.ofHours(1)).build());
    qt().withExamples(40).forAll(integers().between(0, 7), integers().between(1, 31))
        .checkAssert((pos, shift) -> {
          try {
            CodeLinkRequest request = many.request(IdentityKeyPair.generate());
            String code = shown(request).replace("-", "");
            char other = LinkCode.ALPHABET.charAt((LinkCode.ALPHABET.indexOf(code.charAt(pos)) + shift) % 32);
            String typed = code.substring(0, pos) + other + code.substring(pos + 1);
            byte[] response = many.approver.respond(request.hello(), typed, many.now());
            expect(Reason.WRONG_CODE, () -> request.confirm(response, many.now()));
          } catch (CodeLinkException | DeviceListException e) {
            throw new AssertionError(e);
          }
        });
    assertEquals(1, many.devices.current().version());
  }

  @Test
  void anExpiredCodeIsRefusedOnBothSides() throws Exception {
    CodeLinkRequest request = alice.request(laptop);
    String code = shown(request);
    assertEquals(alice.now().plus(LinkCode.DEFAULT_LIFETIME), request.expiresAt());
    alice.clock.advance(LinkCode.DEFAULT_LIFETIME);
    expect(Reason.EXPIRED, () -> alice.approver.respond(request.hello(), code, alice.now()));
    assertEquals(0, alice.approver.failedAttempts(alice.now()), "an expired request costs nothing");

    CodeLinkRequest late = alice.request(laptop);
    byte[] response = alice.approver.respond(late.hello(), shown(late), alice.now());
    alice.clock.advance(LinkCode.DEFAULT_LIFETIME);
    expect(Reason.EXPIRED, () -> late.confirm(response, alice.now()));
    expect(Reason.CODE_USED, () -> late.confirm(response, alice.now().minusSeconds(60)));
  }

  @Test
  void theRestOfTheRunHasTenMinutes() throws Exception {
    CodeLinkRequest request = alice.request(laptop);
    byte[] confirmation = request.confirm(
        alice.approver.respond(request.hello(), shown(request), alice.now()), alice.now());
    alice.clock.advance(Duration.ofMinutes(11));
    expect(Reason.EXPIRED, () -> alice.approver.approve(confirmation, alice.now()));
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.approve(confirmation, alice.now()));
    expect(Reason.EXPIRED, () -> request.open(new byte[40], alice.now()));
  }

  @Test
  void aDeviceThatAlreadyBelongsToAnAccountRefusesToLink() {
    expect(Reason.ALREADY_LINKED, () -> CodeLinkRequest.builder(laptop, alice.account,
        alice.primary.identityKey()).alreadyLinked(true).start(alice.now()));
    assertThrows(IllegalStateException.class, () -> CodeLinkRequest.builder(laptop, alice.account,
        alice.primary.identityKey()).start(alice.now()), "the caller must say");
    assertThrows(IllegalArgumentException.class, () -> CodeLinkRequest.builder(laptop,
        alice.account, alice.primary.identityKey()).lifetime(Duration.ofMinutes(31)));
  }

  @Test
  void aFullAccountOrAKnownDeviceIsRefusedBeforeTheCodeIsSpent() throws Exception {
    CodeLinkFixture full = new CodeLinkFixture("carol", LinkPolicy.builder().maxCompanions(0).build());
    CodeLinkRequest request = full.request(laptop);
    DeviceListException e = assertThrows(DeviceListException.class,
        () -> full.approver.respond(request.hello(), shown(request), full.now()));
    assertEquals(DeviceListException.Reason.TOO_MANY_COMPANIONS, e.reason());
    assertEquals(0, full.approver.failedAttempts(full.now()));

    alice.link(alice.request(laptop));
    CodeLinkRequest twice = alice.request(laptop);
    assertEquals(DeviceListException.Reason.DUPLICATE_DEVICE, assertThrows(DeviceListException.class,
        () -> alice.approver.respond(twice.hello(), shown(twice), alice.now())).reason());
  }

  @Test
  void cancellingOnThePrimaryWithdrawsThePendingApproval() throws Exception {
    CodeLinkRequest request = alice.request(laptop);
    byte[] confirmation = request.confirm(
        alice.approver.respond(request.hello(), shown(request), alice.now()), alice.now());
    LinkedCompanion linked = request.open(alice.approver.approve(confirmation, alice.now()), alice.now());
    alice.approver.cancel();
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.complete(request.reply(), alice.now()));
    assertThrows(DeviceListException.class, () -> alice.devices.add(linked.identity()),
        "the approval is no longer pending");
    assertEquals(1, alice.devices.current().version());
  }

  @Test
  void aNewRequestOnThePrimaryAbandonsTheRunBeforeIt() throws Exception {
    CodeLinkRequest first = alice.request(laptop);
    byte[] confirmation = first.confirm(
        alice.approver.respond(first.hello(), shown(first), alice.now()), alice.now());
    CodeLinkRequest second = alice.request(IdentityKeyPair.generate());
    byte[] response = alice.approver.respond(second.hello(), shown(second), alice.now());
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.approve(confirmation, alice.now()));
    byte[] sealed = alice.approver.approve(second.confirm(response, alice.now()), alice.now());
    second.open(sealed, alice.now());
    assertEquals(1, alice.approver.complete(second.reply(), alice.now()).entries().size());
    assertEquals(1, alice.approver.failedAttempts(alice.now()), "the abandoned run stays counted");
  }

  @Test
  void nothingPrintedShowsTheCodeOrKeys() throws Exception {
    CodeLinkRequest request = alice.request(laptop);
    String code = shown(request).replace("-", "");
    byte[] response = alice.approver.respond(request.hello(), shown(request), alice.now());
    for (Object o : new Object[] {request, alice.approver, request.code()}) {
      String s = o.toString();
      assertFalse(s.contains(code) || s.contains(shown(request)), s);
      assertTrue(s.contains("redacted") || o == alice.approver, s);
    }
    CodeLinkException wrong = expect(Reason.WRONG_CODE, () -> alice.approver.approve(
        new Confirmation(request.ref(), new byte[32]).serialize(), alice.now()));
    assertFalse(wrong.getMessage().contains(code), wrong.getMessage());
    assertNotEquals(-1, request.toString().indexOf("alice"));
    assertArrayEquals(request.ref(), CodeLinkApprover.ref(request.hello()));
    byte[] late = request.confirm(response, alice.now()); // printing changed nothing
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.approve(late, alice.now()));
  }
}
