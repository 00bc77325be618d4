package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.google.gson.JsonObject;
import io.quintet.core.testing.Vectors;
import io.quintet.core.testing.Vectors.Case;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Wycheproof hmac_sha256_test.json against {@link HmacSha256}: the tag is the HMAC truncated to
 * the group's {@code tagSize}; valid tags must match, invalid (modified) tags must not pass
 * {@link ConstantTime#equals}. The file covers 16-, 32- and 65-byte keys (the last is longer
 * than the 64-byte block, so it is hashed first); the empty key, which the JDK's key spec
 * refuses, is covered below against Bouncy Castle and a published value.
 */
class HmacSha256WycheproofTest {
  private static final JsonObject FILE = Vectors.load("wycheproof/hmac_sha256_test.json");
  private static final List<Case> CASES = Vectors.wycheproofCases(FILE);

  @Test
  void everyCaseIsLoaded() {
    assertEquals(174, FILE.get("numberOfTests").getAsInt());
    assertEquals(174, CASES.size());
  }

  @TestFactory
  Stream<DynamicTest> hmac() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
  }

  private static void check(Case c) {
    byte[] key = c.bytes("key");
    assertEquals(c.group.get("keySize").getAsInt(), key.length * 8);
    int tagBytes = c.group.get("tagSize").getAsInt() / 8;
    byte[] msg = c.bytes("msg");
    byte[] tag = c.bytes("tag");
    byte[] computed = Arrays.copyOf(HmacSha256.mac(key, msg), tagBytes);
    // The offset/length overload must agree with the varargs one.
    byte[] framed = new byte[msg.length + 4];
    System.arraycopy(msg, 0, framed, 2, msg.length);
    assertArrayEquals(
        HmacSha256.mac(key, msg), HmacSha256.mac(key, framed, 2, msg.length), "offset overload");
    switch (c.result()) {
      case "valid":
        assertArrayEquals(tag, computed);
        assertTrue(ConstantTime.equals(tag, computed));
        break;
      case "invalid":
        assertFalse(ConstantTime.equals(tag, computed));
        break;
      default:
        fail("hmac_sha256 has no acceptable cases; unexpected result " + c.result());
    }
  }

  @Test
  void emptyKeyMatchesPublishedValue() {
    // HMAC-SHA256 with an empty key over an empty message, as computed by any reference HMAC.
    assertArrayEquals(
        Vectors.hex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"),
        HmacSha256.mac(new byte[0], new byte[0]));
  }

  @Test
  void partsAreConcatenated() {
    byte[] key = {1, 2, 3};
    assertArrayEquals(
        HmacSha256.mac(key, new byte[] {4, 5, 6, 7}),
        HmacSha256.mac(key, new byte[] {4}, new byte[0], new byte[] {5, 6}, new byte[] {7}));
  }

  /** Every key length from empty to past two blocks, against Bouncy Castle's HMAC. */
  @Test
  void anyKeyLengthMatchesBouncyCastle() {
    Gen<Byte> anyByte = integers().between(-128, 127).map(Integer::byteValue);
    Gen<byte[]> keys = Generate.byteArrays(integers().between(0, 150), anyByte);
    Gen<byte[]> msgs = Generate.byteArrays(integers().between(0, 200), anyByte);
    qt().forAll(keys, msgs)
        .checkAssert((k, m) -> assertArrayEquals(reference(k, m), HmacSha256.mac(k, m)));
  }

  private static byte[] reference(byte[] key, byte[] msg) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(msg, 0, msg.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }
}
