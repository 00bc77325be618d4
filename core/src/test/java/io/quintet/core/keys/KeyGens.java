package io.quintet.core.keys;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.testing.Vectors;
import java.util.Arrays;
import org.junit.jupiter.api.function.Executable;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators and assertions shared by the key property tests. */
final class KeyGens {
  private KeyGens() {}

  /** Canonical u-coordinates of small order (libsodium's blocklist, minus the non-canonical). */
  static final String[] LOW_ORDER_U = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  };

  static Gen<Byte> anyByte() {
    return integers().between(-128, 127).map(Integer::byteValue);
  }

  static Gen<byte[]> bytes(int minLength, int maxLength) {
    return Generate.byteArrays(integers().between(minLength, maxLength), anyByte())
        .describedAs(Vectors::hex);
  }

  /** Arbitrary 32-byte strings: unclamped scalars, or raw u-coordinates. */
  static Gen<byte[]> bytes32() {
    return bytes(32, 32);
  }

  /** A private key built from arbitrary bytes: deterministic, so failures shrink and replay. */
  static Curve25519PrivateKey privateKey(byte[] scalar) {
    try {
      return Curve25519PrivateKey.parse(scalar);
    } catch (InvalidKeyException e) {
      throw new AssertionError("32 bytes must parse", e);
    }
  }

  static Curve25519KeyPair keyPair(byte[] scalar) {
    return Curve25519KeyPair.fromPrivateKey(privateKey(scalar));
  }

  /** RFC 7748 §5 clamping, written out independently of {@code X25519.clamp}. */
  static byte[] clamped(byte[] k) {
    byte[] c = k.clone();
    c[0] = (byte) (c[0] & 0xf8);
    c[31] = (byte) ((c[31] & 0x7f) | 0x40);
    return c;
  }

  static void assertRejected(Executable parse) {
    assertThrows(InvalidKeyException.class, parse);
  }

  /** Hostile input may parse (if it happens to be well-formed) or be rejected, nothing else. */
  static void parsesOrRejects(Executable parse) {
    try {
      parse.execute();
    } catch (InvalidKeyException expected) {
      // rejected with the typed exception: fine
    } catch (Throwable t) {
      fail("parse let " + t + " escape", t);
    }
  }

  /** Mutations of a valid record: 0 truncates at pos, 1 replaces the byte, 2 inserts one. */
  static byte[] mutate(byte[] valid, int mode, int pos, byte b) {
    int p = Math.floorMod(pos, valid.length + (mode == 2 ? 1 : 0));
    switch (mode) {
      case 0:
        return Arrays.copyOf(valid, p);
      case 1:
        byte[] r = valid.clone();
        r[p] = (byte) (r[p] ^ (b == 0 ? 1 : b)); // always an actual change
        return r;
      default:
        byte[] ins = new byte[valid.length + 1];
        System.arraycopy(valid, 0, ins, 0, p);
        ins[p] = b;
        System.arraycopy(valid, p, ins, p + 1, valid.length - p);
        return ins;
    }
  }
}
