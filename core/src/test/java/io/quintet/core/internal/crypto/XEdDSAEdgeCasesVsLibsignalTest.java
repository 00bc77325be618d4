package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.internal.Ed25519;
import io.quintet.core.testing.Vectors;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.ecc.ECPublicKey;

/**
 * Signatures no honest signer makes, checked against libsignal-client 0.86.5 as the oracle:
 * Quintet must take exactly libsignal's decision. These separate libsignal's rule
 * (cofactorless, encoding comparison, s reduced mod L, small-order keys not refused) from a
 * cofactored or strict Ed25519 verifier such as Bouncy Castle's. Points are built with
 * BigInteger arithmetic here, independent of the code under test; all randomness is seeded.
 */
class XEdDSAEdgeCasesVsLibsignalTest {
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  static final BigInteger SQRT_M1 =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  /** R shifted by a torsion point: libsignal rejects; a cofactored check would accept. */
  @Test
  void torsionInRIsRejectedLikeLibsignal() throws Exception {
    Random random = new Random(0x5157_0101L);
    for (int i = 0; i < 24; i++) {
      Signer signer = new Signer(random);
      byte[] msg = XEdDSACrossImplementationTest.message(random, i);
      BigInteger r = scalar(random);
      BigInteger[] pointR = decode(Ed25519.scalarMultWithBaseToBytes(le(r)));

      byte[] honest = signer.sign(encode(pointR), r, msg);
      assertDecision(true, signer.u, msg, honest, "control " + i);

      BigInteger[] shifted = i % 2 == 0 ? plusT2(pointR) : plusT4(pointR);
      byte[] crafted = signer.sign(encode(shifted), r, msg);
      assertDecision(false, signer.u, msg, crafted, "R + torsion " + i);
    }
  }

  /** Key A + T2 (u' = 1/u): valid under libsignal's rule exactly when h is even. */
  @Test
  void mixedOrderKeyFollowsTheCofactorlessEquation() throws Exception {
    Random random = new Random(0x5157_0102L);
    int accepted = 0;
    for (int i = 0; i < 24; i++) {
      Signer signer = new Signer(random);
      BigInteger[] shiftedA = plusT2(signer.a);
      byte[] u = le(signer.uValue.modInverse(P));
      byte[] msg = XEdDSACrossImplementationTest.message(random, i);
      BigInteger r = scalar(random);
      byte[] bigR = Ed25519.scalarMultWithBaseToBytes(le(r));
      byte[] sig = signer.signAs(shiftedA, bigR, r, msg);
      boolean hEven = !hash(bigR, encode(shiftedA), msg).testBit(0);
      assertDecision(hEven, u, msg, sig, "A + T2 " + i);
      accepted += hEven ? 1 : 0;
    }
    assertTrue(accepted > 0 && accepted < 24, "both outcomes exercised");
  }

  /** Keys of order 2, 4 and 8 (u = 0, 1 and the two order-8 u): anyone can forge for them. */
  @Test
  void smallOrderKeysFollowLibsignal() throws Exception {
    String[] keys = {
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    };
    Random random = new Random(0x5157_0103L);
    for (String hex : keys) {
      byte[] u = Vectors.hex(hex);
      int accepted = 0;
      for (int i = 0; i < 48; i++) {
        // R = sB is right whenever hA = O, i.e. h is a multiple of the key's order.
        BigInteger s = scalar(random);
        byte[] sig = new byte[64];
        System.arraycopy(Ed25519.scalarMultWithBaseToBytes(le(s)), 0, sig, 0, 32);
        System.arraycopy(le(s), 0, sig, 32, 32);
        sig[63] |= (byte) ((i & 1) << 7); // both sign bits; for u = 0 libsignal drops it
        byte[] msg = XEdDSACrossImplementationTest.message(random, i);
        accepted += assertSameAsLibsignal(u, msg, sig, hex + " try " + i) ? 1 : 0;
      }
      assertTrue(accepted > 0, "some forgery is accepted for " + hex + ", as libsignal does");
    }
  }

  /** s + L (below 2^253) is accepted as libsignal does; s + 2L has a top bit set. */
  @Test
  void nonCanonicalSAsLibsignal() throws Exception {
    Random random = new Random(0x5157_0104L);
    for (int i = 0; i < 16; i++) {
      byte[] priv = XEdDSACrossImplementationTest.privateKey(random);
      byte[] u = X25519.publicKey(priv);
      byte[] msg = XEdDSACrossImplementationTest.message(random, i);
      byte[] sig = XEdDSA.sign(priv, msg);
      int signBit = sig[63] & 0x80;
      sig[63] &= 0x7F;
      BigInteger s = new BigInteger(1, reverse(java.util.Arrays.copyOfRange(sig, 32, 64)));
      assertDecision(true, u, msg, withS(sig, s.add(L), signBit), "s + L " + i);
      assertDecision(false, u, msg, withS(sig, s.add(L).add(L), signBit), "s + 2L " + i);
    }
  }

  /**
   * The one deliberate difference: libsignal ignores bit 255 of u and reduces u mod p;
   * Quintet refuses a non-canonical u (its key parser does too). u = -1 both reject.
   */
  @Test
  void nonCanonicalKeys() throws Exception {
    Random random = new Random(0x5157_0105L);
    byte[] priv = XEdDSACrossImplementationTest.privateKey(random);
    byte[] u = X25519.publicKey(priv);
    byte[] msg = {1, 2, 3};
    byte[] sig = XEdDSA.sign(priv, msg);
    byte[] aliased = u.clone();
    aliased[31] |= (byte) 0x80;
    assertTrue(libsignal(aliased, msg, sig), "libsignal masks bit 255");
    assertFalse(XEdDSA.verify(aliased, msg, sig), "Quintet refuses the non-canonical alias");

    byte[] minusOne = le(P.subtract(BigInteger.ONE));
    assertSameAsLibsignal(minusOne, msg, sig, "u = -1");
    assertFalse(XEdDSA.verify(minusOne, msg, sig));
  }

  // ---- the oracle ----

  private static void assertDecision(
      boolean expected, byte[] u, byte[] msg, byte[] sig, String what) throws Exception {
    assertEquals(expected, assertSameAsLibsignal(u, msg, sig, what), what);
  }

  private static boolean assertSameAsLibsignal(byte[] u, byte[] msg, byte[] sig, String what)
      throws Exception {
    boolean theirs = libsignal(u, msg, sig);
    assertEquals(theirs, XEdDSA.verify(u, msg, sig), what + ": same decision as libsignal");
    return theirs;
  }

  private static boolean libsignal(byte[] u, byte[] msg, byte[] sig) throws Exception {
    byte[] serialized = new byte[33];
    serialized[0] = 0x05;
    System.arraycopy(u, 0, serialized, 1, 32);
    return new ECPublicKey(serialized).verifySignature(msg, sig);
  }

  // ---- reference arithmetic (BigInteger, test only) ----

  /** A key pair with the Edwards point A = aB and the scalar, for hand-made signatures. */
  private static final class Signer {
    final BigInteger scalar;
    final BigInteger[] a;
    final BigInteger uValue;
    final byte[] u;

    Signer(Random random) {
      byte[] priv = XEdDSACrossImplementationTest.privateKey(random);
      scalar = new BigInteger(1, reverse(priv));
      a = decode(Ed25519.scalarMultWithBaseToBytes(priv));
      u = X25519.publicKey(priv);
      uValue = new BigInteger(1, reverse(u));
    }

    /** s = r + h·a with h over the given R and the honest A; A's sign bit in bit 7. */
    byte[] sign(byte[] bigR, BigInteger r, byte[] msg) throws Exception {
      return signAs(a, bigR, r, msg);
    }

    byte[] signAs(BigInteger[] publicPoint, byte[] bigR, BigInteger r, byte[] msg)
        throws Exception {
      byte[] encA = encode(publicPoint);
      BigInteger s = r.add(hash(bigR, encA, msg).multiply(scalar)).mod(L);
      byte[] sig = new byte[64];
      System.arraycopy(bigR, 0, sig, 0, 32);
      return withS(sig, s, encA[31] & 0x80);
    }
  }

  static BigInteger hash(byte[] bigR, byte[] encA, byte[] msg) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-512");
    sha.update(bigR);
    sha.update(encA);
    sha.update(msg);
    return new BigInteger(1, reverse(sha.digest())).mod(L);
  }

  static byte[] withS(byte[] sig, BigInteger s, int signBit) {
    byte[] out = sig.clone();
    System.arraycopy(le(s), 0, out, 32, 32);
    out[63] |= (byte) signBit;
    return out;
  }

  /** (x, y) + (0, -1) = (-x, -y). */
  static BigInteger[] plusT2(BigInteger[] p) {
    return new BigInteger[] {P.subtract(p[0]).mod(P), P.subtract(p[1]).mod(P)};
  }

  /** (x, y) + (i, 0) = (i·y, i·x), with i = sqrt(-1): a point of order 4 added. */
  static BigInteger[] plusT4(BigInteger[] p) {
    return new BigInteger[] {SQRT_M1.multiply(p[1]).mod(P), SQRT_M1.multiply(p[0]).mod(P)};
  }

  static BigInteger[] decode(byte[] enc) {
    byte[] b = enc.clone();
    int sign = (b[31] >>> 7) & 1;
    b[31] &= 0x7F;
    BigInteger y = new BigInteger(1, reverse(b));
    BigInteger yy = y.multiply(y);
    BigInteger den = D.multiply(yy).add(BigInteger.ONE).modInverse(P);
    BigInteger xx = yy.subtract(BigInteger.ONE).multiply(den).mod(P);
    BigInteger x = xx.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).mod(P).equals(xx)) {
      x = x.multiply(SQRT_M1).mod(P);
    }
    assertEquals(xx, x.multiply(x).mod(P), "point is on the curve");
    if (x.testBit(0) != (sign == 1)) {
      x = P.subtract(x).mod(P);
    }
    return new BigInteger[] {x, y};
  }

  static byte[] encode(BigInteger[] p) {
    byte[] out = le(p[1]);
    if (p[0].testBit(0)) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  static BigInteger scalar(Random random) {
    return new BigInteger(300, random).mod(L);
  }

  /** Little-endian, 32 bytes. */
  static byte[] le(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
