package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.KemKeyPair;
import io.quintet.core.keys.KemPublicKey;
import io.quintet.core.keys.KemSecretKey;
import io.quintet.core.testing.Vectors;
import io.quintet.core.testing.Vectors.Case;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ML-KEM-1024 against the four Wycheproof files, through both the internal byte API and the
 * public key wrappers (type byte {@code 0x0A}). None of the files has {@code acceptable} cases;
 * {@link #cases} fails on any result other than valid/invalid so that a newer copy with such
 * cases forces a decision instead of passing silently.
 */
class MlKem1024WycheproofTest {
  private static final byte ML_KEM = 0x0A;
  /** Where ek starts inside an expanded dk: after dk_pke (k × 384 bytes). */
  private static final int EK_OFFSET = 4 * 384;

  @TestFactory
  Stream<DynamicTest> decapsFromSeed() {
    return cases("mlkem_1024_test.json", c -> {
      byte[] seed = c.bytes("seed");
      byte[] ct = c.bytes("c");
      if (c.result().equals("valid")) {
        byte[][] pair = MlKem1024.generateKeyPair(seed);
        assertArrayEquals(c.bytes("ek"), pair[0], "ek");
        assertArrayEquals(c.bytes("K"), MlKem1024.decapsulate(pair[1], ct), "K");
        assertArrayEquals(c.bytes("K"), wrapped(pair[1]).decapsulate(typed(ct)), "K (wrapper)");
      } else if (seed.length != MlKem1024.SEED_LENGTH) {
        // "Private key too short/long": the seed is the private key here.
        assertThrows(IllegalArgumentException.class, () -> MlKem1024.generateKeyPair(seed));
        assertThrows(InvalidKeyException.class, () -> KemSecretKey.parse(typed(seed)));
      } else {
        assertTrue(ct.length != MlKem1024.CIPHERTEXT_LENGTH, "only bad lengths are invalid");
        byte[][] pair = MlKem1024.generateKeyPair(seed);
        assertArrayEquals(c.bytes("ek"), pair[0], "ek");
        assertThrows(IllegalArgumentException.class, () -> MlKem1024.decapsulate(pair[1], ct));
        assertThrows(InvalidMessageException.class, () -> wrapped(pair[1]).decapsulate(typed(ct)));
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> encaps() {
    return cases("mlkem_1024_encaps_test.json", c -> {
      byte[] ek = c.bytes("ek");
      byte[] m = c.bytes("m");
      if (c.result().equals("valid")) {
        byte[][] ctAndKey = MlKem1024.encapsulate(ek, m);
        assertArrayEquals(c.bytes("c"), ctAndKey[0], "c");
        assertArrayEquals(c.bytes("K"), ctAndKey[1], "K");
        assertArrayEquals(typed(ek), KemPublicKey.parse(typed(ek)).serialize());
      } else {
        // ModulusOverflow ("Public key not reduced") and bad lengths: rejected at every door.
        assertTrue(c.hasFlag("ModulusOverflow") || c.string("comment").startsWith("Public key"));
        assertThrows(InvalidKeyException.class, () -> KemPublicKey.parse(typed(ek)));
        assertThrows(InvalidKeyException.class, () -> MlKem1024.EncapsulationKey.parse(ek));
        assertThrows(IllegalArgumentException.class, () -> MlKem1024.encapsulate(ek, m));
        assertThrows(IllegalArgumentException.class, () -> MlKem1024.encapsulate(ek));
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> keygenSeed() {
    return cases("mlkem_1024_keygen_seed_test.json", c -> {
      assertEquals("valid", c.result());
      byte[][] pair = MlKem1024.generateKeyPair(c.bytes("seed"));
      assertArrayEquals(c.bytes("ek"), pair[0], "ek");
      assertArrayEquals(c.bytes("dk"), pair[1], "expanded dk");
      KemKeyPair kp =
          KemKeyPair.of(KemPublicKey.parse(typed(pair[0])), KemSecretKey.parse(typed(pair[1])));
      assertArrayEquals(typed(c.bytes("dk")), kp.secretKey().serialize(), "dk round trip");
    });
  }

  @TestFactory
  Stream<DynamicTest> semiExpandedDecaps() {
    return cases("mlkem_1024_semi_expanded_decaps_test.json", c -> {
      byte[] dk = c.bytes("dk");
      byte[] ct = c.bytes("c");
      if (c.result().equals("valid")) {
        assertArrayEquals(c.bytes("K"), MlKem1024.decapsulate(dk, ct), "K");
        KemKeyPair kp =
            KemKeyPair.of(KemPublicKey.parse(typed(c.bytes("ek"))), KemSecretKey.parse(typed(dk)));
        assertArrayEquals(c.bytes("K"), kp.secretKey().decapsulate(typed(ct)), "K (wrapper)");
      } else if (c.hasFlag("IncorrectCiphertextLength")) {
        KemSecretKey sk = KemSecretKey.parse(typed(dk));
        assertThrows(InvalidMessageException.class, () -> sk.decapsulate(typed(ct)));
        assertThrows(IllegalArgumentException.class, () -> MlKem1024.decapsulate(dk, ct));
      } else if (c.hasFlag("IncorrectDecapsulationKeyLength")
          || c.hasFlag("InvalidDecapsulationKey")) {
        assertThrows(InvalidKeyException.class, () -> KemSecretKey.parse(typed(dk)));
        assertThrows(InvalidKeyException.class, () -> MlKem1024.DecapsulationKey.parse(dk));
        assertThrows(IllegalArgumentException.class, () -> MlKem1024.decapsulate(dk, ct));
      } else {
        fail("unexpected kind of invalid case, tcId " + c.id());
      }
    });
  }

  /**
   * Beyond FIPS 203 §7.3: a dk whose H(ek) matches an embedded ek that fails the §7.2 modulus
   * check (the ModulusOverflow keys above, spliced into a valid dk) is rejected too.
   */
  @TestFactory
  Stream<DynamicTest> unreducedEkInsideDk() throws Exception {
    byte[] validDk = MlKem1024.generateKeyPair(new byte[MlKem1024.SEED_LENGTH])[1];
    // Control: splicing in another, reduced ek this way gives a dk that parses.
    byte[] otherEk = MlKem1024.generateKeyPair(filled(MlKem1024.SEED_LENGTH, (byte) 1))[0];
    MlKem1024.DecapsulationKey.parse(spliced(validDk, otherEk));
    return Vectors.wycheproofCases(Vectors.load("wycheproof/mlkem_1024_encaps_test.json"))
        .stream()
        .filter(c -> c.hasFlag("ModulusOverflow"))
        .map(c -> DynamicTest.dynamicTest("tcId " + c.id(), () -> {
          byte[] dk = spliced(validDk, c.bytes("ek"));
          assertThrows(InvalidKeyException.class, () -> MlKem1024.DecapsulationKey.parse(dk));
          assertThrows(InvalidKeyException.class, () -> KemSecretKey.parse(typed(dk)));
        }));
  }

  /** {@code dk} with its embedded ek replaced by {@code ek} and H(ek) recomputed to match. */
  private static byte[] spliced(byte[] dk, byte[] ek) {
    byte[] out = dk.clone();
    System.arraycopy(ek, 0, out, EK_OFFSET, ek.length);
    SHA3Digest sha3 = new SHA3Digest(256);
    sha3.update(ek, 0, ek.length);
    sha3.doFinal(out, EK_OFFSET + ek.length);
    return out;
  }

  private static byte[] filled(int length, byte value) {
    byte[] b = new byte[length];
    Arrays.fill(b, value);
    return b;
  }

  /** One dynamic test per case, named by tcId; also checks that every case was seen. */
  private static Stream<DynamicTest> cases(String file, ThrowingConsumer<Case> body) {
    JsonObject json = Vectors.load("wycheproof/" + file);
    List<Case> all = Vectors.wycheproofCases(json);
    assertEquals(json.get("numberOfTests").getAsInt(), all.size(), file + " case count");
    // Case.toString() needs a comment, which some cases lack: name them by tcId only.
    Consumer<Case> checkResult = c -> assertTrue(
        c.result().equals("valid") || c.result().equals("invalid"),
        () -> "tcId " + c.id() + " has an undecided result " + c.result());
    return all.stream().map(c -> DynamicTest.dynamicTest("tcId " + c.id() + " " + c.result(),
        () -> {
          checkResult.accept(c);
          body.accept(c);
        }));
  }

  private static KemSecretKey wrapped(byte[] dk) throws InvalidKeyException {
    return KemSecretKey.parse(typed(dk));
  }

  static byte[] typed(byte[] raw) {
    byte[] out = new byte[raw.length + 1];
    out[0] = ML_KEM;
    System.arraycopy(raw, 0, out, 1, raw.length);
    return out;
  }

  @FunctionalInterface
  interface ThrowingConsumer<T> {
    void accept(T t) throws Exception;
  }
}
