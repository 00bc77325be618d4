package io.quintet.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quintet.core.InvalidKeyException;

/**
 * Key deserializers on arbitrary bytes: public keys from bundles and messages (network), and
 * private records read back from a store (a corrupted database must not crash the app).
 * Oracle: each parse succeeds or throws {@link InvalidKeyException}; a parsed key serializes
 * back to the bytes it came from (or, for private records, to a form that parses to the same
 * key). Seeds: {@code KeyFuzzTestInputs/<method>/} beside this package's resources.
 */
class KeyFuzzTest {
  @FuzzTest
  void curve25519PublicKey(byte[] data) {
    Curve25519PublicKey k;
    try {
      k = Curve25519PublicKey.parse(data);
    } catch (InvalidKeyException expected) {
      return;
    }
    assertArrayEquals(data, k.serialize());
    k.verifySignature(data, new byte[64]);
  }

  @FuzzTest
  void identityKey(byte[] data) {
    IdentityKey k;
    try {
      k = IdentityKey.parse(data);
    } catch (InvalidKeyException expected) {
      return;
    }
    assertArrayEquals(data, k.serialize());
    assertFalse(k.publicKey().isLowOrder(), "a low-order identity key was accepted");
  }

  @FuzzTest
  void kemPublicKey(byte[] data) {
    KemPublicKey k;
    try {
      k = KemPublicKey.parse(data);
    } catch (InvalidKeyException expected) {
      return;
    }
    assertArrayEquals(data, k.serialize());
  }

  @FuzzTest
  void kemSecretKey(byte[] data) {
    KemSecretKey k;
    try {
      k = KemSecretKey.parse(data);
    } catch (InvalidKeyException expected) {
      return;
    }
    assertArrayEquals(data, k.serialize());
  }

  @FuzzTest
  void identityKeyPairRecord(byte[] data) {
    IdentityKeyPair k;
    try {
      k = IdentityKeyPair.parse(data);
    } catch (InvalidKeyException expected) {
      return;
    }
    assertEquals(k.privateKey().publicKey(), k.publicKey(), "halves must belong together");
  }

  @FuzzTest
  void signedPreKeyRecord(byte[] data) {
    SignedPreKey k;
    try {
      k = SignedPreKey.parse(data);
    } catch (InvalidKeyException expected) {
      return;
    }
    assertEquals(64, k.signature().length);
    assertEquals(k.keyPair().privateKey().publicKey(), k.publicKey());
  }

  @FuzzTest
  void oneTimePreKeyRecord(byte[] data) {
    OneTimePreKey k;
    try {
      k = OneTimePreKey.parse(data);
    } catch (InvalidKeyException expected) {
      return;
    }
    assertEquals(k.keyPair().privateKey().publicKey(), k.publicKey());
  }

  @FuzzTest
  void kemPreKeyRecord(byte[] data) {
    KemPreKey k;
    try {
      k = KemPreKey.parse(data);
    } catch (InvalidKeyException expected) {
      return;
    }
    assertEquals(k.keyPair().publicKey().type(), k.keyPair().secretKey().type());
  }
}
