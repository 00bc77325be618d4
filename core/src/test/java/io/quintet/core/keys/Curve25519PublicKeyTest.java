package io.quintet.core.keys;

import static io.quintet.core.keys.KeyGens.anyByte;
import static io.quintet.core.keys.KeyGens.assertRejected;
import static io.quintet.core.keys.KeyGens.bytes;
import static io.quintet.core.keys.KeyGens.bytes32;
import static io.quintet.core.keys.KeyGens.keyPair;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.testing.Vectors;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class Curve25519PublicKeyTest {
  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  @Test
  void parseInvertsSerialize() {
    qt().forAll(bytes32())
        .checkAssert(
            scalar -> {
              Curve25519PublicKey k = keyPair(scalar).publicKey();
              byte[] wire = k.serialize();
              assertEquals(Curve25519PublicKey.SERIALIZED_LENGTH, wire.length);
              assertEquals(0x05, wire[0]);
              Curve25519PublicKey back = parseUnchecked(wire);
              assertEquals(k, back);
              assertEquals(k.hashCode(), back.hashCode());
              assertArrayEquals(wire, back.serialize());
              assertArrayEquals(k.uBytes(), back.uBytes());
            });
  }

  @Test
  void generatedKeysRoundTrip() throws Exception {
    for (int i = 0; i < 20; i++) {
      Curve25519PublicKey k = Curve25519KeyPair.generate().publicKey();
      assertEquals(k, Curve25519PublicKey.parse(k.serialize()));
      assertEquals(k, Curve25519PublicKey.fromU(k.uBytes()));
    }
  }

  @Test
  void wrongLengthsAreRejected() {
    qt().forAll(bytes(0, 100))
        .assuming(b -> b.length != Curve25519PublicKey.SERIALIZED_LENGTH)
        .checkAssert(b -> assertRejected(() -> Curve25519PublicKey.parse(b)));
    qt().forAll(bytes(0, 100))
        .assuming(b -> b.length != 32)
        .checkAssert(b -> assertRejected(() -> Curve25519PublicKey.fromU(b)));
    assertRejected(() -> Curve25519PublicKey.parse(null));
    assertRejected(() -> Curve25519PublicKey.fromU(null));
  }

  @Test
  void typeBytesOtherThan05AreRejected() {
    // 0x08 / 0x0A are Kyber / ML-KEM: a KEM key must never be taken for a Curve25519 one.
    qt().forAll(anyByte(), canonicalU())
        .assuming((type, u) -> type != 0x05)
        .checkAssert(
            (type, u) -> assertRejected(() -> Curve25519PublicKey.parse(withType(type, u))));
  }

  @Test
  void topBitSetIsRejected() {
    qt().forAll(bytes32())
        .checkAssert(
            u -> {
              byte[] high = u.clone();
              high[31] |= (byte) 0x80;
              assertRejected(() -> Curve25519PublicKey.parse(withType((byte) 5, high)));
              assertRejected(() -> Curve25519PublicKey.fromU(high));
            });
  }

  @Test
  void valuesFromPUpAreRejected() throws Exception {
    // The 19 encodings with bit 255 clear that are still ≥ p; each aliases a small u.
    for (int k = 0; k < 19; k++) {
      byte[] u = littleEndian(P.add(BigInteger.valueOf(k)));
      assertRejected(() -> Curve25519PublicKey.parse(withType((byte) 5, u)));
    }
    // p − 1 is the largest canonical value.
    byte[] max = littleEndian(P.subtract(BigInteger.ONE));
    assertArrayEquals(max, Curve25519PublicKey.parse(withType((byte) 5, max)).uBytes());
  }

  @Test
  void anyCanonicalValueIsAccepted() {
    // Parsing checks encoding only; points of low order or on the twist are refused at
    // agreement time (see Curve25519PrivateKeyTest), as libsignal does.
    qt().forAll(canonicalU())
        .checkAssert(
            u -> {
              Curve25519PublicKey k = parseUnchecked(withType((byte) 5, u));
              assertArrayEquals(u, k.uBytes());
              assertArrayEquals(withType((byte) 5, u), k.serialize());
            });
    for (String low : KeyGens.LOW_ORDER_U) {
      byte[] u = Vectors.hex(low);
      assertArrayEquals(u, parseUnchecked(withType((byte) 5, u)).uBytes());
    }
  }

  @Test
  void keysDoNotAliasTheCallersArrays() throws Exception {
    byte[] wire = Curve25519KeyPair.generate().publicKey().serialize();
    Curve25519PublicKey k = Curve25519PublicKey.parse(wire);
    byte[] copy = wire.clone();
    wire[5] ^= 1;
    assertArrayEquals(copy, k.serialize());
    k.uBytes()[0] ^= 1;
    k.serialize()[1] ^= 1;
    assertArrayEquals(copy, k.serialize());
  }

  @Test
  void differentKeysAreUnequal() {
    qt().forAll(canonicalU(), canonicalU())
        .assuming((a, b) -> !Arrays.equals(a, b))
        .checkAssert(
            (a, b) ->
                assertNotEquals(
                    parseUnchecked(withType((byte) 5, a)), parseUnchecked(withType((byte) 5, b))));
  }

  private static Gen<byte[]> canonicalU() {
    return bytes32()
        .map(
            u -> {
              byte[] c = u.clone();
              c[31] &= 0x7f;
              return c;
            })
        .assuming(u -> new BigInteger(1, reverse(u)).compareTo(P) < 0)
        .describedAs(Vectors::hex);
  }

  static byte[] withType(byte type, byte[] u) {
    byte[] out = new byte[33];
    out[0] = type;
    System.arraycopy(u, 0, out, 1, 32);
    return out;
  }

  private static Curve25519PublicKey parseUnchecked(byte[] wire) {
    try {
      return Curve25519PublicKey.parse(wire);
    } catch (InvalidKeyException e) {
      throw new AssertionError("should parse: " + Vectors.hex(wire), e);
    }
  }

  private static byte[] littleEndian(BigInteger v) {
    byte[] out = new byte[32];
    byte[] be = v.toByteArray();
    for (int i = 0; i < be.length && i < 32; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
