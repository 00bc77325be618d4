package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.testing.Vectors;
import io.quintet.core.testing.Vectors.Case;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof aes_cbc_pkcs5_test.json against {@link AesCbc}. Only AES-256 is supported (the
 * Signal message cipher), so the 128- and 192-bit groups must be refused with {@link
 * IllegalArgumentException}. In the 256-bit group valid cases must round-trip exactly and the
 * bad-padding / empty-ciphertext cases must fail with {@link InvalidMessageException}. The
 * file has no acceptable cases.
 */
class AesCbcWycheproofTest {
  private static final JsonObject FILE = Vectors.load("wycheproof/aes_cbc_pkcs5_test.json");
  private static final List<Case> CASES = Vectors.wycheproofCases(FILE);

  @Test
  void everyCaseIsLoaded() {
    assertEquals(216, FILE.get("numberOfTests").getAsInt());
    assertEquals(216, CASES.size());
    assertEquals(72, CASES.stream().filter(AesCbcWycheproofTest::supported).count());
  }

  @TestFactory
  Stream<DynamicTest> aesCbc() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
  }

  private static boolean supported(Case c) {
    return c.group.get("keySize").getAsInt() == 256 && c.group.get("ivSize").getAsInt() == 128;
  }

  private static void check(Case c) throws Exception {
    byte[] key = c.bytes("key");
    byte[] iv = c.bytes("iv");
    byte[] msg = c.bytes("msg");
    byte[] ct = c.bytes("ct");
    if (!supported(c)) {
      assertThrows(IllegalArgumentException.class, () -> AesCbc.encrypt(key, iv, msg));
      assertThrows(IllegalArgumentException.class, () -> AesCbc.decrypt(key, iv, ct, 0, ct.length));
      return;
    }
    switch (c.result()) {
      case "valid":
        assertArrayEquals(ct, AesCbc.encrypt(key, iv, msg));
        assertArrayEquals(msg, AesCbc.decrypt(key, iv, ct, 0, ct.length));
        // The same ciphertext in the middle of a larger buffer (how a message body is read).
        byte[] framed = new byte[ct.length + 7];
        System.arraycopy(ct, 0, framed, 3, ct.length);
        assertArrayEquals(msg, AesCbc.decrypt(key, iv, framed, 3, ct.length));
        break;
      case "invalid":
        assertThrows(
            InvalidMessageException.class, () -> AesCbc.decrypt(key, iv, ct, 0, ct.length));
        break;
      default:
        fail("aes_cbc_pkcs5 has no acceptable cases; unexpected result " + c.result());
    }
  }

  @Test
  void wrongIvLengthAndPartialBlocksAreRejected() throws Exception {
    byte[] key = new byte[32];
    assertThrows(
        IllegalArgumentException.class, () -> AesCbc.encrypt(key, new byte[12], new byte[1]));
    byte[] ct = AesCbc.encrypt(key, new byte[16], new byte[5]);
    assertEquals(16, ct.length);
    assertThrows(
        InvalidMessageException.class, () -> AesCbc.decrypt(key, new byte[16], ct, 0, 15));
    assertThrows(
        IllegalArgumentException.class, () -> AesCbc.decrypt(key, new byte[17], ct, 0, 16));
  }
}
