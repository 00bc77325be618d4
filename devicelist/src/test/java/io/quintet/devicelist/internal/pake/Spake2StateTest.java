package io.quintet.devicelist.internal.pake;

import static io.quintet.devicelist.internal.pake.PakeGens.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.internal.crypto.ConstantTime;
import io.quintet.core.testing.Vectors;
import org.junit.jupiter.api.Test;

/** Each party runs once, in order; secrets are gone when it ends; nothing secret is printed. */
class Spake2StateTest {
  private static final byte[] ID_A = ascii("companion");
  private static final byte[] ID_B = ascii("account");
  private static final byte[] NONE = new byte[0];
  private static final Spake2Password W = PakeGens.password("7KQ2MZ9D", ID_A, ID_B);

  private static Spake2 a() {
    return Spake2.partyA(ID_A, ID_B, W, NONE);
  }

  private static Spake2 b() {
    return Spake2.partyB(ID_A, ID_B, W, NONE);
  }

  @Test
  void stepsOutOfOrderThrowIllegalState() {
    Spake2 a = a();
    assertThrows(IllegalStateException.class, () -> a.finish(b().start()));
    assertThrows(IllegalStateException.class, () -> a.verifyConfirmation(new byte[32]));
    a.start();
    assertThrows(IllegalStateException.class, a::start);
    assertThrows(IllegalStateException.class, () -> a.verifyConfirmation(new byte[32]));
  }

  @Test
  void everyStepRunsOnce() throws PakeException {
    Spake2 a = a();
    Spake2 b = b();
    byte[] pA = a.start();
    byte[] pB = b.start();
    byte[] cB = b.finish(pA);
    byte[] cA = a.finish(pB);
    assertThrows(IllegalStateException.class, () -> a.finish(pB));
    assertArrayEquals(a.verifyConfirmation(cB), b.verifyConfirmation(cA));
    for (Spake2 done : new Spake2[] {a, b}) {
      assertThrows(IllegalStateException.class, done::start);
      assertThrows(IllegalStateException.class, () -> done.finish(pA));
      assertThrows(IllegalStateException.class, () -> done.verifyConfirmation(cA));
      assertThrows(IllegalStateException.class, () -> done.verifyConfirmation(cB));
    }
  }

  @Test
  void aFailedConfirmationEndsTheParty() throws PakeException {
    Spake2 a = a();
    Spake2 b = b();
    a.start();
    byte[] cA = a.finish(b.start());
    PakeGens.assertPakeFailure(
        PakeException.Reason.CONFIRMATION_FAILED, () -> a.verifyConfirmation(cA)); // not cB
    assertThrows(IllegalStateException.class, () -> a.verifyConfirmation(new byte[32]));
  }

  @Test
  void missingOrShortMacsNeverVerify() throws PakeException {
    for (byte[] mac : new byte[][] {null, NONE, new byte[31], new byte[32], new byte[33]}) {
      Spake2 a = a();
      Spake2 b = b();
      a.start();
      a.finish(b.start());
      PakeGens.assertPakeFailure(
          PakeException.Reason.CONFIRMATION_FAILED, () -> a.verifyConfirmation(mac));
    }
  }

  @Test
  void secretsAreOverwrittenWhenThePartyEnds() throws PakeException {
    // success
    Spake2 a = a();
    Spake2 b = b();
    byte[] pA = a.start();
    byte[] pB = b.start();
    byte[] cB = b.finish(pA);
    a.finish(pB);
    Spake2Transcript t = a.transcript();
    a.verifyConfirmation(cB);
    assertWiped(t);
    assertThrows(IllegalStateException.class, a::transcript);
    // failure
    Spake2Transcript tb = b.transcript();
    PakeGens.assertPakeFailure(
        PakeException.Reason.CONFIRMATION_FAILED, () -> b.verifyConfirmation(new byte[32]));
    assertWiped(tb);
    // abandoned
    Spake2 c = a();
    c.start();
    c.finish(b().start());
    Spake2Transcript tc = c.transcript();
    c.destroy();
    c.destroy(); // idempotent
    assertWiped(tc);
    assertThrows(IllegalStateException.class, () -> c.verifyConfirmation(new byte[32]));
  }

  @Test
  void destroyedPasswordIsGoneButExistingPartiesKeepTheirCopy() throws PakeException {
    Spake2Password w = PakeGens.password("ZZZZ1111", ID_A, ID_B);
    Spake2 a = Spake2.partyA(ID_A, ID_B, w, NONE);
    Spake2 b = Spake2.partyB(ID_A, ID_B, w, NONE);
    w.destroy();
    assertTrue(w.isDestroyed());
    assertThrows(IllegalStateException.class, w::scalar);
    assertThrows(IllegalStateException.class, () -> Spake2.partyA(ID_A, ID_B, w, NONE));
    Exchange e = Exchange.honest(a, b);
    assertArrayEquals(e.keyA, e.keyB);
  }

  @Test
  void toStringShowsNoSecrets() throws PakeException {
    Spake2Password w =
        Spake2Password.ofScalar(
            Vectors.hex("2ee57912099d31560b3a44b1184b9b4866e904c49d12ac5042c97dca461b1a5f"));
    assertEquals("Spake2Password[redacted]", w.toString());
    Spake2 a = Spake2.partyA(ID_A, ID_B, w, NONE);
    assertEquals("Spake2[role=A, state=NEW]", a.toString());
    a.start();
    a.finish(b().start());
    assertEquals("Spake2[role=A, state=FINISHED]", a.toString());
    assertEquals("Spake2Transcript[redacted]", a.transcript().toString());
    w.destroy();
    assertEquals("Spake2Password[destroyed]", w.toString());
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Spake2.partyA(ID_A, ID_B, W, new byte[Spake2.MAX_AAD_LENGTH + 1]));
    Spake2.partyA(ID_A, ID_B, W, new byte[Spake2.MAX_AAD_LENGTH]).start();
    assertThrows(NullPointerException.class, () -> Spake2.partyB(null, ID_B, W, NONE));
    assertThrows(NullPointerException.class, () -> Spake2.partyB(ID_A, ID_B, null, NONE));
    byte[] order = P256Group.scalarBytes(P256Group.ORDER);
    assertThrows(IllegalArgumentException.class, () -> Spake2Password.ofScalar(order));
    assertThrows(IllegalArgumentException.class, () -> Spake2Password.ofScalar(new byte[31]));
  }

  private static void assertWiped(Spake2Transcript t) {
    for (byte[] secret :
        new byte[][] {
          t.k(), t.tt(), t.hashTt(), t.ke(), t.ka(), t.kcA(), t.kcB(), t.cA(), t.cB()
        }) {
      assertFalse(secret.length == 0);
      assertTrue(ConstantTime.isZero(secret), "a secret survived the end of the exchange");
    }
  }
}
