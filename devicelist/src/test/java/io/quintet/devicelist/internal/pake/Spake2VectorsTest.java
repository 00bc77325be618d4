package io.quintet.devicelist.internal.pake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.quintet.core.testing.Vectors;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9382 Appendix B (SPAKE2-P256-SHA256-HKDF-HMAC): both parties, run with the vector's w, x and
 * y, reproduce every published value byte for byte.
 */
class Spake2VectorsTest {
  private static final JsonObject FILE = Vectors.load("spake2/rfc9382_p256_sha256_test.json");

  static Stream<Vectors.Case> cases() {
    return Vectors.wycheproofCases(FILE).stream();
  }

  @Test
  void fileHoldsTheFourAppendixBVectors() {
    List<Vectors.Case> all = Vectors.wycheproofCases(FILE);
    assertEquals(4, FILE.get("numberOfTests").getAsInt());
    assertEquals(4, all.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i + 1, all.get(i).id());
      assertEquals("valid", all.get(i).result());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bothPartiesReproduceEveryValue(Vectors.Case c) throws PakeException {
    Spake2Password w = Spake2Password.ofScalar(c.bytes("w"));
    Spake2 a = party(Spake2.Role.A, c, w, "x");
    Spake2 b = party(Spake2.Role.B, c, w, "y");

    assertHex(c, "pA", a.start());
    assertHex(c, "pB", b.start());
    byte[] cA = a.finish(c.bytes("pB"));
    byte[] cB = b.finish(c.bytes("pA"));
    assertHex(c, "cA", cA);
    assertHex(c, "cB", cB);

    for (Spake2 party : List.of(a, b)) {
      Spake2Transcript t = party.transcript();
      assertHex(c, "K", t.k());
      assertHex(c, "TT", t.tt());
      assertHex(c, "hashTT", t.hashTt());
      assertHex(c, "Ke", t.ke());
      assertHex(c, "Ka", t.ka());
      assertHex(c, "KcA", t.kcA());
      assertHex(c, "KcB", t.kcB());
      assertHex(c, "cA", t.cA());
      assertHex(c, "cB", t.cB());
    }

    assertHex(c, "Ke", a.verifyConfirmation(cB));
    assertHex(c, "Ke", b.verifyConfirmation(cA));
  }

  /** The key schedule alone, fed the vector's own pA, pB, K and w. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keyScheduleFromPublishedInputs(Vectors.Case c) {
    Spake2Transcript t =
        Spake2Transcript.compute(
            c.bytes("A"),
            c.bytes("B"),
            c.bytes("pA"),
            c.bytes("pB"),
            c.bytes("K"),
            c.bytes("w"),
            c.bytes("aad"));
    assertHex(c, "TT", t.tt());
    assertHex(c, "KcA", t.kcA());
    assertHex(c, "KcB", t.kcB());
    assertHex(c, "cA", t.cA());
    assertHex(c, "cB", t.cB());
  }

  private static Spake2 party(Spake2.Role role, Vectors.Case c, Spake2Password w, String eph) {
    return Spake2.create(
        role, c.bytes("A"), c.bytes("B"), w, c.bytes("aad"), new BigInteger(1, c.bytes(eph)));
  }

  private static void assertHex(Vectors.Case c, String field, byte[] actual) {
    assertArrayEquals(c.bytes(field), actual, c + ": " + field);
  }
}
