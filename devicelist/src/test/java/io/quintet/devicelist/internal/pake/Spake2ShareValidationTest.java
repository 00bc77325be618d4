package io.quintet.devicelist.internal.pake;

import static io.quintet.devicelist.internal.pake.PakeGens.ascii;
import static io.quintet.devicelist.internal.pake.PakeGens.assertPakeFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.testing.Vectors;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A peer's share is accepted only as a 65-byte uncompressed P-256 point; everything else is {@link
 * PakeException.Reason#INVALID_SHARE}, never a RuntimeException, and ends the party.
 */
class Spake2ShareValidationTest {
  private static final byte[] ID_A = ascii("companion");
  private static final byte[] ID_B = ascii("account");
  private static final Spake2Password W = PakeGens.password("7KQ2MZ9D", ID_A, ID_B);
  private static final BigInteger FIELD_PRIME = P256Group.CURVE.getField().getCharacteristic();

  /** Random bytes; a third are forced to 65 bytes with the 0x04 prefix to reach the curve check. */
  private static final Gen<byte[]> GARBAGE =
      PakeGens.bytes(0, 130)
          .zip(
              integers().between(0, 2),
              (b, mode) -> {
                if (mode != 0) {
                  return b;
                }
                byte[] s = Arrays.copyOf(b, Spake2.SHARE_LENGTH);
                s[0] = 0x04;
                return s;
              });

  @Test
  void randomBytesAreRejectedWithTheTypedException() {
    qt().withExamples(300).forAll(GARBAGE).checkAssert(share -> assertRejected(share));
  }

  @Test
  void pointsMovedOffTheCurveAreRejected() {
    qt().withExamples(50)
        .forAll(PakeGens.bytes(32, 32), integers().between(1, 1000))
        .checkAssert(
            (seed, delta) -> {
              byte[] share = validShare(seed);
              BigInteger y = new BigInteger(1, share, 33, 32);
              byte[] moved = share.clone();
              System.arraycopy(
                  BigIntegers.asUnsignedByteArray(
                      32, y.add(BigInteger.valueOf(delta)).mod(FIELD_PRIME)),
                  0,
                  moved,
                  33,
                  32);
              assertRejected(moved);
            });
  }

  @Test
  void otherEncodingsOfValidPointsAreRejected() {
    qt().withExamples(30)
        .forAll(PakeGens.bytes(32, 32))
        .checkAssert(
            seed -> {
              byte[] share = validShare(seed);
              ECPoint point = P256Group.CURVE.decodePoint(share);
              assertRejected(point.getEncoded(true)); // compressed, 33 bytes
              byte[] hybrid = share.clone();
              hybrid[0] = (byte) (point.getAffineYCoord().testBitZero() ? 0x07 : 0x06);
              assertRejected(hybrid); // hybrid, 65 bytes, BC would accept it
              assertRejected(Arrays.copyOf(share, 64)); // truncated
              assertRejected(Arrays.copyOf(share, 66)); // one trailing byte
              byte[] prefixed = new byte[66];
              System.arraycopy(share, 0, prefixed, 1, 65);
              assertRejected(prefixed);
            });
  }

  @Test
  void identityEncodingsAreRejected() {
    assertRejected(new byte[] {0x00}); // SEC1 point at infinity
    assertRejected(new byte[Spake2.SHARE_LENGTH]);
    byte[] zeroCoordinates = new byte[Spake2.SHARE_LENGTH];
    zeroCoordinates[0] = 0x04;
    assertRejected(zeroCoordinates);
  }

  @Test
  void emptyAndNullSharesAreRejected() {
    assertRejected(new byte[0]);
    assertRejected(null);
  }

  /** A valid point whose x is written as x + p: same point, non-canonical bytes. */
  @Test
  void coordinatesAtOrAboveTheFieldPrimeAreRejected() {
    ECPoint small = smallestXPoint();
    BigInteger x = small.getAffineXCoord().toBigInteger();
    byte[] canonical = small.getEncoded(false);
    assertRejectedWith(canonical, 1, x.add(FIELD_PRIME));
    assertRejectedWith(canonical, 1, FIELD_PRIME);
    assertRejectedWith(canonical, 33, FIELD_PRIME);
    assertRejectedWith(canonical, 33, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    accepted(canonical); // the canonical encoding of the same point is fine
  }

  /** pB = w·N gives K = identity on A's side: only a peer that knows w and skips y can send it. */
  @Test
  void aShareThatYieldsTheIdentityIsRejected() {
    byte[] wTimesN =
        P256Group.encode(P256Group.N.multiply(new BigInteger(1, W.scalar())).normalize());
    Spake2 a = Spake2.partyA(ID_A, ID_B, W, new byte[0]);
    a.start();
    assertPakeFailure(PakeException.Reason.INVALID_SHARE, () -> a.finish(wTimesN));
  }

  @Test
  void aRejectedShareEndsTheParty() {
    Spake2 b = Spake2.partyB(ID_A, ID_B, W, new byte[0]);
    b.start();
    assertPakeFailure(PakeException.Reason.INVALID_SHARE, () -> b.finish(new byte[] {0x00}));
    assertThrows(IllegalStateException.class, () -> b.finish(validShare(new byte[32])));
    assertThrows(IllegalStateException.class, () -> b.verifyConfirmation(new byte[32]));
  }

  /** Rejection through a fresh party of each role, with a message that does not echo the bytes. */
  private static void assertRejected(byte[] share) {
    for (Spake2 party :
        new Spake2[] {
          Spake2.partyA(ID_A, ID_B, W, new byte[0]), Spake2.partyB(ID_A, ID_B, W, new byte[0])
        }) {
      party.start();
      assertPakeFailure(PakeException.Reason.INVALID_SHARE, () -> party.finish(share));
    }
    if (share != null && share.length > 4) {
      try {
        P256Group.decodeShare(share);
      } catch (PakeException e) {
        assertFalse(e.getMessage().contains(Vectors.hex(share).substring(2, 10)));
      }
    }
  }

  private static void assertRejectedWith(byte[] share, int offset, BigInteger coordinate) {
    byte[] s = share.clone();
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, coordinate), 0, s, offset, 32);
    assertRejected(s);
  }

  private static void accepted(byte[] share) {
    Spake2 b = Spake2.partyB(ID_A, ID_B, W, new byte[0]);
    b.start();
    try {
      assertEquals(Spake2.MAC_LENGTH, b.finish(share).length);
    } catch (PakeException e) {
      throw new AssertionError("valid share rejected", e);
    }
  }

  /** k·P for a nonzero k taken from the seed. */
  private static byte[] validShare(byte[] seed) {
    BigInteger k =
        new BigInteger(1, seed).mod(P256Group.ORDER.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    return P256Group.encode(P256Group.P.multiply(k).normalize());
  }

  /** The point with the smallest x ≥ 0, so that x + p still fits in 32 bytes. */
  private static ECPoint smallestXPoint() {
    for (int x = 0; ; x++) {
      byte[] compressed = new byte[33];
      compressed[0] = 0x02;
      compressed[32] = (byte) x;
      try {
        return P256Group.CURVE.decodePoint(compressed).normalize();
      } catch (IllegalArgumentException noPoint) {
        // no y for this x: try the next
      }
    }
  }
}
