package io.quintet.core.wire;

import static io.quintet.core.wire.WireBodies.body;
import static io.quintet.core.wire.WireBodies.frame;
import static io.quintet.core.wire.WireBodies.uuid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.testing.Vectors;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SenderKeyDistributionMessageTest {
  private static final UUID ID = UUID.fromString("06c3eb98-4f62-45e6-90fd-093eaeac4239");
  private static final byte[] CHAIN = new byte[32];
  private static final byte[] KEY = Curve25519KeyPair.generate().publicKey().serialize();
  private static final byte[] NONE = new byte[0];

  @Test
  void parsesEveryRecordedDistributionMessageOfBothLayouts() throws Exception {
    int legacy = 0;
    for (SenderKeyVectors.Case c : SenderKeyVectors.cases()) {
      SenderKeyDistributionMessage m = SenderKeyDistributionMessage.parse(c.distribution);
      assertEquals(3, m.version());
      assertEquals(c.legacy, m.isLegacy(), c.id);
      assertEquals(c.legacy ? Optional.empty() : Optional.of(c.distributionId), m.distributionId());
      assertEquals(c.chainId, m.chainId(), c.id);
      assertEquals(c.iteration, m.iteration(), c.id);
      assertArrayEquals(c.chainKey, m.chainKey(), c.id);
      assertEquals(Curve25519PublicKey.parse(c.signingPublic), m.signingKey(), c.id);
      assertArrayEquals(c.distribution, m.serialize());
      legacy += c.legacy ? 1 : 0;
    }
    assertEquals(2, legacy);
  }

  @Test
  void createReproducesTheRecordedBytesOfBothLayouts() throws Exception {
    for (SenderKeyVectors.Case c : SenderKeyVectors.cases()) {
      Curve25519PublicKey key = Curve25519PublicKey.parse(c.signingPublic);
      SenderKeyDistributionMessage m =
          c.legacy
              ? SenderKeyDistributionMessage.createLegacy(c.chainId, c.iteration, c.chainKey, key)
              : SenderKeyDistributionMessage.create(
                  c.distributionId, c.chainId, c.iteration, c.chainKey, key);
      assertEquals(Vectors.hex(c.distribution), Vectors.hex(m.serialize()), c.id);
    }
  }

  @Test
  void refusesOtherVersionsWithInvalidVersion() {
    byte[] good = SenderKeyDistributionMessage.create(ID, 1, 2, CHAIN, key()).serialize();
    for (int v = 0; v < 16; v++) {
      if (v == 3) {
        continue;
      }
      byte[] bad = good.clone();
      bad[0] = (byte) (v << 4 | 3);
      assertThrows(
          InvalidVersionException.class, () -> SenderKeyDistributionMessage.parse(bad), "v" + v);
    }
  }

  @Test
  void refusesShortInput() {
    assertThrows(InvalidMessageException.class, () -> SenderKeyDistributionMessage.parse(null));
    assertThrows(InvalidMessageException.class, () -> SenderKeyDistributionMessage.parse(NONE));
    byte[] good = SenderKeyDistributionMessage.create(ID, 1, 2, CHAIN, key()).serialize();
    for (int n = 0; n < good.length; n++) {
      byte[] prefix = java.util.Arrays.copyOf(good, n);
      assertThrows(
          InvalidMessageException.class, () -> SenderKeyDistributionMessage.parse(prefix), "" + n);
    }
  }

  @Test
  void refusesMissingOrMalformedFields() {
    byte[] u = uuid(ID);
    byte[][] bodies = {
      body(2, 1L, 3, 2L, 4, CHAIN, 5, KEY), // no distribution id
      body(1, u, 3, 2L, 4, CHAIN, 5, KEY), // no chain id
      body(1, u, 2, 1L, 4, CHAIN, 5, KEY), // no iteration
      body(1, u, 2, 1L, 3, 2L, 5, KEY, 9, CHAIN), // no chain key
      body(1, u, 2, 1L, 3, 2L, 4, CHAIN, 9, KEY), // no signing key
      body(1, u, 2, 1L, 3, 2L, 4, new byte[31], 5, KEY), // short chain key
      body(1, u, 2, 1L, 3, 2L, 4, new byte[33], 5, KEY), // long chain key
      body(1, u, 2, 1L, 3, 2L, 4, CHAIN, 5, java.util.Arrays.copyOf(KEY, 32)), // short key
      body(1, u, 2, 1L, 3, 2L, 4, CHAIN, 5, typed(KEY, (byte) 0x06)), // unknown key type
      body(1, u, 2, 1L, 3, 2L, 4, CHAIN, 5, nonCanonical()), // u >= p
      body(1, new byte[8], 2, 1L, 3, 2L, 4, CHAIN, 5, KEY), // short distribution id
      body(1, u, 2, 1L, 3, 1L << 33, 4, CHAIN, 5, KEY), // iteration beyond 32 bits
      body(1, 1L, 2, 2L, 3, CHAIN), // legacy without signing key
      body(1, 1L, 2, 2L, 3, new byte[16], 4, KEY), // legacy short chain key
      body(1, 1L, 2, CHAIN, 3, CHAIN, 4, KEY), // legacy iteration as bytes
    };
    for (int i = 0; i < bodies.length; i++) {
      byte[] b = frame(WireBodies.VERSION_3, bodies[i], NONE);
      byte[] padded = b.length >= 65 ? b : WireBodies.concat(b, new byte[] {0x7a, 0}); // field 15
      assertThrows(
          InvalidMessageException.class,
          () -> SenderKeyDistributionMessage.parse(padded),
          "body " + i);
    }
  }

  @Test
  void roundTripsBothLayouts() throws Exception {
    Curve25519PublicKey key = key();
    SenderKeyDistributionMessage m =
        SenderKeyDistributionMessage.parse(
            SenderKeyDistributionMessage.create(ID, -1, -2, CHAIN, key).serialize());
    assertEquals(Optional.of(ID), m.distributionId());
    assertEquals(-1, m.chainId());
    assertEquals(-2, m.iteration());
    assertEquals(key, m.signingKey());
    SenderKeyDistributionMessage l =
        SenderKeyDistributionMessage.parse(
            SenderKeyDistributionMessage.createLegacy(5, 6, CHAIN, key).serialize());
    assertTrue(l.isLegacy());
    assertEquals(5, l.chainId());
    assertEquals(6, l.iteration());
  }

  @Test
  void createRefusesAChainKeyOfTheWrongLength() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SenderKeyDistributionMessage.create(ID, 1, 2, new byte[31], key()));
  }

  @Test
  void accessorsReturnCopies() throws Exception {
    byte[] chain = new byte[32];
    chain[0] = 1;
    SenderKeyDistributionMessage m = SenderKeyDistributionMessage.create(ID, 1, 2, chain, key());
    chain[0] = 2;
    m.chainKey()[0] = 3;
    m.serialize()[0] = 0;
    assertEquals(1, m.chainKey()[0]);
    assertEquals(1, SenderKeyDistributionMessage.parse(m.serialize()).chainKey()[0]);
  }

  @Test
  void toStringNeverShowsTheChainKey() {
    byte[] chain = new byte[32];
    java.util.Arrays.fill(chain, (byte) 0x5c);
    String s = SenderKeyDistributionMessage.create(ID, 1, 2, chain, key()).toString();
    assertFalse(s.toLowerCase().contains("5c5c"), s);
    assertTrue(s.contains(ID.toString()), s);
  }

  private static Curve25519PublicKey key() {
    try {
      return Curve25519PublicKey.parse(KEY);
    } catch (io.quintet.core.InvalidKeyException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] typed(byte[] key, byte type) {
    byte[] k = key.clone();
    k[0] = type;
    return k;
  }

  private static byte[] nonCanonical() {
    byte[] k = new byte[33];
    k[0] = 0x05;
    java.util.Arrays.fill(k, 1, 33, (byte) 0xFF);
    k[32] = 0x7F; // 2^255 - 1 > p
    return k;
  }
}
