package io.quintet.core.keys;

import static io.quintet.core.keys.KemGenerators.lengthChanges;
import static io.quintet.core.keys.KemGenerators.pooledPairs;
import static io.quintet.core.keys.KemGenerators.unknownTypeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.InvalidMessageException;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.junit.jupiter.api.Test;

/** Encapsulation and decapsulation through the public key types, as properties. */
class KemEncapsulationPropertiesTest {

  @Test
  void freshKeysRoundTrip() {
    // Fresh key pairs each time (keygen is ~0.1 ms), so few examples.
    qt().withExamples(20).forAll(arbitrary().enumValues(KemType.class)).checkAssert(type -> {
      KemKeyPair pair = KemKeyPair.generate(type);
      KemPublicKey.Encapsulation e = encapsulate(pair.publicKey());
      byte[] ct = e.serializedCiphertext();
      assertEquals(1 + KemType.CIPHERTEXT_LENGTH, ct.length);
      assertEquals(type.typeByte(), ct[0]);
      assertEquals(KemType.SHARED_SECRET_LENGTH, e.sharedSecret().length);
      assertArrayEquals(e.sharedSecret(), decapsulate(pair.secretKey(), ct));
    });
  }

  @Test
  void encapsulationsAreFresh() {
    qt().withExamples(10).forAll(pooledPairs()).checkAssert(pair -> {
      KemPublicKey.Encapsulation a = encapsulate(pair.publicKey());
      KemPublicKey.Encapsulation b = encapsulate(pair.publicKey());
      assertFalse(Arrays.equals(a.serializedCiphertext(), b.serializedCiphertext()));
      assertFalse(Arrays.equals(a.sharedSecret(), b.sharedSecret()));
    });
  }

  /**
   * A flipped bit in the ciphertext proper gives exactly the implicit-rejection secret: ML-KEM's
   * J(z ‖ c') = SHAKE256(z ‖ c'), and for Kyber that value through the round-3 KDF, as libcrux
   * does. Never an exception.
   */
  @Test
  void flippedCiphertextBitGivesTheImplicitRejectionSecret() {
    qt().withExamples(60)
        .forAll(pooledPairs(), integers().between(1, KemType.CIPHERTEXT_LENGTH),
            integers().between(0, 7))
        .checkAssert((pair, at, bit) -> {
          KemPublicKey.Encapsulation e = encapsulate(pair.publicKey());
          byte[] ct = e.serializedCiphertext();
          ct[at] ^= (byte) (1 << bit);
          byte[] secret = decapsulate(pair.secretKey(), ct);
          assertFalse(Arrays.equals(e.sharedSecret(), secret));
          assertArrayEquals(expectedRejection(pair, ct), secret);
        });
  }

  @Test
  void ciphertextOfTheWrongLengthOrTypeIsAnInvalidMessage() {
    qt().withExamples(40).forAll(pooledPairs(), lengthChanges()).checkAssert((pair, delta) -> {
      byte[] ct = encapsulate(pair.publicKey()).serializedCiphertext();
      byte[] resized = Arrays.copyOf(ct, Math.max(0, ct.length + delta));
      assertThrows(InvalidMessageException.class, () -> pair.secretKey().decapsulate(resized));
    });
    qt().withExamples(40).forAll(pooledPairs(), unknownTypeBytes()).checkAssert((pair, t) -> {
      byte[] ct = encapsulate(pair.publicKey()).serializedCiphertext();
      ct[0] = t;
      assertThrows(InvalidMessageException.class, () -> pair.secretKey().decapsulate(ct));
    });
    for (KemKeyPair pair : KemGenerators.POOL) {
      // The other KEM's type byte: same sizes, but a prekey answers only to its own type.
      byte[] ct = encapsulate(pair.publicKey()).serializedCiphertext();
      ct[0] = (pair.type() == KemType.KYBER_1024 ? KemType.ML_KEM_1024 : KemType.KYBER_1024)
          .typeByte();
      assertThrows(InvalidMessageException.class, () -> pair.secretKey().decapsulate(ct));
      assertThrows(InvalidMessageException.class, () -> pair.secretKey().decapsulate(null));
    }
  }

  private static byte[] expectedRejection(KemKeyPair pair, byte[] typedCt) {
    byte[] sk = pair.secretKey().serialize();
    byte[] z = Arrays.copyOfRange(sk, sk.length - 32, sk.length);
    byte[] c = Arrays.copyOfRange(typedCt, 1, typedCt.length);
    byte[] j = shake256(z, c);
    if (pair.type() == KemType.ML_KEM_1024) {
      return j;
    }
    SHA3Digest sha3 = new SHA3Digest(256);
    sha3.update(c, 0, c.length);
    byte[] hc = new byte[32];
    sha3.doFinal(hc, 0);
    return shake256(j, hc);
  }

  private static byte[] shake256(byte[] a, byte[] b) {
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(a, 0, a.length);
    shake.update(b, 0, b.length);
    byte[] out = new byte[32];
    shake.doFinal(out, 0, 32);
    return out;
  }

  private static KemPublicKey.Encapsulation encapsulate(KemPublicKey pk) {
    try {
      return pk.encapsulate();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] decapsulate(KemSecretKey sk, byte[] ct) {
    try {
      return sk.decapsulate(ct);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
