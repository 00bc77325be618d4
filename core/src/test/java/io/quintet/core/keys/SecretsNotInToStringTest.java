package io.quintet.core.keys;

import static io.quintet.core.keys.KeyGens.bytes32;
import static io.quintet.core.keys.KeyGens.keyPair;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every secret-holding type that can be built without signing must keep its private key out
 * of {@code toString()}, which ends up in logs, exception messages and debugger views. Checks
 * the whole key and every 8-byte window of it, in lower- and upper-case hex, plus Base64 and
 * {@link Arrays#toString(byte[])} renderings.
 */
class SecretsNotInToStringTest {

  @Test
  void derivedFromArbitraryScalars() {
    qt().withExamples(300).forAll(bytes32()).checkAssert(s -> checkAll(keyPair(s)));
  }

  @Test
  void freshlyGenerated() {
    for (int i = 0; i < 20; i++) {
      checkAll(Curve25519KeyPair.generate());
      IdentityKeyPair id = IdentityKeyPair.generate();
      assertNoSecret(id.privateKey().serialize(), id.toString(), "IdentityKeyPair");
      OneTimePreKey otk = OneTimePreKey.generate(i, i);
      assertNoSecret(otk.keyPair().privateKey().serialize(), otk.toString(), "OneTimePreKey");
    }
  }

  /** The checker itself must notice a leak, or the tests above prove nothing. */
  @Test
  void checkerCatchesLeaks() {
    byte[] secret = Curve25519KeyPair.generate().privateKey().serialize();
    String hex = HexFormat.of().formatHex(secret);
    for (String leaky :
        List.of(
            "k=" + hex,
            "k=" + hex.toUpperCase(Locale.ROOT),
            "k=" + hex.substring(20, 36) + "…",
            "k=" + Base64.getEncoder().encodeToString(secret),
            "k=" + Arrays.toString(Arrays.copyOfRange(secret, 3, 11)))) {
      assertFalse(leakFree(secret, leaky), leaky);
    }
  }

  private static void checkAll(Curve25519KeyPair pair) {
    byte[] secret = pair.privateKey().serialize();
    assertNoSecret(secret, pair.privateKey().toString(), "Curve25519PrivateKey");
    assertNoSecret(secret, pair.toString(), "Curve25519KeyPair");
    assertNoSecret(
        secret, IdentityKeyPair.fromPrivateKey(pair.privateKey()).toString(), "IdentityKeyPair");
    assertNoSecret(secret, new OneTimePreKey(5, 6L, pair).toString(), "OneTimePreKey");
    assertNoSecret(secret, new SignedPreKey(5, 6L, pair, new byte[64]).toString(), "SignedPreKey");
  }

  private static void assertNoSecret(byte[] secret, String text, String type) {
    assertTrue(leakFree(secret, text), type + ".toString() shows private key bytes: " + text);
  }

  private static boolean leakFree(byte[] secret, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String compact = text.replace(" ", "");
    if (compact.contains(Base64.getEncoder().encodeToString(secret))) {
      return false;
    }
    for (int i = 0; i + 8 <= secret.length; i++) {
      byte[] window = Arrays.copyOfRange(secret, i, i + 8);
      // Lower-casing the text covers upper-case hex as well.
      if (lower.contains(HexFormat.of().formatHex(window))) {
        return false;
      }
      String decimal = Arrays.toString(window).replace(" ", "");
      if (compact.contains(decimal.substring(1, decimal.length() - 1))) {
        return false;
      }
    }
    return true;
  }
}
