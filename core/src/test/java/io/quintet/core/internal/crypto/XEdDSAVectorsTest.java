package io.quintet.core.internal.crypto;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.quintet.core.testing.Vectors;
import io.quintet.core.testing.Vectors.Case;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 77 XEdDSA vectors of {@code vectors/xeddsa/xeddsa_test.json} (both formats: libsignal's
 * {@code curvesig} and the specification's variant), one test per tcId.
 */
class XEdDSAVectorsTest {
  private static final JsonObject FILE = Vectors.load("xeddsa/xeddsa_test.json");
  private static final List<Case> CASES = Vectors.wycheproofCases(FILE);

  static Stream<Case> cases(String groupType) {
    return CASES.stream().filter(c -> c.string("type").equals(groupType));
  }

  static Stream<Case> signKats() {
    return cases("XeddsaSignKat");
  }

  static Stream<Case> verifyCases() {
    return Stream.concat(cases("XeddsaVerify"), cases("XeddsaCrossVerify"));
  }

  static Stream<Case> iterated() {
    return cases("XeddsaIterated");
  }

  @Test
  void everyVectorIsCoveredByOneOfTheTests() {
    assertEquals(77, FILE.get("numberOfTests").getAsInt());
    assertEquals(77, CASES.size());
    Set<String> types = CASES.stream().map(c -> c.string("type")).collect(Collectors.toSet());
    assertEquals(
        Set.of("XeddsaSignKat", "XeddsaVerify", "XeddsaCrossVerify", "XeddsaIterated"), types);
    assertEquals(77, signKats().count() + verifyCases().count() + iterated().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signKats")
  void signKnownAnswer(Case c) {
    byte[] priv = c.bytes("privateKey");
    byte[] pub = c.bytes("publicKey");
    byte[] msg = c.bytes("msg");
    byte[] random = c.bytes("random");
    String variant = c.string("variant");

    assertArrayEquals(pub, X25519.publicKey(priv), c + ": public key of the private key");
    byte[] sig = sign(variant, priv, msg, random);
    assertEquals(c.string("sig"), hex(sig), c.toString());
    assertTrue(verify(variant, pub, msg, sig), c + ": verifies under its own rule");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verifyCases")
  void verify(Case c) {
    boolean expected = c.result().equals("valid");
    assertEquals(
        expected,
        verify(c.string("verifier"), c.bytes("publicKey"), c.bytes("msg"), c.bytes("sig")),
        c.toString());
  }

  /** The group's {@code procedure}, step by step. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("iterated")
  void iteratedChain(Case c) throws Exception {
    String signer = c.string("signer");
    String verifier = c.string("verifier");
    int iterations = c.test.get("iterations").getAsInt();
    byte[] buf = new byte[64];
    Arrays.fill(buf, (byte) c.test.get("initialByte").getAsInt());
    byte[] msg = new byte[c.test.get("msgLength").getAsInt()];
    MessageDigest sha512 = MessageDigest.getInstance("SHA-512");

    for (int count = 1; count <= iterations; count++) {
      byte[] b = sha512.digest(buf);
      byte[] seed = Arrays.copyOf(b, 32);
      byte[] priv = seed.clone();
      X25519.clamp(priv);
      byte[] random = sha512.digest(seed);
      byte[] pub = X25519.publicKey(priv);

      buf = sign(signer, priv, msg, random);
      assertTrue(verify(verifier, pub, msg, buf), c + ": round " + count + " verifies");

      if ((random[63] & 1) == 1) {
        buf[count % 64] ^= 1;
      } else {
        msg[count % msg.length] ^= 1;
      }
      assertFalse(verify(verifier, pub, msg, buf), c + ": round " + count + " tampered");
    }
    assertEquals(c.string("expected"), hex(buf), c.toString());
  }

  private static byte[] sign(String variant, byte[] priv, byte[] msg, byte[] random) {
    switch (variant) {
      case "curvesig":
        return XEdDSA.sign(priv, msg, random);
      case "xeddsa-spec":
        return XEdDSA.signSpec(priv, msg, random);
      default:
        throw new IllegalArgumentException("unknown variant " + variant);
    }
  }

  private static boolean verify(String rule, byte[] pub, byte[] msg, byte[] sig) {
    switch (rule) {
      case "curvesig":
        return XEdDSA.verify(pub, msg, sig);
      case "xeddsa-spec":
        return XEdDSA.verifySpec(pub, msg, sig);
      default:
        throw new IllegalArgumentException("unknown verifier " + rule);
    }
  }
}
