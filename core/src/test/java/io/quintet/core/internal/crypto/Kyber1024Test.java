package io.quintet.core.internal.crypto;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.quintet.core.keys.KemKeyPair;
import io.quintet.core.keys.KemPublicKey;
import io.quintet.core.keys.KemSecretKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.internal.proto.SignalWireProtos.PreKeySignalMessage;
import io.quintet.core.testing.Vectors;
import io.quintet.core.testing.Vectors.Case;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.signal.libsignal.protocol.kem.KEMKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyType;

/**
 * Kyber-1024 (round 3, libsignal's {@code 0x08}): the KDF wrapper on ML-KEM's known answers,
 * key-format interop with libsignal-client 0.86.5's own keys, and Bob's recorded keys and
 * ciphertexts from {@code libsignal/pqxdh_sessions.json}. libsignal's Java API has no
 * encapsulate/decapsulate: the secrets themselves are checked through message MACs in {@link
 * Kyber1024PqxdhInteropTest}.
 */
class Kyber1024Test {
  /** (a) Encapsulation: same ciphertext as ML-KEM for the same m, secret = KDF(K ‖ H(c)). */
  @TestFactory
  Stream<DynamicTest> kdfOnWycheproofEncaps() {
    return valid("mlkem_1024_encaps_test.json").map(c -> DynamicTest.dynamicTest(
        "tcId " + c.id(), () -> {
          byte[][] kyber = Kyber1024.encapsulate(c.bytes("ek"), c.bytes("m"));
          assertArrayEquals(c.bytes("c"), kyber[0], "ciphertext");
          assertArrayEquals(kdf(c.bytes("K"), c.bytes("c")), kyber[1], "shared secret");
        }));
  }

  /**
   * (a) Decapsulation, including the implicit-rejection cases (random and bit-flipped
   * ciphertexts, whose K is ML-KEM's J(z ‖ c)): libcrux wraps that value the same way.
   */
  @TestFactory
  Stream<DynamicTest> kdfOnWycheproofDecaps() {
    return valid("mlkem_1024_test.json").map(c -> DynamicTest.dynamicTest(
        "tcId " + c.id(), () -> {
          byte[] dk = MlKem1024.generateKeyPair(c.bytes("seed"))[1];
          byte[] secret = Kyber1024.decapsulate(dk, c.bytes("c"));
          assertArrayEquals(kdf(c.bytes("K"), c.bytes("c")), secret);
          assertFalse(Arrays.equals(c.bytes("K"), secret), "the wrapper changed nothing");
        }));
  }

  /** (b) Keys made by libsignal 0.86.5 (libcrux) pass Quintet's checks and work here. */
  @Test
  void libsignalGeneratedKeysAreAcceptedAndUsable() throws Exception {
    for (int i = 0; i < 3; i++) {
      KEMKeyPair theirs = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
      byte[] pk = theirs.getPublicKey().serialize();
      byte[] sk = theirs.getSecretKey().serialize();
      assertEquals(1 + 1568, pk.length);
      assertEquals(1 + 3168, sk.length);
      KemKeyPair ours = KemKeyPair.of(KemPublicKey.parse(pk), KemSecretKey.parse(sk));
      assertEquals(KemType.KYBER_1024, ours.type());
      assertArrayEquals(sk, ours.secretKey().serialize());
      KemPublicKey.Encapsulation e = ours.publicKey().encapsulate();
      assertArrayEquals(e.sharedSecret(), ours.secretKey().decapsulate(e.serializedCiphertext()));
    }
  }

  /** (b) Keys made by Quintet load into libsignal unchanged (it checks type and length only). */
  @Test
  void quintetGeneratedKeysLoadIntoLibsignal() throws Exception {
    KemKeyPair ours = KemKeyPair.generate(KemType.KYBER_1024);
    byte[] pk = ours.publicKey().serialize();
    byte[] sk = ours.secretKey().serialize();
    assertArrayEquals(pk, new org.signal.libsignal.protocol.kem.KEMPublicKey(pk).serialize());
    assertArrayEquals(sk, new org.signal.libsignal.protocol.kem.KEMSecretKey(sk).serialize());
  }

  /** (c) Bob's recorded Kyber prekeys and Alice's first ciphertext, case by case. */
  @TestFactory
  Stream<DynamicTest> recordedLibsignalSessions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement e : Vectors.load("libsignal/pqxdh_sessions.json").getAsJsonArray("cases")) {
      JsonObject session = e.getAsJsonObject();
      tests.add(DynamicTest.dynamicTest(session.get("id").getAsString(), () -> {
        JsonObject kyber = session.getAsJsonObject("bob").getAsJsonObject("kyber_prekey");
        byte[] pkBytes = hex(kyber.get("public").getAsString());
        byte[] skBytes = hex(kyber.get("secret").getAsString());
        KemPublicKey pk = KemPublicKey.parse(pkBytes);
        KemSecretKey sk = KemSecretKey.parse(skBytes);
        assertEquals(KemType.KYBER_1024, pk.type());
        KemKeyPair pair = KemKeyPair.of(pk, sk); // the two belong together
        assertArrayEquals(pkBytes, pair.publicKey().serialize());
        assertArrayEquals(skBytes, pair.secretKey().serialize());

        byte[] ct = firstKyberCiphertext(session);
        assertEquals(KemType.KYBER_1024.typeByte(), ct[0]);
        byte[] secret = sk.decapsulate(ct);
        assertEquals(32, secret.length);
        assertArrayEquals(secret, sk.decapsulate(ct), "decapsulation is deterministic");
        byte[] raw = Arrays.copyOfRange(ct, 1, ct.length);
        byte[] dk = Arrays.copyOfRange(skBytes, 1, skBytes.length);
        assertArrayEquals(secret, Kyber1024.decapsulate(dk, raw), "byte API agrees");
        assertFalse(
            Arrays.equals(secret, MlKem1024.decapsulate(dk, raw)), "ML-KEM must differ");
        assertArrayEquals(kdf(MlKem1024.decapsulate(dk, raw), raw), secret);

        KemPublicKey.Encapsulation fresh = pk.encapsulate();
        assertArrayEquals(fresh.sharedSecret(), sk.decapsulate(fresh.serializedCiphertext()));
      }));
    }
    assertEquals(10, tests.size(), "pqxdh_sessions.json holds 10 cases");
    return tests.stream();
  }

  /** Field 8 of the first PreKeySignalMessage: {@code 0x08 ‖ ciphertext}. */
  static byte[] firstKyberCiphertext(JsonObject session) throws Exception {
    JsonObject first = session.getAsJsonArray("messages").get(0).getAsJsonObject();
    assertEquals("prekey", first.get("type").getAsString());
    byte[] wire = hex(first.get("serialized").getAsString());
    assertEquals(0x44, wire[0], "PQXDH version byte");
    PreKeySignalMessage m =
        PreKeySignalMessage.parseFrom(Arrays.copyOfRange(wire, 1, wire.length));
    assertTrue(m.hasKyberCiphertext());
    return m.getKyberCiphertext().toByteArray();
  }

  /** Round 3's KDF, computed independently of {@link Kyber1024}: SHAKE256(k ‖ SHA3-256(c)). */
  static byte[] kdf(byte[] k, byte[] c) {
    SHA3Digest sha3 = new SHA3Digest(256);
    sha3.update(c, 0, c.length);
    byte[] hc = new byte[32];
    sha3.doFinal(hc, 0);
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(k, 0, k.length);
    shake.update(hc, 0, hc.length);
    byte[] out = new byte[32];
    shake.doFinal(out, 0, 32);
    return out;
  }

  private static Stream<Case> valid(String file) {
    return Vectors.wycheproofCases(Vectors.load("wycheproof/" + file)).stream()
        .filter(c -> c.result().equals("valid"));
  }
}
