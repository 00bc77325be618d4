package io.quintet.devicelist.internal.pake;

import static io.quintet.devicelist.internal.pake.PakeGens.ascii;
import static io.quintet.devicelist.internal.pake.PakeGens.codes;
import static io.quintet.devicelist.internal.pake.PakeGens.password;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.internal.crypto.ConstantTime;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Honest runs agree; a wrong code, a tampering relay or a mismatched context never yields a key.
 */
class Spake2PropertiesTest {
  private static final Gen<byte[]> IDS = PakeGens.bytes(0, 24);
  private static final Gen<byte[]> AADS = PakeGens.bytes(0, 40);
  private static final Gen<BigInteger> SCALARS =
      PakeGens.bytes(32, 32)
          .map(
              b ->
                  new BigInteger(1, b)
                      .mod(P256Group.ORDER.subtract(BigInteger.ONE))
                      .add(BigInteger.ONE));
  private static final byte[] COMPANION = ascii("companion-7f3a");
  private static final byte[] ACCOUNT = ascii("account:+15550100");

  @Test
  void honestPartiesAgreeOnKe() {
    qt().withExamples(40)
        .forAll(codes(), IDS, IDS, AADS)
        .checkAssert(
            (code, idA, idB, aad) -> {
              // Each device derives w on its own, as two phones would.
              Spake2 a = Spake2.partyA(idA, idB, password(code, idA, idB), aad);
              Spake2 b = Spake2.partyB(idA, idB, password(code, idA, idB), aad);
              Exchange e = Exchange.honest(a, b);
              assertNull(e.failureA);
              assertNull(e.failureB);
              assertEquals(Spake2.KEY_LENGTH, e.keyA.length);
              assertArrayEquals(e.keyA, e.keyB);
              assertFalse(ConstantTime.isZero(e.keyA));
            });
  }

  @Test
  void oneDifferentCharacterFailsBothConfirmations() {
    qt().withExamples(40)
        .forAll(codes(), integers().between(0, 7), integers().between(1, 31), AADS)
        .checkAssert(
            (code, pos, shift, aad) -> {
              String other = PakeGens.changeOne(code, pos, shift);
              Spake2 a = Spake2.partyA(COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), aad);
              Spake2 b =
                  Spake2.partyB(COMPANION, ACCOUNT, password(other, COMPANION, ACCOUNT), aad);
              assertBothFailConfirmation(Exchange.honest(a, b));
              // Spent: no later call can release a key either.
              assertThrows(IllegalStateException.class, () -> a.verifyConfirmation(new byte[32]));
              assertThrows(IllegalStateException.class, () -> b.verifyConfirmation(new byte[32]));
            });
  }

  @Test
  void differentIdentitiesOrAadFailBothConfirmations() {
    qt().withExamples(30)
        .forAll(codes(), integers().between(0, 2), PakeGens.bytes(1, 8))
        .checkAssert(
            (code, which, extra) -> {
              // The code is right; A and B disagree about exactly one context input.
              byte[] idA2 = which == 0 ? concat(COMPANION, extra) : COMPANION;
              byte[] idB2 = which == 1 ? concat(ACCOUNT, extra) : ACCOUNT;
              byte[] aad2 = which == 2 ? extra : new byte[0];
              Spake2 a =
                  Spake2.partyA(
                      COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), new byte[0]);
              Spake2 b = Spake2.partyB(idA2, idB2, password(code, idA2, idB2), aad2);
              assertBothFailConfirmation(Exchange.honest(a, b));
            });
  }

  /** A relay that swaps in its own shares, built with a wrong guess of the code, learns no key. */
  @Test
  void manInTheMiddleWithAWrongGuessFails() {
    qt().withExamples(30)
        .forAll(codes(), integers().between(1, 31), SCALARS, integers().between(0, 2))
        .checkAssert(
            (code, shift, z, mode) -> {
              String guess = PakeGens.changeOne(code, 0, shift);
              byte[] wGuess = password(guess, COMPANION, ACCOUNT).scalar();
              Exchange e = relayWithOwnShares(code, wGuess, z, mode);
              assertBothFailConfirmation(e);
            });
  }

  /** A relay that runs SPAKE2 itself (as B towards A, as A towards B) with a wrong guess. */
  @Test
  void fullManInTheMiddleWithAWrongGuessFails() {
    qt().withExamples(20)
        .forAll(codes(), integers().between(0, 7), integers().between(1, 31))
        .checkAssert(
            (code, pos, shift) -> {
              Exchange[] sides = fullManInTheMiddle(code, PakeGens.changeOne(code, pos, shift));
              assertNull(sides[0].keyA, "A released a key to a relay with a wrong guess");
              assertNull(sides[1].keyB, "B released a key to a relay with a wrong guess");
              assertEquals(PakeException.Reason.CONFIRMATION_FAILED, sides[0].failureA.reason());
              assertEquals(PakeException.Reason.CONFIRMATION_FAILED, sides[1].failureB.reason());
            });
  }

  /**
   * Control for the test above: the same relay holding the right code reads everything, so the
   * failures there are the code's doing. This is what the attempt limit bounds.
   */
  @Test
  void fullManInTheMiddleWithTheRightCodeSucceeds() {
    qt().withExamples(10)
        .forAll(codes())
        .checkAssert(
            code -> {
              Exchange[] sides = fullManInTheMiddle(code, code);
              assertNotNull(sides[0].keyA);
              assertArrayEquals(sides[0].keyA, sides[0].keyB); // the relay shares A's key
              assertNotNull(sides[1].keyB);
              assertArrayEquals(sides[1].keyA, sides[1].keyB); // and B's
            });
  }

  @Test
  void tamperedConfirmationIsRejectedByItsReceiver() {
    qt().withExamples(30)
        .forAll(
            codes(), integers().between(0, 31), integers().between(0, 7), integers().between(0, 1))
        .checkAssert(
            (code, index, bit, towardsB) -> {
              UnaryOperator<byte[]> flip =
                  m -> {
                    if (m.length != Spake2.MAC_LENGTH) {
                      return m;
                    }
                    byte[] t = m.clone();
                    t[index] ^= (byte) (1 << bit);
                    return t;
                  };
              Spake2 a =
                  Spake2.partyA(
                      COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), new byte[0]);
              Spake2 b =
                  Spake2.partyB(
                      COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), new byte[0]);
              Exchange e =
                  towardsB == 1
                      ? Exchange.run(a, b, flip, UnaryOperator.identity())
                      : Exchange.run(a, b, UnaryOperator.identity(), flip);
              PakeException receiverFailure = towardsB == 1 ? e.failureB : e.failureA;
              byte[] receiverKey = towardsB == 1 ? e.keyB : e.keyA;
              assertNotNull(receiverFailure);
              assertEquals(PakeException.Reason.CONFIRMATION_FAILED, receiverFailure.reason());
              assertNull(receiverKey);
            });
  }

  /** Sending A its own share and its own MAC back: M ≠ N and KcA ≠ KcB make this fail. */
  @Test
  void reflectionFails() {
    qt().withExamples(20)
        .forAll(codes())
        .checkAssert(
            code -> {
              Spake2 a =
                  Spake2.partyA(
                      COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), new byte[0]);
              byte[] pA = a.start();
              byte[] cA = finishUnchecked(a, pA);
              PakeGens.assertPakeFailure(
                  PakeException.Reason.CONFIRMATION_FAILED, () -> a.verifyConfirmation(cA));
            });
  }

  @Test
  void everyExchangeUsesFreshEphemerals() {
    Spake2Password w = password("7KQ2MZ9D", COMPANION, ACCOUNT);
    Spake2 a1 = Spake2.partyA(COMPANION, ACCOUNT, w, new byte[0]);
    Spake2 a2 = Spake2.partyA(COMPANION, ACCOUNT, w, new byte[0]);
    Spake2 b1 = Spake2.partyB(COMPANION, ACCOUNT, w, new byte[0]);
    Spake2 b2 = Spake2.partyB(COMPANION, ACCOUNT, w, new byte[0]);
    assertFalse(Arrays.equals(a1.start(), a2.start()));
    assertFalse(Arrays.equals(b1.start(), b2.start()));
    Exchange first =
        Exchange.honest(
            Spake2.partyA(COMPANION, ACCOUNT, w, new byte[0]),
            Spake2.partyB(COMPANION, ACCOUNT, w, new byte[0]));
    Exchange second =
        Exchange.honest(
            Spake2.partyA(COMPANION, ACCOUNT, w, new byte[0]),
            Spake2.partyB(COMPANION, ACCOUNT, w, new byte[0]));
    assertFalse(Arrays.equals(first.keyA, second.keyA));
  }

  /**
   * A honest A and B with {@code code}; the relay replaces pA (mode 0), pB (mode 1) or both (mode
   * 2) with z·P + w'·M or z·P + w'·N for its own w', and forwards everything else.
   */
  private static Exchange relayWithOwnShares(String code, byte[] wRelay, BigInteger z, int mode) {
    BigInteger w = new BigInteger(1, wRelay);
    ECPoint zP = P256Group.P.multiply(z);
    byte[] fakeA = P256Group.encode(zP.add(P256Group.M.multiply(w)).normalize());
    byte[] fakeB = P256Group.encode(zP.add(P256Group.N.multiply(w)).normalize());
    UnaryOperator<byte[]> toB = m -> m.length == Spake2.SHARE_LENGTH && mode != 1 ? fakeA : m;
    UnaryOperator<byte[]> toA = m -> m.length == Spake2.SHARE_LENGTH && mode != 0 ? fakeB : m;
    Spake2 a = Spake2.partyA(COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), new byte[0]);
    Spake2 b = Spake2.partyB(COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), new byte[0]);
    return Exchange.run(a, b, toB, toA);
  }

  /**
   * [A ↔ relay-as-B, relay-as-A ↔ B]; the honest parties use {@code code}, the relay {@code guess}.
   */
  private static Exchange[] fullManInTheMiddle(String code, String guess) {
    byte[] none = new byte[0];
    Spake2 a = Spake2.partyA(COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), none);
    Spake2 b = Spake2.partyB(COMPANION, ACCOUNT, password(code, COMPANION, ACCOUNT), none);
    Spake2Password wRelay = password(guess, COMPANION, ACCOUNT);
    Spake2 relayAsB = Spake2.partyB(COMPANION, ACCOUNT, wRelay, none);
    Spake2 relayAsA = Spake2.partyA(COMPANION, ACCOUNT, wRelay, none);
    return new Exchange[] {Exchange.honest(a, relayAsB), Exchange.honest(relayAsA, b)};
  }

  private static void assertBothFailConfirmation(Exchange e) {
    assertNull(e.keyA, "A released a key");
    assertNull(e.keyB, "B released a key");
    assertNotNull(e.failureA);
    assertNotNull(e.failureB);
    assertEquals(PakeException.Reason.CONFIRMATION_FAILED, e.failureA.reason());
    assertEquals(PakeException.Reason.CONFIRMATION_FAILED, e.failureB.reason());
  }

  private static byte[] finishUnchecked(Spake2 party, byte[] share) {
    try {
      return party.finish(share);
    } catch (PakeException e) {
      throw new AssertionError("a valid share was rejected", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
