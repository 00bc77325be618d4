package io.quintet.devicelist.internal.pake;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * P-256 as the suite SPAKE2-P256-SHA256-HKDF-HMAC (RFC 9382) uses it: the generator P, the RFC's
 * constants M and N, scalar multiplication, and the uncompressed SEC1 share encoding.
 *
 * <p>Scalar multiplication: Bouncy Castle's default multiplier for secp256r1 (what {@link
 * ECPoint#multiply} picks) is wNAF, whose additions depend on the scalar's digits, so it is not
 * used. {@link FixedPointCombMultiplier} runs a fixed number of comb columns (one doubling plus one
 * addition each, whatever the bits) and reads its table through the curve's cache-safe lookup,
 * which touches every entry. It works for any point of the group, not only the generator: the table
 * is cached on the point object, so P, M and N build theirs once per process, and a per-exchange
 * point builds a fresh one (about 200 doublings). What remains variable is BC's handling of
 * exceptional cases (infinity, equal inputs) in the point formulas and {@link BigInteger}
 * conversions; this class itself never branches on secret bits.
 */
final class P256Group {
  static final int SCALAR_LENGTH = 32;

  /** 0x04 ‖ X ‖ Y. */
  static final int SHARE_LENGTH = 65;

  /** RFC 9382 §6, P-256, seed "1.2.840.10045.3.1.7 point generation seed (M)", compressed. */
  static final String M_HEX = "02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f";

  /** RFC 9382 §6, P-256, seed "1.2.840.10045.3.1.7 point generation seed (N)", compressed. */
  static final String N_HEX = "03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49";

  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
  static final ECCurve CURVE = PARAMS.getCurve();

  /** The prime order of the group (RFC 9382 calls it p; the cofactor h is 1). */
  static final BigInteger ORDER = PARAMS.getN();

  static final ECPoint P = PARAMS.getG();
  static final ECPoint M = CURVE.decodePoint(HexFormat.of().parseHex(M_HEX));
  static final ECPoint N = CURVE.decodePoint(HexFormat.of().parseHex(N_HEX));

  private static final ECMultiplier COMB = new FixedPointCombMultiplier();
  private static final byte UNCOMPRESSED = 0x04;

  private P256Group() {}

  /** k·point for 0 ≤ k < ORDER with the comb (see the class comment). */
  static ECPoint multiply(ECPoint point, BigInteger k) {
    return COMB.multiply(point, k).normalize();
  }

  /**
   * A scalar uniform in [1, ORDER-1] by rejection sampling (RFC 9382 §7 recommends it). A rejected
   * draw reveals nothing about the accepted one; for P-256 one in 2^32 is rejected.
   */
  static BigInteger randomScalar(SecureRandom random) {
    byte[] buf = new byte[SCALAR_LENGTH];
    try {
      while (true) {
        random.nextBytes(buf);
        BigInteger k = new BigInteger(1, buf);
        if (k.signum() > 0 && k.compareTo(ORDER) < 0) {
          return k;
        }
      }
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  /** A scalar as RFC 9382 puts w into TT: big-endian, padded to the length of the order. */
  static byte[] scalarBytes(BigInteger k) {
    return BigIntegers.asUnsignedByteArray(SCALAR_LENGTH, k);
  }

  /** Uncompressed SEC1 encoding of a finite point. */
  static byte[] encode(ECPoint point) {
    return point.getEncoded(false);
  }

  /**
   * Parses and validates a peer's share: exactly 65 bytes, prefix 0x04 (compressed and hybrid
   * encodings are refused, as is the one-byte infinity 0x00), both coordinates below the field
   * prime, and the point on the curve. With cofactor 1 every such point is in the group and is not
   * the identity (which has no affine coordinates).
   */
  static ECPoint decodeShare(byte[] share) throws PakeException {
    if (share == null || share.length != SHARE_LENGTH || share[0] != UNCOMPRESSED) {
      throw new PakeException(
          PakeException.Reason.INVALID_SHARE,
          "share must be a 65-byte uncompressed P-256 point (0x04 prefix)");
    }
    BigInteger x = new BigInteger(1, share, 1, SCALAR_LENGTH);
    BigInteger y = new BigInteger(1, share, 1 + SCALAR_LENGTH, SCALAR_LENGTH);
    if (!CURVE.isValidFieldElement(x) || !CURVE.isValidFieldElement(y)) {
      throw new PakeException(
          PakeException.Reason.INVALID_SHARE, "share has a coordinate outside the P-256 field");
    }
    ECPoint point;
    try {
      point = CURVE.validatePoint(x, y);
    } catch (IllegalArgumentException notOnCurve) {
      throw new PakeException(PakeException.Reason.INVALID_SHARE, "share is not on P-256");
    }
    if (point.isInfinity()) {
      throw new PakeException(PakeException.Reason.INVALID_SHARE, "share is the identity");
    }
    return point;
  }
}
