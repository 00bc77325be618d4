package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.quintet.core.testing.Vectors.Case;
import io.quintet.core.testing.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof hkdf_sha256_test.json against {@link Hkdf#derive}: valid cases give {@code okm}
 * exactly (including the empty-salt and maximal 8160-byte cases); the three {@code
 * SizeTooLarge} cases (8161 bytes) are refused with {@link IllegalArgumentException}. The file
 * has no acceptable cases.
 */
class HkdfWycheproofTest {
  private static final JsonObject FILE = Vectors.load("wycheproof/hkdf_sha256_test.json");
  private static final List<Case> CASES = Vectors.wycheproofCases(FILE);

  @Test
  void everyCaseIsLoaded() {
    assertEquals(86, FILE.get("numberOfTests").getAsInt());
    assertEquals(86, CASES.size());
  }

  @TestFactory
  Stream<DynamicTest> hkdf() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
  }

  private static void check(Case c) {
    byte[] ikm = c.bytes("ikm");
    byte[] salt = c.bytes("salt");
    byte[] info = c.bytes("info");
    int size = c.test.get("size").getAsInt();
    switch (c.result()) {
      case "valid":
        byte[] okm = c.bytes("okm");
        assertEquals(size, okm.length);
        assertArrayEquals(okm, Hkdf.derive(ikm, salt, info, size));
        assertArrayEquals(okm, Hkdf.expand(Hkdf.extract(salt, ikm), info, size));
        break;
      case "invalid":
        assertTrue(c.hasFlag("SizeTooLarge"), "the only invalid cases are SizeTooLarge");
        assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(ikm, salt, info, size));
        break;
      default:
        fail("hkdf_sha256 has no acceptable cases; unexpected result " + c.result());
    }
  }

  @Test
  void lengthBounds() {
    byte[] ikm = {1};
    assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(ikm, null, new byte[0], 0));
    assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(ikm, null, new byte[0], -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Hkdf.derive(ikm, null, new byte[0], Hkdf.MAX_OUTPUT + 1));
    assertEquals(Hkdf.MAX_OUTPUT, Hkdf.derive(ikm, null, new byte[0], Hkdf.MAX_OUTPUT).length);
    assertEquals(1, Hkdf.derive(ikm, null, new byte[0], 1).length);
  }

  @Test
  void missingSaltIsThirtyTwoZeroBytes() {
    byte[] ikm = {9, 9, 9};
    byte[] info = {1};
    byte[] zeros = Hkdf.derive(ikm, new byte[32], info, 42);
    assertArrayEquals(zeros, Hkdf.derive(ikm, null, info, 42));
    assertArrayEquals(zeros, Hkdf.derive(ikm, new byte[0], info, 42));
  }

  @Test
  void shorterOutputIsAPrefix() {
    byte[] ikm = {5};
    byte[] info = {6};
    byte[] long100 = Hkdf.derive(ikm, null, info, 100);
    byte[] short33 = Hkdf.derive(ikm, null, info, 33);
    assertArrayEquals(Arrays.copyOf(long100, 33), short33);
  }
}
