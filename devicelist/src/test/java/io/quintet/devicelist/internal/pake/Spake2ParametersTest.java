package io.quintet.devicelist.internal.pake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.quintet.core.testing.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** The group and the constants M and N are RFC 9382's, checked three ways. */
class Spake2ParametersTest {
  private static final JsonObject GROUP =
      Vectors.load("spake2/rfc9382_p256_sha256_test.json").getAsJsonObject("groupParameters");

  /** SEC 2 / FIPS 186-4 P-256 constants, written out here rather than taken from BC. */
  private static final BigInteger P256_ORDER =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  private static final BigInteger P256_GX =
      new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16);

  @Test
  void groupIsP256WithCofactorOne() {
    assertEquals(P256_ORDER, P256Group.ORDER);
    assertEquals(P256_GX, P256Group.P.normalize().getAffineXCoord().toBigInteger());
    assertEquals(BigInteger.ONE, P256Group.CURVE.getCofactor());
    assertEquals("P-256", GROUP.get("curve").getAsString());
    assertEquals(1, GROUP.get("cofactor").getAsInt());
  }

  @Test
  void mAndNInTheVectorFileAreTheOnesWeUse() {
    byte[] fileM = Vectors.hex(GROUP.get("M").getAsString());
    byte[] fileN = Vectors.hex(GROUP.get("N").getAsString());
    assertArrayEquals(fileM, Vectors.hex(P256Group.M_HEX));
    assertArrayEquals(fileN, Vectors.hex(P256Group.N_HEX));
    // Compared as points too, so an encoding slip on either side cannot hide a mismatch.
    assertEquals(P256Group.CURVE.decodePoint(fileM), P256Group.M);
    assertEquals(P256Group.CURVE.decodePoint(fileN), P256Group.N);
    assertArrayEquals(fileM, P256Group.M.getEncoded(true));
    assertArrayEquals(fileN, P256Group.N.getEncoded(true));
  }

  /** RFC 9382 Appendix A's point generation, re-run from the seed strings. */
  @Test
  void mAndNFollowFromTheRfcSeeds() {
    assertEquals(P256Group.M, generate("1.2.840.10045.3.1.7 point generation seed (M)"));
    assertEquals(P256Group.N, generate("1.2.840.10045.3.1.7 point generation seed (N)"));
  }

  @Test
  void mAndNAreDistinctNonTrivialGroupElements() {
    for (ECPoint q : new ECPoint[] {P256Group.M, P256Group.N}) {
      assertTrue(q.isValid());
      assertFalse(q.isInfinity());
      assertNotEquals(P256Group.P, q);
      assertTrue(q.multiply(P256_ORDER).isInfinity());
    }
    assertNotEquals(P256Group.M, P256Group.N);
    assertNotEquals(P256Group.M, P256Group.N.negate());
  }

  /**
   * Block i of the seed is SHA-256 applied i times; a candidate is 33 bytes from blocks i, i+1, ...
   * with the first byte forced to 0x02 | (its low bit); the first candidate that decodes to a point
   * wins.
   */
  private static ECPoint generate(String seed) {
    byte[] s = seed.getBytes(StandardCharsets.US_ASCII);
    for (int i = 1; i < 1000; i++) {
      byte[] blocks = concat(iterated(s, i), iterated(s, i + 1));
      byte[] candidate = Arrays.copyOf(blocks, 33);
      candidate[0] = (byte) ((candidate[0] & 1) | 2);
      try {
        ECPoint q = P256Group.CURVE.decodePoint(candidate);
        if (!q.isInfinity() && q.multiply(P256_ORDER).isInfinity()) {
          return q;
        }
      } catch (IllegalArgumentException notAPoint) {
        // x has no square root on the curve: try the next block
      }
    }
    throw new AssertionError("no point found for " + seed);
  }

  private static byte[] iterated(byte[] seed, int times) {
    byte[] h = seed;
    try {
      for (int i = 0; i < times; i++) {
        h = MessageDigest.getInstance("SHA-256").digest(h);
      }
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    return h;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
