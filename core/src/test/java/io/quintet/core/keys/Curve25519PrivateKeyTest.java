package io.quintet.core.keys;

import static io.quintet.core.keys.KeyGens.assertRejected;
import static io.quintet.core.keys.KeyGens.bytes;
import static io.quintet.core.keys.KeyGens.bytes32;
import static io.quintet.core.keys.KeyGens.clamped;
import static io.quintet.core.keys.KeyGens.privateKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.ConstantTime;
import io.quintet.core.internal.crypto.X25519;
import io.quintet.core.testing.Vectors;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Curve25519PrivateKeyTest {

  @Test
  void parseClampsAndSerializeRoundTrips() {
    qt().forAll(bytes32())
        .checkAssert(
            raw -> {
              byte[] original = raw.clone();
              Curve25519PrivateKey k = privateKey(raw);
              assertArrayEquals(original, raw, "parse must not clamp the caller's array");
              assertArrayEquals(clamped(raw), k.serialize());
              // Stored form is a fixed point: parse(serialize(k)) gives the same key.
              Curve25519PrivateKey again = privateKey(k.serialize());
              assertArrayEquals(k.serialize(), again.serialize());
              assertEquals(k.publicKey(), again.publicKey());
            });
  }

  @Test
  void generatedKeysAreClamped() {
    for (int i = 0; i < 50; i++) {
      byte[] s = Curve25519KeyPair.generate().privateKey().serialize();
      assertEquals(0, s[0] & 0x07, "low three bits clear");
      assertEquals(0x40, s[31] & 0xc0, "bit 255 clear, bit 254 set");
    }
  }

  @Test
  void wrongLengthsAreRejected() {
    qt().forAll(bytes(0, 100))
        .assuming(b -> b.length != 32)
        .checkAssert(b -> assertRejected(() -> Curve25519PrivateKey.parse(b)));
    assertRejected(() -> Curve25519PrivateKey.parse(null));
  }

  @Test
  void pairRoundTripsAndOfAcceptsMatchingHalves() {
    qt().forAll(bytes32())
        .checkAssert(
            raw -> {
              Curve25519KeyPair p = KeyGens.keyPair(raw);
              Curve25519KeyPair q =
                  ofUnchecked(p.publicKey(), privateKey(p.privateKey().serialize()));
              assertEquals(p.publicKey(), q.publicKey());
              assertArrayEquals(p.privateKey().serialize(), q.privateKey().serialize());
              assertArrayEquals(X25519.publicKey(clamped(raw)), p.publicKey().uBytes());
            });
  }

  @Test
  void ofRejectsMismatchedHalves() {
    qt().forAll(bytes32(), bytes32())
        .assuming((a, b) -> !Arrays.equals(clamped(a), clamped(b)))
        .checkAssert(
            (a, b) ->
                assertRejected(
                    () -> Curve25519KeyPair.of(KeyGens.keyPair(b).publicKey(), privateKey(a))));
  }

  @Test
  void agreementIsSymmetric() {
    qt().forAll(bytes32(), bytes32())
        .checkAssert(
            (a, b) -> {
              Curve25519KeyPair alice = KeyGens.keyPair(a);
              Curve25519KeyPair bob = KeyGens.keyPair(b);
              byte[] ab = agreeUnchecked(alice.privateKey(), bob.publicKey());
              assertArrayEquals(ab, agreeUnchecked(bob.privateKey(), alice.publicKey()));
              assertEquals(32, ab.length);
            });
  }

  @Test
  void agreementWithLowOrderPointsIsRefused() throws Exception {
    for (String hex : KeyGens.LOW_ORDER_U) {
      Curve25519PublicKey low = Curve25519PublicKey.fromU(Vectors.hex(hex));
      qt().withExamples(50)
          .forAll(bytes32())
          .checkAssert(s -> assertRejected(() -> privateKey(s).agree(low)));
    }
  }

  @Test
  void destroyZeroesTheScalarAndBlocksUse() throws Exception {
    Curve25519KeyPair pair = Curve25519KeyPair.generate();
    Curve25519PrivateKey k = pair.privateKey();
    byte[] before = k.serialize();
    Curve25519PublicKey peer = Curve25519KeyPair.generate().publicKey();
    assertFalse(k.isDestroyed());

    k.destroy();

    assertTrue(k.isDestroyed());
    assertTrue(ConstantTime.isZero(scalarField(k)));
    assertFalse(ConstantTime.isZero(before), "copies stay");
    assertThrows(IllegalStateException.class, k::serialize);
    assertThrows(IllegalStateException.class, k::publicKey);
    assertThrows(IllegalStateException.class, () -> k.agree(peer));
    // The state check runs before any signing code, so this never reaches XEdDSA.
    assertThrows(IllegalStateException.class, () -> k.sign(new byte[] {1}));
    assertThrows(IllegalStateException.class, () -> Curve25519KeyPair.fromPrivateKey(k));
    assertThrows(IllegalStateException.class, () -> Curve25519KeyPair.of(pair.publicKey(), k));
    k.destroy(); // idempotent
    assertTrue(k.isDestroyed());
  }

  @Test
  void toStringIsRedacted() {
    Curve25519PrivateKey k = Curve25519KeyPair.generate().privateKey();
    assertEquals("Curve25519PrivateKey[redacted]", k.toString());
  }

  /** The only way to see that the memory itself was overwritten, not just flagged. */
  private static byte[] scalarField(Curve25519PrivateKey k) throws ReflectiveOperationException {
    Field f = Curve25519PrivateKey.class.getDeclaredField("scalar");
    f.setAccessible(true);
    return (byte[]) f.get(k);
  }

  private static Curve25519KeyPair ofUnchecked(Curve25519PublicKey pub, Curve25519PrivateKey priv) {
    try {
      return Curve25519KeyPair.of(pub, priv);
    } catch (InvalidKeyException e) {
      throw new AssertionError("matching halves must be accepted", e);
    }
  }

  private static byte[] agreeUnchecked(Curve25519PrivateKey k, Curve25519PublicKey peer) {
    try {
      return k.agree(peer);
    } catch (InvalidKeyException e) {
      throw new AssertionError("honest keys must agree", e);
    }
  }
}
