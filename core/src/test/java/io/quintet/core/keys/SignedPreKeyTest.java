package io.quintet.core.keys;

import static io.quintet.core.keys.KeyGens.assertRejected;
import static io.quintet.core.keys.KeyGens.bytes;
import static io.quintet.core.keys.KeyGens.bytes32;
import static io.quintet.core.keys.KeyGens.keyPair;
import static io.quintet.core.keys.KeyGens.parsesOrRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.google.protobuf.ByteString;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.proto.KeyRecordProtos.SignedPreKeyRecord;
import org.junit.jupiter.api.Test;

/**
 * Signed prekeys are built with the public constructor and arbitrary 64-byte "signatures":
 * these tests cover storage, not XEdDSA, so nothing here signs or verifies.
 */
class SignedPreKeyTest {

  @Test
  void parseInvertsSerialize() {
    qt().forAll(OneTimePreKeyTest.VALID_IDS, longs().all(), bytes32(), bytes(64, 64))
        .checkAssert(
            (id, ts, s, sig) -> {
              SignedPreKey k = new SignedPreKey(id, ts, keyPair(s), sig);
              SignedPreKey back = parse(k.serialize());
              assertEquals(id, back.id());
              assertEquals(ts, back.timestamp());
              assertEquals(k.publicKey(), back.publicKey());
              assertArrayEquals(sig, back.signature());
              assertArrayEquals(
                  k.keyPair().privateKey().serialize(), back.keyPair().privateKey().serialize());
              assertArrayEquals(k.serialize(), back.serialize());
            });
  }

  @Test
  void signatureIsCopiedInAndOut() {
    byte[] sig = new byte[64];
    SignedPreKey k = new SignedPreKey(1, 0, Curve25519KeyPair.generate(), sig);
    sig[0] = 1;
    k.signature()[1] = 1;
    assertArrayEquals(new byte[64], k.signature());
  }

  @Test
  void idsOutsideTwentyFourBitsAreRejected() {
    Curve25519KeyPair pair = Curve25519KeyPair.generate();
    byte[] sig = new byte[64];
    qt().forAll(OneTimePreKeyTest.BAD_IDS)
        .checkAssert(
            id -> {
              assertThrows(
                  IllegalArgumentException.class, () -> new SignedPreKey(id, 0, pair, sig));
              assertRejected(() -> SignedPreKey.parse(record(id, pair, sig)));
            });
    assertEquals(PreKeyIds.MAX, new SignedPreKey(PreKeyIds.MAX, 0, pair, sig).id());
  }

  @Test
  void randomBytesAreRejected() {
    qt().forAll(bytes(0, 160)).checkAssert(b -> assertRejected(() -> SignedPreKey.parse(b)));
  }

  @Test
  void mutatedRecordsParseOrAreRejected() {
    qt().forAll(bytes32(), integers().between(0, 2), integers().all(), KeyGens.anyByte())
        .checkAssert(
            (s, mode, pos, b) -> {
              byte[] valid = new SignedPreKey(9, 42L, keyPair(s), new byte[64]).serialize();
              byte[] bad = KeyGens.mutate(valid, mode, pos, b);
              parsesOrRejects(() -> SignedPreKey.parse(bad));
            });
  }

  @Test
  void mismatchedHalvesAreRejected() {
    Curve25519KeyPair a = Curve25519KeyPair.generate();
    Curve25519KeyPair b = Curve25519KeyPair.generate();
    byte[] mixed =
        SignedPreKeyRecord.newBuilder()
            .setId(1)
            .setPublicKey(ByteString.copyFrom(a.publicKey().serialize()))
            .setPrivateKey(ByteString.copyFrom(b.privateKey().serialize()))
            .setSignature(ByteString.copyFrom(new byte[64]))
            .build()
            .toByteArray();
    assertRejected(() -> SignedPreKey.parse(mixed));
  }

  private static byte[] record(int id, Curve25519KeyPair pair, byte[] sig) {
    return SignedPreKeyRecord.newBuilder()
        .setId(id)
        .setPublicKey(ByteString.copyFrom(pair.publicKey().serialize()))
        .setPrivateKey(ByteString.copyFrom(pair.privateKey().serialize()))
        .setSignature(ByteString.copyFrom(sig))
        .build()
        .toByteArray();
  }

  private static SignedPreKey parse(byte[] b) {
    try {
      return SignedPreKey.parse(b);
    } catch (InvalidKeyException e) {
      throw new AssertionError("own serialization must parse", e);
    }
  }
}
