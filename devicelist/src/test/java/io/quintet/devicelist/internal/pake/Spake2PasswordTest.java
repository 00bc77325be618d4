package io.quintet.devicelist.internal.pake;

import static io.quintet.devicelist.internal.pake.PakeGens.CHEAP;
import static io.quintet.devicelist.internal.pake.PakeGens.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.testing.Vectors;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * w = Argon2id(code, label ‖ A ‖ B) mod p: fixed format, deterministic, sensitive to every input.
 */
class Spake2PasswordTest {
  private static final byte[] CODE = ascii("7KQ2MZ9D");
  private static final byte[] ID_A = ascii("companion");
  private static final byte[] ID_B = ascii("account:alice");

  /**
   * Known answers for (CODE, ID_A, ID_B). Both were reproduced by an independent Argon2id written
   * from RFC 9106 (itself checked on RFC 9106 §5.3's Argon2id tag), so they pin the salt layout,
   * the Argon2 type, version and output length, and the reduction, not only this code's past
   * behaviour.
   */
  private static final String W_DEFAULT_COST =
      "dae016569683c928e377436a1aee1df37df90dac797ae57ddfb60a0bcdd93145";

  private static final String W_CHEAP_COST =
      "94c245baf64c5e0009338cc7165c87984731deeb84a1b422c1a1c72e4b58439a";

  @Test
  void defaultCostIsArgon2idAtOwaspMinimum() {
    assertEquals(new Spake2Password.Cost(19 * 1024, 2, 1), Spake2Password.DEFAULT_COST);
    assertEquals(48, Spake2Password.MHF_OUTPUT_LENGTH);
  }

  /** The one test that pays the production cost (a fraction of a second). */
  @Test
  void knownAnswerAtTheDefaultCost() {
    assertArrayEquals(
        Vectors.hex(W_DEFAULT_COST), Spake2Password.derive(CODE, ID_A, ID_B).scalar());
  }

  @Test
  void knownAnswerAtTheCheapTestCost() {
    assertArrayEquals(Vectors.hex(W_CHEAP_COST), cheap(CODE, ID_A, ID_B));
  }

  /** The same computation spelled out with Bouncy Castle directly, for arbitrary inputs. */
  @Test
  void matchesArgon2idWithTheDocumentedSaltReducedModTheOrder() {
    qt().withExamples(30)
        .forAll(PakeGens.bytes(1, 16), PakeGens.bytes(0, 20), PakeGens.bytes(0, 20))
        .checkAssert(
            (pw, idA, idB) -> {
              byte[] salt =
                  concat(
                      ascii("Quintet SPAKE2-P256 w v1"),
                      le64(idA.length),
                      idA,
                      le64(idB.length),
                      idB);
              Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
              argon2.init(
                  new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                      .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                      .withSalt(salt)
                      .withMemoryAsKB(CHEAP.memoryKiB())
                      .withIterations(CHEAP.iterations())
                      .withParallelism(CHEAP.parallelism())
                      .build());
              byte[] out = new byte[48];
              argon2.generateBytes(pw, out);
              BigInteger expected = new BigInteger(1, out).mod(P256Group.ORDER);
              byte[] w = cheap(pw, idA, idB);
              assertEquals(32, w.length);
              assertEquals(expected, new BigInteger(1, w));
              assertTrue(expected.compareTo(P256Group.ORDER) < 0);
            });
  }

  @Test
  void deterministic() {
    assertArrayEquals(cheap(CODE, ID_A, ID_B), cheap(CODE, ID_A, ID_B));
  }

  @Test
  void everyCharacterOfTheCodeMatters() {
    qt().withExamples(40)
        .forAll(PakeGens.codes(), integers().between(0, 7), integers().between(1, 31))
        .checkAssert(
            (code, pos, shift) -> {
              byte[] w = cheap(ascii(code), ID_A, ID_B);
              byte[] other = cheap(ascii(PakeGens.changeOne(code, pos, shift)), ID_A, ID_B);
              assertFalse(Arrays.equals(w, other));
            });
  }

  @Test
  void eachIdentityAndTheirOrderMatter() {
    byte[] w = cheap(CODE, ID_A, ID_B);
    assertFalse(Arrays.equals(w, cheap(CODE, ascii("companion2"), ID_B)));
    assertFalse(Arrays.equals(w, cheap(CODE, ID_A, ascii("account:bob"))));
    assertFalse(Arrays.equals(w, cheap(CODE, ID_B, ID_A)));
    assertFalse(Arrays.equals(w, cheap(CODE, new byte[0], ID_B)));
    // Length prefixes keep the boundary between A and B: ("ab","c") is not ("a","bc").
    assertFalse(
        Arrays.equals(cheap(CODE, ascii("ab"), ascii("c")), cheap(CODE, ascii("a"), ascii("bc"))));
  }

  @Test
  void eachCostParameterMatters() {
    byte[] w = cheap(CODE, ID_A, ID_B);
    for (Spake2Password.Cost other :
        new Spake2Password.Cost[] {
          new Spake2Password.Cost(16, 1, 1),
          new Spake2Password.Cost(8, 2, 1),
          new Spake2Password.Cost(16, 1, 2)
        }) {
      assertFalse(
          Arrays.equals(w, Spake2Password.derive(CODE, ID_A, ID_B, other).scalar()),
          other.toString());
    }
  }

  @Test
  void emptyPasswordIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Spake2Password.derive(new byte[0], ID_A, ID_B, CHEAP));
  }

  @Test
  void saltIsTheLabelThenLengthPrefixedIdentities() {
    assertArrayEquals(
        Vectors.hex(
            Vectors.hex(ascii("Quintet SPAKE2-P256 w v1"))
                + "0100000000000000"
                + "61"
                + "0000000000000000"),
        Spake2Password.salt(ascii("a"), new byte[0]));
  }

  private static byte[] cheap(byte[] pw, byte[] idA, byte[] idB) {
    return Spake2Password.derive(pw, idA, idB, CHEAP).scalar();
  }

  private static byte[] le64(int n) {
    byte[] out = new byte[8];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) (n >>> (8 * i));
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[0];
    for (byte[] p : parts) {
      int at = out.length;
      out = Arrays.copyOf(out, at + p.length);
      System.arraycopy(p, 0, out, at, p.length);
    }
    return out;
  }
}
