package io.quintet.core.keys;

import static io.quintet.core.keys.KemGenerators.bytes;
import static io.quintet.core.keys.KemGenerators.garbageKeys;
import static io.quintet.core.keys.KemGenerators.lengthChanges;
import static io.quintet.core.keys.KemGenerators.pooledPairs;
import static io.quintet.core.keys.KemGenerators.unknownTypeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.quintet.core.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Serialization and validation of KEM keys and KEM prekeys, as properties. */
class KemKeyPropertiesTest {
  // Byte ranges of a serialized secret key (type byte first): dk_pke ‖ ek ‖ H(ek) ‖ z.
  private static final int EK_START = 1 + 1536;
  private static final int HASH_END = EK_START + 1568 + 32;

  @Test
  void publicAndSecretKeysSurviveSerializeAndParse() {
    qt().withExamples(20).forAll(pooledPairs()).checkAssert(pair -> unchecked(() -> {
      KemPublicKey pk = KemPublicKey.parse(pair.publicKey().serialize());
      KemSecretKey sk = KemSecretKey.parse(pair.secretKey().serialize());
      assertEquals(pair.publicKey(), pk);
      assertEquals(pair.publicKey().hashCode(), pk.hashCode());
      assertEquals(pair.type(), sk.type());
      assertArrayEquals(pair.secretKey().serialize(), sk.serialize());
      assertEquals(pair.type(), KemKeyPair.of(pk, sk).type());
    }));
  }

  @Test
  void kemPreKeysSurviveSerializeAndParse() {
    // Arbitrary signature bytes: nothing here signs or verifies.
    qt().withExamples(40)
        .forAll(pooledPairs(), integers().between(0, 0xFFFFFF), longs().all(), bytes(0, 96))
        .checkAssert((pair, id, timestamp, signature) -> unchecked(() -> {
          for (boolean lastResort : new boolean[] {false, true}) {
            KemPreKey original = new KemPreKey(id, timestamp, pair, signature, lastResort);
            KemPreKey parsed = KemPreKey.parse(original.serialize());
            assertEquals(id, parsed.id());
            assertEquals(timestamp, parsed.timestamp());
            assertEquals(lastResort, parsed.isLastResort());
            assertArrayEquals(signature, parsed.signature());
            assertEquals(pair.publicKey(), parsed.publicKey());
            assertArrayEquals(
                pair.secretKey().serialize(), parsed.keyPair().secretKey().serialize());
            assertArrayEquals(original.serialize(), parsed.serialize());
          }
        }));
  }

  @Test
  void garbageIsRejectedWithInvalidKeyExceptionOnly() {
    qt().withExamples(300).forAll(garbageKeys()).checkAssert(b -> {
      // Random bytes never pass the modulus or H(ek) check, whatever their length and type.
      assertInvalidKey(() -> KemPublicKey.parse(b));
      assertInvalidKey(() -> KemSecretKey.parse(b));
    });
    qt().withExamples(100).forAll(bytes(0, 4000)).checkAssert(b -> {
      try {
        KemPreKey.parse(b);
        // Only protobuf's defaults can make it here, and they hold no key.
        throw new AssertionError("garbage parsed as a KEM prekey");
      } catch (InvalidKeyException expected) {
        // fine
      }
    });
  }

  @Test
  void nullAndEmptyAreInvalidKeys() {
    assertInvalidKey(() -> KemPublicKey.parse(null));
    assertInvalidKey(() -> KemSecretKey.parse(null));
    assertInvalidKey(() -> KemPublicKey.parse(new byte[0]));
    assertInvalidKey(() -> KemSecretKey.parse(new byte[0]));
    assertInvalidKey(() -> KemPreKey.parse(new byte[0]));
  }

  @Test
  void unknownTypeByteIsAnInvalidKey() {
    qt().withExamples(50).forAll(pooledPairs(), unknownTypeBytes()).checkAssert((pair, t) -> {
      byte[] pk = pair.publicKey().serialize();
      byte[] sk = pair.secretKey().serialize();
      pk[0] = t;
      sk[0] = t;
      assertInvalidKey(() -> KemPublicKey.parse(pk));
      assertInvalidKey(() -> KemSecretKey.parse(sk));
    });
  }

  @Test
  void wrongLengthIsAnInvalidKey() {
    qt().withExamples(50).forAll(pooledPairs(), lengthChanges()).checkAssert((pair, delta) -> {
      assertInvalidKey(() -> KemPublicKey.parse(resized(pair.publicKey().serialize(), delta)));
      assertInvalidKey(() -> KemSecretKey.parse(resized(pair.secretKey().serialize(), delta)));
    });
  }

  @Test
  void secretKeyWithCorruptedEkOrHashIsAnInvalidKey() {
    qt().withExamples(50)
        .forAll(pooledPairs(), integers().between(EK_START, HASH_END - 1), integers().between(0, 7))
        .checkAssert((pair, at, bit) -> {
          byte[] sk = pair.secretKey().serialize();
          sk[at] ^= (byte) (1 << bit);
          InvalidKeyException e = assertInvalidKey(() -> KemSecretKey.parse(sk));
          assertSecretAbsent(e.getMessage(), sk);
        });
  }

  @Test
  void keyPairRejectsHalvesThatDoNotBelongTogether() throws Exception {
    KemKeyPair a = KemGenerators.POOL.get(0);
    KemKeyPair b = KemGenerators.POOL.get(1);
    assertEquals(a.type(), b.type());
    assertInvalidKey(() -> KemKeyPair.of(a.publicKey(), b.secretKey()));
    assertInvalidKey(() -> KemKeyPair.of(b.publicKey(), a.secretKey()));
    // The same key under the other KEM's type byte parses, but cannot be paired across types.
    byte[] relabeled = a.secretKey().serialize();
    relabeled[0] = KemType.KYBER_1024.typeByte();
    KemSecretKey asKyber = KemSecretKey.parse(relabeled);
    assertInvalidKey(() -> KemKeyPair.of(a.publicKey(), asKyber));
    assertEquals(a.type(), KemKeyPair.of(a.publicKey(), a.secretKey()).type());
  }

  @Test
  void destroyedSecretKeyIsZeroedAndUnusable() throws Exception {
    KemKeyPair pair = KemKeyPair.generate(KemType.ML_KEM_1024);
    byte[] ct = pair.publicKey().encapsulate().serializedCiphertext();
    KemSecretKey sk = pair.secretKey();
    assertFalse(sk.isDestroyed());
    sk.destroy();
    assertTrue(sk.isDestroyed());
    assertThrows(IllegalStateException.class, sk::serialize);
    assertThrows(IllegalStateException.class, () -> sk.decapsulate(ct));
  }

  static InvalidKeyException assertInvalidKey(Executable parse) {
    return assertThrows(InvalidKeyException.class, parse);
  }

  /** No 8-byte window of the secret part of {@code serializedSecretKey} appears in {@code s}. */
  static void assertSecretAbsent(String s, byte[] serializedSecretKey) {
    String text = s.toLowerCase(Locale.ROOT);
    int zStart = HASH_END;
    for (int i = 1; i + 8 <= serializedSecretKey.length; i++) {
      boolean secret = i + 8 <= EK_START || i >= zStart; // dk_pke or z, not the public ek
      if (secret) {
        String window = HexFormat.of().formatHex(serializedSecretKey, i, i + 8);
        assertFalse(text.contains(window), "secret bytes at " + i + " leaked");
      }
    }
  }

  private static byte[] resized(byte[] b, int delta) {
    return Arrays.copyOf(b, Math.max(0, b.length + delta));
  }

  private static void unchecked(Executable body) {
    try {
      body.execute();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }
}
