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
import io.quintet.core.internal.proto.KeyRecordProtos.PreKeyRecord;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class OneTimePreKeyTest {
  static final Gen<Integer> VALID_IDS = integers().between(0, PreKeyIds.MAX);
  /** Negative ids and ids of 2^24 and up; as uint32 on the wire, negatives are ≥ 2^31. */
  static final Gen<Integer> BAD_IDS =
      integers()
          .between(Integer.MIN_VALUE, -1)
          .mix(integers().between(PreKeyIds.MAX + 1, Integer.MAX_VALUE));

  @Test
  void parseInvertsSerialize() {
    qt().forAll(VALID_IDS, longs().all(), bytes32())
        .checkAssert(
            (id, ts, s) -> {
              OneTimePreKey k = new OneTimePreKey(id, ts, keyPair(s));
              OneTimePreKey back = parse(k.serialize());
              assertEquals(id, back.id());
              assertEquals(ts, back.timestamp());
              assertEquals(k.publicKey(), back.publicKey());
              assertArrayEquals(
                  k.keyPair().privateKey().serialize(), back.keyPair().privateKey().serialize());
              assertArrayEquals(k.serialize(), back.serialize());
            });
  }

  @Test
  void generatedPreKeyRoundTrips() throws Exception {
    OneTimePreKey k = OneTimePreKey.generate(PreKeyIds.MAX, 1_700_000_000_000L);
    OneTimePreKey back = OneTimePreKey.parse(k.serialize());
    assertEquals(PreKeyIds.MAX, back.id());
    assertEquals(k.publicKey(), back.publicKey());
  }

  @Test
  void idsOutsideTwentyFourBitsAreRejected() {
    Curve25519KeyPair pair = Curve25519KeyPair.generate();
    qt().forAll(BAD_IDS)
        .checkAssert(
            id -> {
              assertThrows(IllegalArgumentException.class, () -> new OneTimePreKey(id, 0, pair));
              assertThrows(IllegalArgumentException.class, () -> OneTimePreKey.generate(id, 0));
              // The same id from storage is hostile input: a typed rejection.
              assertRejected(() -> OneTimePreKey.parse(record(id, pair)));
            });
    assertEquals(0, new OneTimePreKey(0, 0, pair).id());
    assertEquals(PreKeyIds.MAX, new OneTimePreKey(PreKeyIds.MAX, 0, pair).id());
  }

  @Test
  void randomBytesAreRejected() {
    qt().forAll(bytes(0, 120)).checkAssert(b -> assertRejected(() -> OneTimePreKey.parse(b)));
  }

  @Test
  void mutatedRecordsParseOrAreRejected() {
    qt().forAll(bytes32(), integers().between(0, 2), integers().all(), KeyGens.anyByte())
        .checkAssert(
            (s, mode, pos, b) -> {
              byte[] valid = new OneTimePreKey(77, 123_456L, keyPair(s)).serialize();
              byte[] bad = KeyGens.mutate(valid, mode, pos, b);
              parsesOrRejects(() -> OneTimePreKey.parse(bad));
            });
  }

  @Test
  void mismatchedHalvesAreRejected() {
    Curve25519KeyPair a = Curve25519KeyPair.generate();
    Curve25519KeyPair b = Curve25519KeyPair.generate();
    byte[] mixed =
        PreKeyRecord.newBuilder()
            .setId(1)
            .setPublicKey(ByteString.copyFrom(a.publicKey().serialize()))
            .setPrivateKey(ByteString.copyFrom(b.privateKey().serialize()))
            .build()
            .toByteArray();
    assertRejected(() -> OneTimePreKey.parse(mixed));
  }

  static byte[] record(int id, Curve25519KeyPair pair) {
    return PreKeyRecord.newBuilder()
        .setId(id)
        .setPublicKey(ByteString.copyFrom(pair.publicKey().serialize()))
        .setPrivateKey(ByteString.copyFrom(pair.privateKey().serialize()))
        .build()
        .toByteArray();
  }

  private static OneTimePreKey parse(byte[] b) {
    try {
      return OneTimePreKey.parse(b);
    } catch (InvalidKeyException e) {
      throw new AssertionError("own serialization must parse", e);
    }
  }
}
