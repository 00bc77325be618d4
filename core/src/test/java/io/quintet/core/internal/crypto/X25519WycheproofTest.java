package io.quintet.core.internal.crypto;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.testing.Vectors;
import io.quintet.core.testing.Vectors.Case;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof x25519_test.json against {@link X25519#agree}.
 *
 * <p>Decisions for the 254 {@code acceptable} cases, by flag:
 *
 * <ul>
 *   <li>{@code ZeroSharedSecret} (every {@code LowOrderPublic} case carries it): rejected with
 *       {@link InvalidKeyException}. RFC 7748 §6.1 allows the check and libsignal makes it; an
 *       all-zero secret means the peer forced a known key, so it must never reach a KDF.
 *   <li>Every other acceptable flag ({@code Twist}, {@code NonCanonicalPublic}, {@code
 *       SmallPublicKey}, {@code SpecialPublicKey}, {@code EdgeCase*}): computed, and the result
 *       must equal {@code shared} exactly. X25519 is defined on the twist and for non-canonical
 *       u (RFC 7748 §5 masks bit 255 and reduces mod p), so a correct ladder gives the listed
 *       value, and a wrong one here would be an invalid-curve leak. Refusing non-canonical
 *       encodings is the job of {@link Curve25519PublicKey}, checked separately below.
 * </ul>
 */
class X25519WycheproofTest {
  private static final JsonObject FILE = Vectors.load("wycheproof/x25519_test.json");
  private static final List<Case> CASES = Vectors.wycheproofCases(FILE);
  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  @Test
  void everyCaseIsLoaded() {
    assertEquals(518, FILE.get("numberOfTests").getAsInt());
    assertEquals(518, CASES.size());
  }

  @TestFactory
  Stream<DynamicTest> agree() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
  }

  private static void check(Case c) throws Exception {
    byte[] priv = c.bytes("private");
    byte[] pub = c.bytes("public");
    byte[] shared = c.bytes("shared");
    boolean zero = ConstantTime.isZero(shared);
    // The file's flag and its expected value agree; if a future copy breaks that, say so.
    assertEquals(c.hasFlag("ZeroSharedSecret"), zero, "ZeroSharedSecret flag vs shared value");
    switch (c.result()) {
      case "valid":
        assertArrayEquals(shared, X25519.agree(priv, pub));
        break;
      case "acceptable":
        if (zero) {
          assertThrows(InvalidKeyException.class, () -> X25519.agree(priv, pub));
        } else {
          assertArrayEquals(shared, X25519.agree(priv, pub));
        }
        break;
      default:
        fail("x25519 has no invalid cases; unexpected result " + c.result());
    }
    // The caller's input must not be modified (the scalar is not clamped in place).
    assertArrayEquals(c.bytes("private"), priv);
    assertArrayEquals(c.bytes("public"), pub);
  }

  /** The key-parsing layer refuses exactly the non-canonical encodings (bit 255 set, u ≥ p). */
  @TestFactory
  Stream<DynamicTest> publicKeyParsingRejectsNonCanonical() {
    return CASES.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () -> {
                      byte[] u = c.bytes("public");
                      boolean canonical = (u[31] & 0x80) == 0 && littleEndian(u).compareTo(P) < 0;
                      if (c.hasFlag("NonCanonicalPublic")) {
                        assertTrue(!canonical, "flagged non-canonical: " + hex(u));
                      }
                      if (canonical) {
                        assertArrayEquals(u, Curve25519PublicKey.fromU(u).uBytes());
                      } else {
                        assertThrows(InvalidKeyException.class, () -> Curve25519PublicKey.fromU(u));
                      }
                    }));
  }

  @Test
  void wrongLengthsAreRejected() {
    byte[] k = new byte[32];
    k[0] = 9;
    assertThrows(InvalidKeyException.class, () -> X25519.agree(new byte[31], k));
    assertThrows(InvalidKeyException.class, () -> X25519.agree(k, new byte[33]));
    assertThrows(InvalidKeyException.class, () -> X25519.agree(k, new byte[0]));
  }

  @Test
  void generatedKeysAgree() throws Exception {
    byte[] a = X25519.generatePrivateKey();
    byte[] b = X25519.generatePrivateKey();
    assertArrayEquals(
        X25519.agree(a, X25519.publicKey(b)), X25519.agree(b, X25519.publicKey(a)));
  }

  private static BigInteger littleEndian(byte[] u) {
    byte[] be = new byte[u.length];
    for (int i = 0; i < u.length; i++) {
      be[i] = u[u.length - 1 - i];
    }
    return new BigInteger(1, be);
  }
}
