package io.quintet.devicelist.link;

import static io.quintet.devicelist.link.CodeLinkFixture.expect;
import static io.quintet.devicelist.link.CodeLinkFixture.mistyped;
import static io.quintet.devicelist.link.CodeLinkFixture.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.internal.pake.PakeException;
import io.quintet.devicelist.internal.pake.Spake2;
import io.quintet.devicelist.internal.pake.TestPasswords;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkConfirmation;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkHello;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkResponse;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkSealed;
import io.quintet.devicelist.link.CodeLinkException.Reason;
import io.quintet.devicelist.link.CodeLinkMessages.Confirmation;
import io.quintet.devicelist.link.CodeLinkMessages.Hello;
import io.quintet.devicelist.link.CodeLinkMessages.Response;
import io.quintet.devicelist.link.CodeLinkMessages.Sealed;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The relaying server as an active attacker: it relays, modifies, swaps, redirects and replays
 * every message. It never learns the code (shown on the companion, typed on the primary).
 */
class CodeLinkAttackTest {
  private final CodeLinkFixture alice = new CodeLinkFixture();
  private final IdentityKeyPair laptop = IdentityKeyPair.generate();
  private final IdentityKeyPair mallory = IdentityKeyPair.generate(); // the server's own device

  /** The server, posing as the companion with its own key and a guess of the code. */
  private Spake2 impostor(Hello real, IdentityKeyPair key, String guess) {
    return CodeLinkKeys.party(true, TestPasswords::cheap, ascii(guess), real.ref(),
        key.identityKey(), real.account(), real.primaryKey(), real.expiresAt());
  }

  @Test
  void anImpostorOfTheCompanionTestsOneGuessAndLinksNothing() throws Exception {
    CodeLinkRequest request = alice.request(laptop);
    Hello real = Hello.parse(request.hello());
    String code = shown(request);
    Spake2 guess = impostor(real, mallory, mistyped(code));
    byte[] forged = new Hello(real.ref(), real.account(), real.primaryKey(), mallory.identityKey(),
        guess.start(), real.expiresAt()).serialize();
    Response r = Response.parse(alice.approver.respond(forged, code, alice.now())); // user types the code
    byte[] cA = guess.finish(r.share());
    assertThrows(PakeException.class, () -> guess.verifyConfirmation(r.confirmation()),
        "the answer to its one guess: no");
    expect(Reason.WRONG_CODE, () -> alice.approver.approve(
        new Confirmation(real.ref(), cA).serialize(), alice.now()));
    assertEquals(1, alice.devices.current().version(), "nothing approved");
    assertEquals(1, alice.approver.failedAttempts(alice.now()));
  }

  @Test
  void controlAnImpostorWhoKnowsTheCodeWouldSucceed() throws Exception {
    // Why the code must stay on the two screens: with it, the same attack links the attacker.
    CodeLinkRequest request = alice.request(laptop);
    Hello real = Hello.parse(request.hello());
    String code = shown(request);
    Spake2 knows = impostor(real, mallory, code.replace("-", ""));
    byte[] forged = new Hello(real.ref(), real.account(), real.primaryKey(), mallory.identityKey(),
        knows.start(), real.expiresAt()).serialize();
    Response r = Response.parse(alice.approver.respond(forged, code, alice.now()));
    byte[] cA = knows.finish(r.share());
    knows.verifyConfirmation(r.confirmation());
    byte[] sealed = alice.approver.approve(new Confirmation(real.ref(), cA).serialize(), alice.now());
    assertEquals(real.ref().length, Sealed.parse(sealed, "sealed").ref().length);
    assertEquals(0, alice.approver.failedAttempts(alice.now()));
  }

  @Test
  void changedSharesOrConfirmationsFailTheExchange() throws Exception {
    CodeLinkRequest other = alice.request(IdentityKeyPair.generate());
    byte[] otherShare = Hello.parse(other.hello()).share(); // a valid point, another run's

    CodeLinkRequest a = alice.request(laptop);
    byte[] swappedPa = edit(a.hello(), h -> h.setShare(ByteString.copyFrom(otherShare)));
    byte[] response = alice.approver.respond(swappedPa, shown(a), alice.now());
    expect(Reason.WRONG_CODE, () -> a.confirm(response, alice.now()));

    CodeLinkRequest b = alice.request(laptop);
    byte[] rb = alice.approver.respond(b.hello(), shown(b), alice.now());
    byte[] swappedPb = editResponse(rb, x -> x.setShare(ByteString.copyFrom(otherShare)));
    expect(Reason.WRONG_CODE, () -> b.confirm(swappedPb, alice.now()));

    CodeLinkRequest c = alice.request(laptop);
    byte[] rc = alice.approver.respond(c.hello(), shown(c), alice.now());
    byte[] flippedCb = editResponse(rc, x -> x.setConfirmation(flip(x.getConfirmation())));
    expect(Reason.WRONG_CODE, () -> c.confirm(flippedCb, alice.now()));

    CodeLinkRequest d = alice.request(laptop);
    byte[] cA = d.confirm(alice.approver.respond(d.hello(), shown(d), alice.now()), alice.now());
    byte[] flippedCa = CodeLinkConfirmation.parseFrom(cA).toBuilder()
        .setConfirmation(flip(CodeLinkConfirmation.parseFrom(cA).getConfirmation()))
        .build().toByteArray();
    expect(Reason.WRONG_CODE, () -> alice.approver.approve(flippedCa, alice.now()));
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.approve(cA, alice.now()));

    CodeLinkRequest e = alice.request(laptop);
    byte[] offCurve = edit(e.hello(), h -> h.setShare(flip(h.getShare())));
    int failedBefore = alice.approver.failedAttempts(alice.now());
    // An invalid point carries no guess: refused as malformed, before any attempt is counted
    // and without spending the typed code (review finding), which then still links.
    expect(Reason.MALFORMED, () -> alice.approver.respond(offCurve, shown(e), alice.now()));
    assertEquals(failedBefore, alice.approver.failedAttempts(alice.now()));
    alice.approver.respond(e.hello(), shown(e), alice.now());
    assertEquals(1, alice.devices.current().version());
  }

  @Test
  void swappedIdentitiesOrAccountsAreRefused() throws Exception {
    // The companion's identity key replaced by the server's.
    CodeLinkRequest a = alice.request(laptop);
    byte[] swapped = edit(a.hello(),
        h -> h.setCompanionIdentityKey(ByteString.copyFrom(mallory.identityKey().serialize())));
    byte[] ra = alice.approver.respond(swapped, shown(a), alice.now());
    expect(Reason.WRONG_CODE, () -> a.confirm(ra, alice.now()));

    // The companion was told a false primary key: the real primary refuses, at no cost...
    CodeLinkRequest b = alice.request(laptop, alice.account, mallory.identityKey());
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.respond(b.hello(), shown(b), alice.now()));
    assertEquals(1, alice.approver.failedAttempts(alice.now()));
    // ...and correcting the field in transit only moves the failure to the confirmation.
    byte[] corrected = edit(b.hello(),
        h -> h.setPrimaryIdentityKey(ByteString.copyFrom(alice.primary.identityKey().serialize())));
    byte[] rb = alice.approver.respond(corrected, shown(b), alice.now());
    expect(Reason.WRONG_CODE, () -> b.confirm(rb, alice.now()));

    // A request for alice taken to bob's primary, as is or rewritten to bob's account and key.
    CodeLinkFixture bob = new CodeLinkFixture("bob", io.quintet.devicelist.LinkPolicy.DEFAULT);
    CodeLinkRequest c = alice.request(laptop);
    expect(Reason.NOT_FOR_THIS_RUN, () -> bob.approver.respond(c.hello(), shown(c), bob.now()));
    byte[] toBob = edit(c.hello(), h -> h.setAccount("bob")
        .setPrimaryIdentityKey(ByteString.copyFrom(bob.primary.identityKey().serialize())));
    byte[] rc = bob.approver.respond(toBob, shown(c), bob.now());
    expect(Reason.WRONG_CODE, () -> c.confirm(rc, alice.now()));
    assertEquals(1, bob.devices.current().version());
    assertEquals(1, alice.devices.current().version());
  }

  @Test
  void anApprovalOrCounterSignatureCannotBeRedirectedReflectedOrTampered() throws Exception {
    CodeLinkFixture bob = new CodeLinkFixture("bob", io.quintet.devicelist.LinkPolicy.DEFAULT);
    CodeLinkRequest mine = alice.request(laptop);
    CodeLinkRequest theirs = bob.request(IdentityKeyPair.generate());
    byte[] sealedMine = alice.approver.approve(mine.confirm(
        alice.approver.respond(mine.hello(), shown(mine), alice.now()), alice.now()), alice.now());
    byte[] sealedTheirs = bob.approver.approve(theirs.confirm(
        bob.approver.respond(theirs.hello(), shown(theirs), bob.now()), bob.now()), bob.now());

    expect(Reason.NOT_FOR_THIS_RUN, () -> theirs.open(sealedMine, bob.now()));
    expect(Reason.NOT_AUTHENTIC, () -> theirs.open(readdress(sealedMine, theirs.ref()), bob.now()));
    for (int i = 0; i < sealedMine.length; i += 5) {
      byte[] bad = sealedMine.clone();
      bad[i] ^= 0x01;
      CodeLinkException e = assertThrows(CodeLinkException.class, () -> mine.open(bad, alice.now()));
      assertFalse(e.reason() == Reason.BAD_APPROVAL || e.reason() == Reason.CODE_USED, e.getMessage());
    }
    // Reflected back to the primary as if it were the counter-signature: another key.
    mine.open(sealedMine, alice.now());
    theirs.open(sealedTheirs, bob.now());
    expect(Reason.NOT_AUTHENTIC, () -> alice.approver.complete(sealedMine, alice.now()));
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.complete(theirs.reply(), alice.now()));
    expect(Reason.NOT_AUTHENTIC,
        () -> alice.approver.complete(readdress(theirs.reply(), mine.ref()), alice.now()));
    assertEquals(1, alice.devices.current().version());
    assertEquals(1, alice.approver.complete(mine.reply(), alice.now()).entries().size());
    assertEquals(1, bob.approver.complete(theirs.reply(), bob.now()).entries().size());
  }

  @Test
  void messagesReplayedFromAnEarlierRunOrAnotherCompanionAreRefused() throws Exception {
    CodeLinkRequest earlier = alice.request(laptop);
    byte[] oldResponse = alice.approver.respond(earlier.hello(), shown(earlier), alice.now());
    byte[] oldConfirmation = earlier.confirm(oldResponse, alice.now());
    byte[] oldSealed = alice.approver.approve(oldConfirmation, alice.now());
    earlier.open(oldSealed, alice.now());
    byte[] oldReply = earlier.reply();
    alice.approver.cancel(); // that link never completed

    expect(Reason.CODE_USED, () -> alice.approver.respond(earlier.hello(), "23456789", alice.now()));
    CodeLinkRequest now = alice.request(laptop);
    expect(Reason.NOT_FOR_THIS_RUN, () -> now.confirm(oldResponse, alice.now()));
    byte[] response = alice.approver.respond(now.hello(), shown(now), alice.now());
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.approve(oldConfirmation, alice.now()));
    expect(Reason.NOT_FOR_THIS_RUN, () -> alice.approver.complete(oldReply, alice.now()));
    byte[] confirmation = now.confirm(response, alice.now());
    byte[] sealed = alice.approver.approve(confirmation, alice.now());
    expect(Reason.NOT_AUTHENTIC, () -> now.open(readdress(oldSealed, now.ref()), alice.now()));
    now.open(sealed, alice.now());
    expect(Reason.NOT_AUTHENTIC,
        () -> alice.approver.complete(readdress(oldReply, now.ref()), alice.now()));
    assertEquals(1, alice.approver.complete(now.reply(), alice.now()).entries().size());

    // An old response re-addressed to a new request is a changed message: the code burns.
    CodeLinkRequest next = alice.request(IdentityKeyPair.generate());
    expect(Reason.WRONG_CODE, () -> next.confirm(editResponse(oldResponse,
        x -> x.setRef(ByteString.copyFrom(next.ref()))), alice.now()));
  }

  @Test
  void aRecordedTranscriptConfirmsNoGuessNotEvenTheRightOne() throws Exception {
    CodeLinkRequest request = alice.request(laptop);
    String code = shown(request).replace("-", "");
    byte[] helloBytes = request.hello();
    Hello hello = Hello.parse(helloBytes);
    Response response = Response.parse(alice.approver.respond(helloBytes, code, alice.now()));
    byte[] confirmation = request.confirm(response.serialize(), alice.now());
    Confirmation cA = Confirmation.parse(confirmation);

    // What an eavesdropper can compute for a guess g: a party of its own with g. Its MAC is
    // never the recorded one, and the recorded MACs never verify under it, for the right code
    // as for a wrong one: the transcript does not let anyone check a guess offline.
    for (String g : new String[] {code, mistyped(code), "23456789"}) {
      Spake2 asPrimary = CodeLinkKeys.party(false, TestPasswords::cheap, ascii(g), hello.ref(),
          hello.companionKey(), hello.account(), hello.primaryKey(), hello.expiresAt());
      asPrimary.start();
      assertFalse(java.util.Arrays.equals(response.confirmation(), asPrimary.finish(hello.share())), g);
      assertThrows(PakeException.class, () -> asPrimary.verifyConfirmation(cA.confirmation()), g);
      Spake2 asCompanion = impostor(hello, laptop, g);
      asCompanion.start();
      asCompanion.finish(response.share());
      assertThrows(PakeException.class, () -> asCompanion.verifyConfirmation(response.confirmation()), g);
    }
    // Replayed to a primary that forgot the request (an app restart), with the right code.
    CodeLinkApprover restarted = CodeLinkApprover.create(alice.devices, TestPasswords::cheap);
    restarted.respond(helloBytes, code, alice.now());
    expect(Reason.WRONG_CODE, () -> restarted.approve(confirmation, alice.now()));
  }

  private static byte[] edit(byte[] hello, java.util.function.UnaryOperator<CodeLinkHello.Builder> f)
      throws Exception {
    return f.apply(CodeLinkHello.parseFrom(hello).toBuilder()).build().toByteArray();
  }

  private static byte[] editResponse(byte[] response,
      java.util.function.UnaryOperator<CodeLinkResponse.Builder> f) throws Exception {
    return f.apply(CodeLinkResponse.parseFrom(response).toBuilder()).build().toByteArray();
  }

  private static byte[] readdress(byte[] sealed, byte[] ref) throws Exception {
    return CodeLinkSealed.parseFrom(sealed).toBuilder().setRef(ByteString.copyFrom(ref))
        .build().toByteArray();
  }

  private static ByteString flip(ByteString b) {
    byte[] x = b.toByteArray();
    x[x.length / 2] ^= 0x01;
    return ByteString.copyFrom(x);
  }

  private static byte[] ascii(String s) {
    return s.replace("-", "").getBytes(StandardCharsets.US_ASCII);
  }
}
