package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Properties of XEdDSA and of its scalar reduction mod L (QuickTheories). */
class XEdDSAPropertiesTest {
  private static final BigInteger L = XEdDSAEdgeCasesVsLibsignalTest.L;

  private static Gen<byte[]> bytes(int minLength, int maxLength) {
    Gen<Byte> anyByte = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    return Generate.byteArrays(Generate.range(minLength, maxLength), anyByte);
  }

  /** Any single flipped bit, in the signature or in the message, makes verification fail. */
  @Test
  void oneFlippedBitFails() {
    qt().withExamples(150)
        .forAll(bytes(32, 32), bytes(0, 300), SourceDSL.integers().allPositive())
        .checkAssert((key, msg, where) -> {
          byte[] priv = key.clone();
          X25519.clamp(priv);
          byte[] pub = X25519.publicKey(priv);
          byte[] sig = XEdDSA.sign(priv, msg);
          assertTrue(XEdDSA.verify(pub, msg, sig));

          byte[] badSig = sig;
          byte[] badMsg = msg;
          if (where % 2 == 0 || msg.length == 0) {
            badSig = XEdDSALibsignalVectorsTest.flip(sig, (where >>> 1) % 512);
          } else {
            badMsg = XEdDSALibsignalVectorsTest.flip(msg, (where >>> 1) % (msg.length * 8));
          }
          assertFalse(XEdDSA.verify(pub, badMsg, badSig));
        });
  }

  /** Wrong lengths give false, never an exception; so do nulls. */
  @Test
  void wrongLengthsAreRejectedWithoutThrowing() {
    qt().withExamples(400)
        .forAll(bytes(0, 70), bytes(0, 40), bytes(0, 130))
        .assuming((u, msg, sig) -> u.length != 32 || sig.length != 64)
        .checkAssert((u, msg, sig) -> {
          assertFalse(XEdDSA.verify(u, msg, sig));
          assertFalse(XEdDSA.verifySpec(u, msg, sig));
          assertFalse(XEdDSA.verifyEdwards(u, msg, sig));
        });
    byte[] u = X25519.publicKey(X25519.generatePrivateKey());
    assertFalse(XEdDSA.verify(null, new byte[0], new byte[64]));
    assertFalse(XEdDSA.verify(u, null, new byte[64]));
    assertFalse(XEdDSA.verify(u, new byte[0], null));
    assertFalse(XEdDSA.verifySpec(null, null, null));
    assertFalse(XEdDSA.verifyEdwards(null, null, null));
    // u = -1: the curvesig rule refuses it; the specification's maps it to y = 0 (1/0 = 0).
    byte[] minusOne = XEdDSAEdgeCasesVsLibsignalTest.le(XEdDSAEdgeCasesVsLibsignalTest.P.subtract(
        BigInteger.ONE));
    assertFalse(XEdDSA.verify(minusOne, new byte[1], new byte[64]));
    assertFalse(XEdDSA.verifySpec(minusOne, new byte[1], new byte[64]));
  }

  /** Random keys and signatures of the right lengths: rejected, never an exception. */
  @Test
  void garbageOfTheRightLengthIsRejectedWithoutThrowing() {
    qt().withExamples(300)
        .forAll(bytes(32, 32), bytes(0, 40), bytes(64, 64))
        .checkAssert((u, msg, sig) -> {
          assertFalse(XEdDSA.verify(u, msg, sig));
          assertFalse(XEdDSA.verifySpec(u, msg, sig));
          assertFalse(XEdDSA.verifyEdwards(u, msg, sig));
        });
  }

  /** The constant-time Barrett reduction agrees with BigInteger on random 512-bit values. */
  @Test
  void reduceAgreesWithBigInteger() {
    qt().withExamples(2000)
        .forAll(bytes(64, 64))
        .checkAssert(b -> assertReduces(new BigInteger(1, b)));
  }

  @Test
  void reduceEdgeValues() {
    List<BigInteger> values = new ArrayList<>();
    BigInteger max = BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE);
    BigInteger[] anchors = {
      BigInteger.ZERO, L, L.shiftLeft(1), L.multiply(BigInteger.valueOf(3)),
      BigInteger.ONE.shiftLeft(252), BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(256),
      BigInteger.ONE.shiftLeft(511), max.divide(L).multiply(L), max
    };
    for (BigInteger a : anchors) {
      for (int delta = -2; delta <= 2; delta++) {
        BigInteger v = a.add(BigInteger.valueOf(delta));
        if (v.signum() >= 0 && v.compareTo(max) <= 0) {
          values.add(v);
        }
      }
    }
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      // Multiples of L, plus 0, L - 1 or 2L - 2: where a quotient estimate goes wrong.
      BigInteger q = new BigInteger(259, random);
      BigInteger remainder = L.subtract(BigInteger.ONE).multiply(BigInteger.valueOf(i % 3));
      values.add(q.multiply(L).add(remainder).min(max));
    }
    values.forEach(XEdDSAPropertiesTest::assertReduces);
  }

  @Test
  void signIsDeterministicGivenRandomAndLeavesInputsAlone() {
    Random random = new Random(11);
    byte[] priv = XEdDSACrossImplementationTest.privateKey(random);
    byte[] msg = XEdDSACrossImplementationTest.bytes(random, 100);
    byte[] z = XEdDSACrossImplementationTest.bytes(random, 64);
    byte[] privCopy = priv.clone();
    byte[] msgCopy = msg.clone();
    byte[] zCopy = z.clone();

    assertArrayEquals(XEdDSA.sign(priv, msg, z), XEdDSA.sign(priv, msg, z));
    assertArrayEquals(XEdDSA.signSpec(priv, msg, z), XEdDSA.signSpec(priv, msg, z));
    assertArrayEquals(privCopy, priv);
    assertArrayEquals(msgCopy, msg);
    assertArrayEquals(zCopy, z);

    byte[] first = XEdDSA.sign(priv, msg);
    byte[] second = XEdDSA.sign(priv, msg);
    assertFalse(java.util.Arrays.equals(first, second), "fresh randomness each time");
    byte[] pub = X25519.publicKey(priv);
    assertTrue(XEdDSA.verify(pub, msg, first) && XEdDSA.verify(pub, msg, second));
  }

  /** libsignal clamps a private key when it imports it; so does sign. */
  @Test
  void unclampedScalarSignsAsItsClampedForm() {
    Random random = new Random(13);
    byte[] raw = XEdDSACrossImplementationTest.bytes(random, 32);
    raw[0] |= 7;
    raw[31] |= (byte) 0x80;
    byte[] clamped = raw.clone();
    X25519.clamp(clamped);
    byte[] msg = {42};
    byte[] z = new byte[64];
    assertArrayEquals(XEdDSA.sign(clamped, msg, z), XEdDSA.sign(raw, msg, z));
  }

  @Test
  void badSigningInputsThrowWithoutShowingThem() {
    byte[] key = new byte[31];
    java.util.Arrays.fill(key, (byte) 0xAB);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> XEdDSA.sign(key, new byte[0]));
    assertFalse(e.getMessage().toLowerCase().contains("abab"), "no key bytes in the message");
    byte[] priv = X25519.generatePrivateKey();
    assertThrows(
        IllegalArgumentException.class, () -> XEdDSA.sign(priv, new byte[0], new byte[63]));
    assertThrows(IllegalArgumentException.class, () -> XEdDSA.sign(null, new byte[0]));
    assertThrows(NullPointerException.class, () -> XEdDSA.sign(priv, null));
  }

  private static void assertReduces(BigInteger x) {
    int[] words = new int[16];
    for (int i = 0; i < 16; i++) {
      words[i] = x.shiftRight(32 * i).intValue();
    }
    int[] z = new int[9];
    XEdDSA.reduce(words, z);
    BigInteger got = BigInteger.ZERO;
    for (int i = 8; i >= 0; i--) {
      got = got.shiftLeft(32).or(BigInteger.valueOf(z[i] & 0xFFFFFFFFL));
    }
    assertEquals(x.mod(L), got, () -> "reduce(" + x.toString(16) + ")");
  }
}
