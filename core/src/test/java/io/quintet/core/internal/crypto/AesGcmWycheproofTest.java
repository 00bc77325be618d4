package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.testing.Vectors;
import io.quintet.core.testing.Vectors.Case;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof aes_gcm_test.json against {@link AesGcm}. The wrapper supports one parameter set,
 * 256-bit key / 96-bit nonce / 128-bit tag. Groups with any other parameters (AES-128/192,
 * short, long and empty IVs) must be refused with {@link IllegalArgumentException} on both
 * encrypt and decrypt, valid or not; inside the supported groups valid cases must match
 * exactly and invalid ones (modified tags) must fail with {@link InvalidMessageException}.
 * The file has no acceptable cases.
 */
class AesGcmWycheproofTest {
  private static final JsonObject FILE = Vectors.load("wycheproof/aes_gcm_test.json");
  private static final List<Case> CASES = Vectors.wycheproofCases(FILE);

  @Test
  void everyCaseIsLoaded() {
    assertEquals(316, FILE.get("numberOfTests").getAsInt());
    assertEquals(316, CASES.size());
    // The supported group holds both valid and invalid cases, so both paths are exercised.
    assertEquals(39, CASES.stream().filter(c -> supported(c) && isValid(c)).count());
    assertEquals(27, CASES.stream().filter(c -> supported(c) && !isValid(c)).count());
  }

  @TestFactory
  Stream<DynamicTest> aesGcm() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
  }

  private static boolean supported(Case c) {
    return c.group.get("keySize").getAsInt() == 256
        && c.group.get("ivSize").getAsInt() == 96
        && c.group.get("tagSize").getAsInt() == 128;
  }

  private static boolean isValid(Case c) {
    return c.result().equals("valid");
  }

  private static void check(Case c) throws Exception {
    byte[] key = c.bytes("key");
    byte[] iv = c.bytes("iv");
    byte[] aad = c.bytes("aad");
    byte[] msg = c.bytes("msg");
    byte[] ctAndTag = concat(c.bytes("ct"), c.bytes("tag"));
    if (!supported(c)) {
      assertThrows(IllegalArgumentException.class, () -> AesGcm.encrypt(key, iv, msg, aad));
      assertThrows(IllegalArgumentException.class, () -> AesGcm.decrypt(key, iv, ctAndTag, aad));
      return;
    }
    switch (c.result()) {
      case "valid":
        assertArrayEquals(ctAndTag, AesGcm.encrypt(key, iv, msg, aad));
        assertArrayEquals(msg, AesGcm.decrypt(key, iv, ctAndTag, aad));
        break;
      case "invalid":
        assertThrows(InvalidMessageException.class, () -> AesGcm.decrypt(key, iv, ctAndTag, aad));
        break;
      default:
        fail("aes_gcm has no acceptable cases; unexpected result " + c.result());
    }
  }

  @Test
  void nullAadIsTheEmptyAad() throws Exception {
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    byte[] msg = {1, 2, 3};
    byte[] ct = AesGcm.encrypt(key, nonce, msg, null);
    assertArrayEquals(ct, AesGcm.encrypt(key, nonce, msg, new byte[0]));
    assertArrayEquals(msg, AesGcm.decrypt(key, nonce, ct, new byte[0]));
  }

  @Test
  void wrongAadOrTruncationFails() {
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    byte[] ct = AesGcm.encrypt(key, nonce, new byte[] {1, 2, 3}, new byte[] {7});
    assertThrows(
        InvalidMessageException.class, () -> AesGcm.decrypt(key, nonce, ct, new byte[] {8}));
    assertThrows(InvalidMessageException.class, () -> AesGcm.decrypt(key, nonce, ct, null));
    byte[] shortCt = Arrays.copyOf(ct, AesGcm.TAG_LENGTH - 1);
    assertThrows(InvalidMessageException.class, () -> AesGcm.decrypt(key, nonce, shortCt, null));
    byte[] noBody = Arrays.copyOf(ct, AesGcm.TAG_LENGTH);
    assertThrows(InvalidMessageException.class, () -> AesGcm.decrypt(key, nonce, noBody, null));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
