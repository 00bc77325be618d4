package io.quintet.core.internal.crypto;

import com.google.crypto.tink.internal.Ed25519;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.Pack;

/**
 * XEdDSA signatures with Curve25519 (X25519) keys, in the {@code curvesig} format that
 * libsignal, libsignal-protocol-java and curve25519-java produce and accept.
 *
 * <p>The signer treats the clamped X25519 scalar {@code a} as an Ed25519 secret scalar, with
 * A = aB its Edwards public key. With 64 random bytes Z:
 *
 * <pre>
 *   r = SHA-512(0xFE ‖ 0xFF×31 ‖ a ‖ msg ‖ Z) mod L      R = rB
 *   h = SHA-512(R ‖ A ‖ msg) mod L                       s = h·a + r mod L
 *   signature = R ‖ s, with A's sign bit (x parity) stored in bit 7 of byte 63
 * </pre>
 *
 * <p>A verifier only has the Montgomery u-coordinate; it recovers A's y = (u−1)/(u+1) and takes
 * the sign of x from bit 7 of byte 63, then clears that bit from s. Like libsignal, it rejects
 * u ≡ −1, a y that is not on the curve, and an s with any of its top three bits set; it reduces
 * s mod L (so s in [L, 2²⁵³) is accepted, as libsignal does) and accepts exactly when the
 * encoding of sB − hA equals R (cofactorless). Unlike libsignal's raw routine it also rejects a
 * non-canonical u (u ≥ 2²⁵⁵−19 or bit 255 set), as Quintet's key parser does.
 *
 * <p>This is not the XEdDSA paper's exact format (that one negates {@code a} instead of carrying
 * the sign bit); the paper's variant is kept package-private for testing against its vectors.
 * Point arithmetic is Tink's (constant-time base multiplication; the cofactorless verification
 * equation), from its {@code internal} package, which has no stability promise: the version is
 * pinned and the vector tests would catch a change. A depends only on the key, so {@link
 * SigningPointCache} keeps it and a signature costs one base multiplication (R). The birational map uses Bouncy Castle's
 * field arithmetic and scalars mod L use Bouncy Castle's constant-time multi-word primitives.
 */
public final class XEdDSA {
  private static final int SIGNATURE_LENGTH = 64;
  private static final int RANDOM_LENGTH = 64;
  private static final int KEY_LENGTH = 32;

  /** 0xFE ‖ 0xFF×31: keeps the nonce hash apart from any Ed25519 hash (XEdDSA's hash_1). */
  private static final byte[] NONCE_PREFIX = noncePrefix();

  /** L = 2²⁵² + 27742317777372353535851937790883648493, little-endian 32-bit words (9th = 0). */
  private static final int[] L = {
    0x5CF5D3ED, 0x5812631A, 0xA2F79CD6, 0x14DEF9DE, 0, 0, 0, 0x10000000, 0
  };
  /** Barrett constant floor(2⁵¹² / L), 9 words. */
  private static final int[] MU = {
    0x0A2C131B, 0xED9CE5A3, 0x086329A7, 0x2106215D, 0xFFFFFFEB, 0xFFFFFFFF, 0xFFFFFFFF,
    0xFFFFFFFF, 0x0000000F
  };

  private XEdDSA() {}

  /** Signs with 64 fresh random bytes ({@code curvesig}). */
  public static byte[] sign(byte[] privateScalar, byte[] message) {
    byte[] random = Rng.bytes(RANDOM_LENGTH);
    try {
      return sign(privateScalar, message, random);
    } finally {
      Arrays.fill(random, (byte) 0);
    }
  }

  /**
   * Signs deterministically given the randomness ({@code curvesig}). The scalar is clamped
   * first, as libsignal does when it imports a private key.
   *
   * @throws IllegalArgumentException if the scalar is not 32 bytes or the randomness not 64
   */
  public static byte[] sign(byte[] privateScalar, byte[] message, byte[] random64) {
    return sign(privateScalar, message, random64, false);
  }

  /**
   * Verifies a {@code curvesig} signature under libsignal's rule (see the class comment).
   * Returns false, never throws, for null or malformed input.
   */
  public static boolean verify(byte[] publicU, byte[] message, byte[] signature) {
    if (!wellFormed(publicU, message, signature) || isMinusOne(publicU)) {
      return false;
    }
    byte[] a = edwardsY(publicU);
    // u = 0 gives x = 0; libsignal re-encodes A after decompression, which drops the sign.
    if (!isZero(publicU)) {
      a[31] |= (byte) (signature[63] & 0x80);
    }
    byte[] sig = signature.clone();
    sig[63] &= 0x7F;
    return verifyEdwards(a, message, sig);
  }

  /** XEdDSA exactly as in Signal's specification: {@code a} negated when A's sign bit is 1. */
  static byte[] signSpec(byte[] privateScalar, byte[] message, byte[] random64) {
    return sign(privateScalar, message, random64, true);
  }

  /** The specification's verifier: sign bit of A always 0; bit 7 of byte 63 must be 0. */
  static boolean verifySpec(byte[] publicU, byte[] message, byte[] signature) {
    if (!wellFormed(publicU, message, signature)) {
      return false;
    }
    // u = −1 maps to y = 0 here: the specification's inverse of 0 is 0.
    return verifyEdwards(edwardsY(publicU), message, signature);
  }

  /**
   * libsignal's verification equation on an Edwards key: s must be below 2²⁵³ and is then
   * reduced mod L; h = SHA-512(R ‖ A ‖ msg) mod L; accepted iff encode(sB − hA) == R byte for
   * byte. Tink's Ed25519 verification is exactly that check once s is reduced (it also rejects
   * an A off the curve, or one that encodes x = 0 with the sign bit set). Bouncy Castle's would
   * be faster but is cofactored and refuses small-order keys, so on crafted signatures (torsion
   * in R or A) it decides differently from libsignal.
   */
  static boolean verifyEdwards(byte[] edPublicKey, byte[] message, byte[] signature) {
    if (edPublicKey == null || edPublicKey.length != KEY_LENGTH || message == null
        || signature == null || signature.length != SIGNATURE_LENGTH
        || (signature[63] & 0xE0) != 0) {
      return false;
    }
    byte[] sig = signature.clone();
    int[] s = new int[9];
    Pack.littleEndianToInt(sig, 32, s, 0, 8);
    // s < 2²⁵³ < 2L, so one conditional subtraction reduces it.
    Nat.csub(9, ~Nat.lessThan(9, s, L), s, L, s);
    Pack.intToLittleEndian(s, 0, 8, sig, 32);
    try {
      return Ed25519.verify(message, sig, edPublicKey);
    } catch (GeneralSecurityException notOnCurve) {
      return false;
    }
  }

  private static byte[] sign(byte[] privateScalar, byte[] message, byte[] random, boolean spec) {
    if (privateScalar == null || privateScalar.length != KEY_LENGTH) {
      throw new IllegalArgumentException("XEdDSA private scalar must be 32 bytes");
    }
    if (random == null || random.length != RANDOM_LENGTH) {
      throw new IllegalArgumentException("XEdDSA randomness must be 64 bytes");
    }
    Objects.requireNonNull(message, "message");

    byte[] a = privateScalar.clone();
    X25519.clamp(a);
    int[] aWords = new int[16];
    int[] rWords = new int[16];
    int[] sWords = new int[16];
    int[] negA = new int[9];
    byte[] nonceHash = null;
    byte[] r = new byte[KEY_LENGTH];
    try {
      // A = aB is public and fixed per key: cached, so only R = rB is computed per signature.
      byte[] pub = SigningPointCache.publicPoint(a);
      int signBit = (pub[31] >>> 7) & 1;
      Pack.littleEndianToInt(a, 0, aWords, 0, 8);
      if (spec) {
        // Negate a (mod L) when A's x is odd, so that the key used has sign bit 0; otherwise a
        // stays the clamped key, unreduced, in the nonce hash (as the spec vectors' signer
        // does). A is public, but the selection is branch-free anyway since a is not.
        reduce(aWords, negA);
        Nat.sub(9, L, negA, negA);
        Nat.cmov(8, signBit, negA, 0, aWords, 0);
        Pack.intToLittleEndian(aWords, 0, 8, a, 0);
        pub[31] &= 0x7F;
      }

      MessageDigest sha = sha512();
      sha.update(NONCE_PREFIX);
      sha.update(a);
      sha.update(message);
      sha.update(random);
      nonceHash = sha.digest();
      Pack.littleEndianToInt(nonceHash, 0, rWords);
      reduce(rWords, rWords);
      Pack.intToLittleEndian(rWords, 0, 8, r, 0);
      byte[] bigR = Ed25519.scalarMultWithBaseToBytes(r);

      sha.update(bigR);
      sha.update(pub);
      sha.update(message);
      int[] h = new int[16];
      Pack.littleEndianToInt(sha.digest(), 0, h);
      reduce(h, h);

      // s = h·a + r mod L: both below 2²⁵⁶, so the sum stays below 2⁵¹² (Barrett's range).
      System.arraycopy(rWords, 0, sWords, 0, 8);
      Nat256.mulAddTo(h, aWords, sWords);
      reduce(sWords, sWords);

      byte[] signature = new byte[SIGNATURE_LENGTH];
      System.arraycopy(bigR, 0, signature, 0, 32);
      Pack.intToLittleEndian(sWords, 0, 8, signature, 32);
      if (!spec) {
        signature[63] |= (byte) (signBit << 7); // s < L < 2²⁵³ leaves bit 7 free
      }
      return signature;
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(r, (byte) 0);
      Arrays.fill(aWords, 0);
      Arrays.fill(rWords, 0);
      Arrays.fill(sWords, 0);
      Arrays.fill(negA, 0);
      if (nonceHash != null) {
        Arrays.fill(nonceHash, (byte) 0);
      }
    }
  }

  /**
   * z = x mod L in constant time (Barrett, HAC 14.42, base 2³²): x is 16 words (below 2⁵¹²),
   * z gets 9 words, the top one 0. Only fixed-length multiply, subtract and masked-subtract
   * loops run, so timing does not depend on x. x and z may be the same array.
   *
   * <p>The quotient estimate is at most 1 too small here, not HAC's generic 2: its error is
   * below x₀/L + q₁·ε/2²⁸⁸ + 1 with x₀ < 2²²⁴, q₁ < 2²⁸⁸ and ε = 2⁵¹²/L − MU ≈ 0.225, so one
   * conditional subtraction finishes the job.
   */
  static void reduce(int[] x, int[] z) {
    int[] q1 = Arrays.copyOfRange(x, 7, 16);
    int[] q2 = new int[18];
    int[] q3L = new int[18];
    int[] rem = Arrays.copyOf(x, 9);
    try {
      Nat.mul(9, q1, MU, q2);
      int[] q3 = Arrays.copyOfRange(q2, 9, 18);
      Nat.mul(9, q3, L, q3L);
      Arrays.fill(q3, 0);
      Nat.sub(9, rem, q3L, rem); // exact mod 2²⁸⁸: the true value is below 2L
      Nat.csub(9, ~Nat.lessThan(9, rem, L), rem, L, rem);
      Arrays.fill(z, 0);
      System.arraycopy(rem, 0, z, 0, 9);
    } finally {
      Arrays.fill(q1, 0);
      Arrays.fill(q2, 0);
      Arrays.fill(q3L, 0);
      Arrays.fill(rem, 0);
    }
  }

  /** The Edwards y = (u − 1)/(u + 1) of a canonical u, encoded with sign bit 0. */
  private static byte[] edwardsY(byte[] u) {
    int[] num = X25519Field.create();
    int[] den = X25519Field.create();
    X25519Field.decode255(u, num);
    X25519Field.copy(num, 0, den, 0);
    X25519Field.subOne(num);
    X25519Field.addOne(den);
    X25519Field.invVar(den, den); // u is public; the inverse of 0 comes out as 0
    X25519Field.mul(num, den, num);
    X25519Field.normalize(num);
    byte[] y = new byte[KEY_LENGTH];
    X25519Field.encode(num, y);
    return y;
  }

  private static boolean wellFormed(byte[] publicU, byte[] message, byte[] signature) {
    return publicU != null && message != null && signature != null
        && publicU.length == KEY_LENGTH && signature.length == SIGNATURE_LENGTH
        && isCanonical(publicU);
  }

  /** u < p = 2²⁵⁵ − 19 (so bit 255 clear); u ≥ p is 0x7F, 0xFF×30, then byte 0 ≥ 0xED. */
  private static boolean isCanonical(byte[] u) {
    if ((u[31] & 0xFF) < 0x7F) {
      return true;
    }
    if ((u[31] & 0xFF) > 0x7F) {
      return false;
    }
    for (int i = 30; i >= 1; i--) {
      if (u[i] != (byte) 0xFF) {
        return true;
      }
    }
    return (u[0] & 0xFF) < 0xED;
  }

  /** u = p − 1: the denominator u + 1 vanishes; libsignal (curve25519-dalek) rejects it. */
  private static boolean isMinusOne(byte[] u) {
    if (u[0] != (byte) 0xEC || u[31] != 0x7F) {
      return false;
    }
    for (int i = 1; i < 31; i++) {
      if (u[i] != (byte) 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(byte[] u) {
    for (byte b : u) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required of every Java platform", e);
    }
  }

  private static byte[] noncePrefix() {
    byte[] p = new byte[32];
    Arrays.fill(p, (byte) 0xFF);
    p[0] = (byte) 0xFE;
    return p;
  }
}
