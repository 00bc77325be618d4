package io.quintet.core.keys;

import static io.quintet.core.keys.KeyGens.assertRejected;
import static io.quintet.core.keys.KeyGens.bytes;
import static io.quintet.core.keys.KeyGens.bytes32;
import static io.quintet.core.keys.KeyGens.parsesOrRejects;
import static io.quintet.core.keys.KeyGens.privateKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.google.protobuf.ByteString;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.proto.KeyRecordProtos.IdentityKeyPairRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IdentityKeyPairTest {

  @Test
  void parseInvertsSerialize() {
    qt().forAll(bytes32())
        .checkAssert(
            s -> {
              IdentityKeyPair id = IdentityKeyPair.fromPrivateKey(privateKey(s));
              IdentityKeyPair back = parse(id.serialize());
              assertEquals(id.identityKey(), back.identityKey());
              assertEquals(id.publicKey(), back.publicKey());
              assertArrayEquals(id.privateKey().serialize(), back.privateKey().serialize());
              assertArrayEquals(id.serialize(), back.serialize());
            });
  }

  @Test
  void generatedIdentityRoundTrips() throws Exception {
    IdentityKeyPair id = IdentityKeyPair.generate();
    IdentityKeyPair back = IdentityKeyPair.parse(id.serialize());
    assertEquals(id.identityKey(), back.identityKey());
    assertEquals(id.identityKey(), IdentityKey.parse(id.identityKey().serialize()));
  }

  @Test
  void randomBytesAreRejected() {
    // Random bytes cannot carry a matching pair of halves, so they must all be refused.
    qt().forAll(bytes(0, 120)).checkAssert(b -> assertRejected(() -> IdentityKeyPair.parse(b)));
  }

  @Test
  void mutatedRecordsParseOrAreRejected() {
    qt().forAll(bytes32(), integers().between(0, 2), integers().all(), KeyGens.anyByte())
        .checkAssert(
            (s, mode, pos, b) -> {
              byte[] valid = IdentityKeyPair.fromPrivateKey(privateKey(s)).serialize();
              byte[] bad = KeyGens.mutate(valid, mode, pos, b);
              parsesOrRejects(() -> IdentityKeyPair.parse(bad));
            });
  }

  @Test
  void malformedRecordsAreRejected() {
    IdentityKeyPair id = IdentityKeyPair.generate();
    ByteString pub = ByteString.copyFrom(id.publicKey().serialize());
    ByteString priv = ByteString.copyFrom(id.privateKey().serialize());
    ByteString otherPub =
        ByteString.copyFrom(Curve25519KeyPair.generate().publicKey().serialize());
    byte[] rawU = id.publicKey().uBytes();

    assertRejected(() -> IdentityKeyPair.parse(new byte[0]));
    assertRejected(() -> IdentityKeyPair.parse(record(pub, ByteString.EMPTY)));
    assertRejected(() -> IdentityKeyPair.parse(record(ByteString.EMPTY, priv)));
    assertRejected(() -> IdentityKeyPair.parse(record(otherPub, priv)));
    assertRejected(() -> IdentityKeyPair.parse(record(ByteString.copyFrom(rawU), priv)));
    assertRejected(() -> IdentityKeyPair.parse(record(pub, priv.substring(1))));
    byte[] valid = id.serialize();
    assertRejected(() -> IdentityKeyPair.parse(Arrays.copyOf(valid, valid.length - 1)));
  }

  @Test
  void identityKeyRejectsGarbage() {
    qt().forAll(bytes(0, 40))
        .checkAssert(b -> parsesOrRejects(() -> IdentityKey.parse(b)));
    assertRejected(() -> IdentityKey.parse(new byte[33]));
  }

  private static byte[] record(ByteString pub, ByteString priv) {
    return IdentityKeyPairRecord.newBuilder()
        .setPublicKey(pub)
        .setPrivateKey(priv)
        .build()
        .toByteArray();
  }

  private static IdentityKeyPair parse(byte[] b) {
    try {
      return IdentityKeyPair.parse(b);
    } catch (InvalidKeyException e) {
      throw new AssertionError("own serialization must parse", e);
    }
  }
}
