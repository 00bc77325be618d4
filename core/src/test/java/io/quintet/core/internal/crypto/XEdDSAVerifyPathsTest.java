package io.quintet.core.internal.crypto;

import static io.quintet.core.internal.crypto.XEdDSAEdgeCasesVsLibsignalTest.L;
import static io.quintet.core.internal.crypto.XEdDSAEdgeCasesVsLibsignalTest.decode;
import static io.quintet.core.internal.crypto.XEdDSAEdgeCasesVsLibsignalTest.encode;
import static io.quintet.core.internal.crypto.XEdDSAEdgeCasesVsLibsignalTest.le;
import static io.quintet.core.internal.crypto.XEdDSAEdgeCasesVsLibsignalTest.plusT2;
import static io.quintet.core.internal.crypto.XEdDSAEdgeCasesVsLibsignalTest.plusT4;
import static io.quintet.core.internal.crypto.XEdDSAEdgeCasesVsLibsignalTest.reverse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.testing.Vectors.Case;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.signal.libsignal.protocol.ecc.ECPrivateKey;
import org.signal.libsignal.protocol.ecc.ECPublicKey;

/**
 * {@link XEdDSA#verify} has two paths: Bouncy Castle's (cofactored) RFC 8032 verifier when
 * both A and R have prime order, else the exact cofactorless check ({@link
 * XEdDSA#verifyExact}). Whatever the state of {@link VerifyingKeyCache} (key unseen, seen
 * once, checked), the decision must be the exact one, and the exact one is libsignal's.
 */
class XEdDSAVerifyPathsTest {
  private static Gen<byte[]> bytes(int minLength, int maxLength) {
    Gen<Byte> anyByte = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    return Generate.byteArrays(Generate.range(minLength, maxLength), anyByte);
  }

  /** Verifies three times (unseen, seen once, checked key), asserting the same answer. */
  private static boolean verifyInEveryCacheState(byte[] u, byte[] msg, byte[] sig, String what) {
    boolean exact = XEdDSA.verifyExact(u, msg, sig);
    for (int call = 1; call <= 3; call++) {
      assertEquals(exact, XEdDSA.verify(u, msg, sig), what + " (call " + call + ")");
    }
    return exact;
  }

  @Test
  void honestSignaturesTakeTheFastPathAndTamperedOnesAreDecidedAsTheExactVerifierDoes() {
    qt().withExamples(60)
        .forAll(bytes(32, 32), bytes(0, 200), SourceDSL.integers().between(0, 511))
        .checkAssert((key, msg, bit) -> {
          byte[] priv = key.clone();
          X25519.clamp(priv);
          byte[] u = X25519.publicKey(priv);
          byte[] sig = XEdDSA.sign(priv, msg);
          VerifyingKeyCache.clear();
          assertTrue(verifyInEveryCacheState(u, msg, sig, "honest"));
          // The fast path's preconditions hold for an honest key and signature.
          VerifyingKeyCache.Key checked = VerifyingKeyCache.of(u, (sig[63] >>> 7) & 1, null);
          assertNotNull(checked.primeOrderPoint, "an honest key has prime order");
          assertTrue(Ed25519.validatePublicKeyFull(sig, 0), "an honest R has prime order");

          byte[] flipped = XEdDSALibsignalVectorsTest.flip(sig, bit);
          assertFalse(verifyInEveryCacheState(u, msg, flipped, "signature bit " + bit));
          if (msg.length > 0) {
            byte[] other = XEdDSALibsignalVectorsTest.flip(msg, bit % (msg.length * 8));
            assertFalse(verifyInEveryCacheState(u, other, sig, "message bit"));
          }
          // s + L (still below 2^253) is accepted by both paths, as libsignal does.
          BigInteger s = new BigInteger(1, reverse(Arrays.copyOfRange(sig, 32, 64)))
              .clearBit(255);
          byte[] sPlusL = XEdDSAEdgeCasesVsLibsignalTest.withS(sig, s.add(L), sig[63] & 0x80);
          assertTrue(verifyInEveryCacheState(u, msg, sPlusL, "s + L"));
        });
  }

  /**
   * Why the exact path must stay: Bouncy Castle alone accepts R + T (T of order 2 or 4),
   * which libsignal rejects; such an R fails the fast path's subgroup check.
   */
  @Test
  void torsionInRIsLeftToTheExactVerifier() throws Exception {
    Random random = new Random(0x5167_0101L);
    for (int i = 0; i < 8; i++) {
      byte[] priv = XEdDSACrossImplementationTest.privateKey(random);
      byte[] u = X25519.publicKey(priv);
      BigInteger a = new BigInteger(1, reverse(priv));
      byte[] encA = com.google.crypto.tink.internal.Ed25519.scalarMultWithBaseToBytes(priv);
      byte[] msg = XEdDSACrossImplementationTest.message(random, i);
      BigInteger r = XEdDSAEdgeCasesVsLibsignalTest.scalar(random);
      BigInteger[] pointR = decode(com.google.crypto.tink.internal.Ed25519
          .scalarMultWithBaseToBytes(le(r)));
      byte[] shiftedR = encode(i % 2 == 0 ? plusT2(pointR) : plusT4(pointR));
      BigInteger h = XEdDSAEdgeCasesVsLibsignalTest.hash(shiftedR, encA, msg);
      byte[] sig = new byte[64];
      System.arraycopy(shiftedR, 0, sig, 0, 32);
      sig = XEdDSAEdgeCasesVsLibsignalTest.withS(sig, r.add(h.multiply(a)).mod(L), 0);

      assertTrue(Ed25519.verify(sig, 0, encA, 0, msg, 0, msg.length),
          "Bouncy Castle's cofactored verifier accepts R + torsion");
      assertFalse(Ed25519.validatePublicKeyFull(sig, 0), "R + torsion fails the subgroup check");
      sig[63] |= (byte) (encA[31] & 0x80);
      assertFalse(verifyInEveryCacheState(u, msg, sig, "R + torsion " + i));
    }
  }

  /** A + T2 (u' = 1/u) never gets a fast-path point, so h decides as libsignal's rule says. */
  @Test
  void mixedAndSmallOrderKeysNeverGetAFastPathPoint() {
    Random random = new Random(0x5167_0102L);
    for (int i = 0; i < 6; i++) {
      byte[] priv = XEdDSACrossImplementationTest.privateKey(random);
      BigInteger uValue = new BigInteger(1, reverse(X25519.publicKey(priv)));
      byte[] mixed = le(uValue.modInverse(XEdDSAEdgeCasesVsLibsignalTest.P));
      for (int signBit = 0; signBit <= 1; signBit++) {
        assertNull(checkedKey(mixed, signBit).primeOrderPoint, "A + T2, sign " + signBit);
      }
    }
    for (String hex : new String[] {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"}) {
      for (int signBit = 0; signBit <= 1; signBit++) {
        assertNull(checkedKey(io.quintet.core.testing.Vectors.hex(hex), signBit).primeOrderPoint,
            "small-order key " + hex);
      }
    }
  }

  private static VerifyingKeyCache.Key checkedKey(byte[] u, int signBit) {
    byte[] sig = new byte[64];
    sig[63] = (byte) (signBit << 7);
    XEdDSA.verify(u, new byte[0], sig); // first sighting: decoded only
    XEdDSA.verify(u, new byte[0], sig); // second: checked
    return VerifyingKeyCache.of(u, signBit, null);
  }

  /** The curvesig verification vectors of the 77 and libsignal's 20, in every cache state. */
  @Test
  void vectorsInEveryCacheState() {
    VerifyingKeyCache.clear();
    List<Case> curvesig = XEdDSAVectorsTest.verifyCases()
        .filter(c -> c.string("verifier").equals("curvesig"))
        .collect(Collectors.toList());
    assertTrue(curvesig.size() >= 30, "curvesig verification vectors: " + curvesig.size());
    for (Case c : curvesig) {
      boolean expected = c.result().equals("valid");
      boolean got =
          verifyInEveryCacheState(c.bytes("publicKey"), c.bytes("msg"), c.bytes("sig"), c.toString());
      assertEquals(expected, got, c.toString());
    }
    XEdDSALibsignalVectorsTest.cases().forEach(c ->
        assertTrue(verifyInEveryCacheState(c.publicU(), c.message(), c.signature(), c.toString())));
  }

  /** libsignal signs many messages under one key: each verifies on both paths, and tampered
   * copies are rejected by both libraries. */
  @Test
  void libsignalSignaturesUnderOneWarmKey() throws Exception {
    Random random = new Random(0x5167_0103L);
    for (int k = 0; k < 3; k++) {
      ECPrivateKey theirKey = ECPrivateKey.generate();
      ECPublicKey theirPub = theirKey.publicKey();
      byte[] u = theirPub.getPublicKeyBytes();
      for (int i = 0; i < 12; i++) {
        byte[] msg = XEdDSACrossImplementationTest.message(random, i);
        byte[] sig = theirKey.calculateSignature(msg);
        assertTrue(verifyInEveryCacheState(u, msg, sig, "libsignal's " + i));
        byte[] bad = XEdDSALibsignalVectorsTest.flip(sig, random.nextInt(512));
        assertEquals(theirPub.verifySignature(msg, bad), XEdDSA.verify(u, msg, bad), "tampered");
        assertFalse(XEdDSA.verify(u, msg, bad));
      }
    }
  }
}
