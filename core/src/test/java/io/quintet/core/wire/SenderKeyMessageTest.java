package io.quintet.core.wire;

import static io.quintet.core.wire.WireBodies.body;
import static io.quintet.core.wire.WireBodies.frame;
import static io.quintet.core.wire.WireBodies.u32;
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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SenderKeyMessageTest {
  private static final UUID ID = UUID.fromString("d1d1d1d1-7000-11eb-b32a-33b8a8a487a6");
  private static final byte[] SIG = new byte[SenderKeyMessage.SIGNATURE_LENGTH];
  private static final byte[] CT = new byte[32];

  @Test
  void parsesEveryRecordedMessageOfBothLayouts() throws Exception {
    int parsed = 0;
    for (SenderKeyVectors.Case c : SenderKeyVectors.cases()) {
      for (SenderKeyVectors.Message v : c.messages) {
        SenderKeyMessage m = SenderKeyMessage.parse(v.serialized);
        assertEquals(3, m.version(), c.id);
        assertEquals(c.legacy, m.isLegacy(), c.id);
        assertEquals(c.legacy ? Optional.empty() : Optional.of(c.distributionId), m.distributionId());
        assertEquals(v.chainId, m.chainId(), c.id);
        assertEquals(v.iteration, m.iteration(), c.id);
        // AES-CBC with PKCS#7: the next whole block above the plaintext.
        assertEquals((v.plaintext.length / 16 + 1) * 16, m.ciphertext().length, c.id);
        assertArrayEquals(v.serialized, m.serialize());
        parsed++;
      }
    }
    assertEquals(35, parsed);
  }

  @Test
  void parsesLibsignalLayoutFields() throws Exception {
    SenderKeyMessage m = SenderKeyMessage.parse(WireBodies.skm(ID, 0xFFFF_FFFF, 7, CT));
    assertFalse(m.isLegacy());
    assertEquals(Optional.of(ID), m.distributionId());
    assertEquals(0xFFFF_FFFF, m.chainId());
    assertEquals(7, m.iteration());
    assertArrayEquals(CT, m.ciphertext());
  }

  @Test
  void parsesLegacyLayoutFields() throws Exception {
    SenderKeyMessage m = SenderKeyMessage.parse(WireBodies.legacySkm(42, 0x8000_0000, CT));
    assertTrue(m.isLegacy());
    assertEquals(Optional.empty(), m.distributionId());
    assertEquals(42, m.chainId());
    assertEquals(0x8000_0000, m.iteration());
  }

  @Test
  void refusesOtherVersionsWithInvalidVersion() {
    byte[] good = WireBodies.skm(ID, 1, 2, CT);
    for (int v = 0; v < 16; v++) {
      if (v == 3) {
        continue;
      }
      byte[] bad = good.clone();
      bad[0] = (byte) ((v << 4) | 3);
      assertThrows(InvalidVersionException.class, () -> SenderKeyMessage.parse(bad), "v" + v);
    }
  }

  @Test
  void theLowNibbleOfTheVersionByteIsIgnoredAsLibsignalDoes() throws Exception {
    byte[] m = WireBodies.skm(ID, 1, 2, CT);
    m[0] = 0x34;
    assertEquals(3, SenderKeyMessage.parse(m).version());
  }

  @Test
  void refusesShortInput() {
    assertThrows(InvalidMessageException.class, () -> SenderKeyMessage.parse(null));
    assertThrows(InvalidMessageException.class, () -> SenderKeyMessage.parse(new byte[0]));
    byte[] onlySignature = frame(WireBodies.VERSION_3, new byte[0], new byte[63]);
    assertThrows(InvalidMessageException.class, () -> SenderKeyMessage.parse(onlySignature));
  }

  @Test
  void refusesMissingFields() {
    byte[][] bodies = {
      body(2, 1L, 3, 2L, 4, CT), // no distribution id
      body(1, uuid(ID), 3, 2L, 4, CT), // no chain id
      body(1, uuid(ID), 2, 1L, 4, CT), // no iteration
      body(1, uuid(ID), 2, 1L, 3, 2L), // no ciphertext
      body(1, 1L, 3, CT), // legacy without iteration
      body(1, 1L, 2, 2L), // legacy without ciphertext
      new byte[0],
    };
    for (byte[] b : bodies) {
      assertThrows(
          InvalidMessageException.class,
          () -> SenderKeyMessage.parse(frame(WireBodies.VERSION_3, b, SIG)));
    }
  }

  @Test
  void refusesMalformedFields() {
    byte[][] bodies = {
      body(1, new byte[15], 2, 1L, 3, 2L, 4, CT), // short distribution id
      body(1, new byte[17], 2, 1L, 3, 2L, 4, CT), // long distribution id
      body(1, uuid(ID), 2, CT, 3, 2L, 4, CT), // chain id as bytes
      body(1, uuid(ID), 2, 1L, 3, 2L, 4, 5L), // ciphertext as varint
      body(1, uuid(ID), 2, 1L << 32, 3, 2L, 4, CT), // chain id beyond 32 bits
      body(1, uuid(ID), 2, -1L, 3, 2L, 4, CT), // 64-bit varint
      body(1, uuid(ID), 2, 1L, 2, 1L, 3, 2L, 4, CT), // repeated chain id
      body(1, uuid(ID), 1, 7L, 2, 1L, 3, 2L, 4, CT), // field 1 both bytes and varint
      body(1, 1L, 2, 2L, 3, CT, 3, CT), // legacy repeated ciphertext
      {0x0a, 0x10, 1, 2}, // truncated length-delimited field
      {(byte) 0x80}, // truncated varint tag
      {0x0f}, // wire type 7
    };
    for (byte[] b : bodies) {
      assertThrows(
          InvalidMessageException.class,
          () -> SenderKeyMessage.parse(frame(WireBodies.VERSION_3, b, SIG)));
    }
  }

  @Test
  void ignoresUnknownFieldsAsProtobufParsersDo() throws Exception {
    byte[] b = body(1, uuid(ID), 2, 1L, 3, 2L, 4, CT, 9, 99L, 15, CT);
    SenderKeyMessage m = SenderKeyMessage.parse(frame(WireBodies.VERSION_3, b, SIG));
    assertEquals(2, m.iteration());
  }

  @Test
  void refusesOversizedInput() {
    byte[] huge = new byte[io.quintet.core.Limits.MAX_MESSAGE_BYTES + 1];
    huge[0] = WireBodies.VERSION_3;
    assertThrows(InvalidMessageException.class, () -> SenderKeyMessage.parse(huge));
  }

  @Test
  void toStringNamesTheFieldsButNotTheCiphertext() throws Exception {
    byte[] ct = new byte[16];
    java.util.Arrays.fill(ct, (byte) 0xAB);
    String s = SenderKeyMessage.parse(WireBodies.skm(ID, 5, 6, ct)).toString();
    assertTrue(s.contains("iteration=6") && s.contains(ID.toString()), s);
    assertFalse(s.toLowerCase().contains("abab"), s);
  }

  // ---- these need XEdDSA (io.quintet.core.internal.crypto.XEdDSA) ----

  @Test
  void recordedSignaturesVerifyUnderTheSenderSigningKeyOnly() throws Exception {
    Curve25519PublicKey stranger = Curve25519KeyPair.generate().publicKey();
    for (SenderKeyVectors.Case c : SenderKeyVectors.cases()) {
      Curve25519PublicKey signer = Curve25519PublicKey.parse(c.signingPublic);
      for (SenderKeyVectors.Message v : c.messages) {
        SenderKeyMessage m = SenderKeyMessage.parse(v.serialized);
        assertTrue(m.verifySignature(signer), c.id);
        assertFalse(m.verifySignature(stranger), c.id);
      }
    }
  }

  @Test
  void createdMessagesRoundTripInBothLayouts() throws Exception {
    Curve25519KeyPair signer = Curve25519KeyPair.generate();
    SenderKeyMessage m = SenderKeyMessage.create(ID, 0x7FFF_FFFF, 0xFFFF_FFFF, CT, signer.privateKey());
    SenderKeyMessage p = SenderKeyMessage.parse(m.serialize());
    assertEquals(Optional.of(ID), p.distributionId());
    assertEquals(0x7FFF_FFFF, p.chainId());
    assertEquals(0xFFFF_FFFF, p.iteration());
    assertArrayEquals(CT, p.ciphertext());
    assertEquals(0x33, p.serialize()[0]);
    assertTrue(p.verifySignature(signer.publicKey()));

    SenderKeyMessage l = SenderKeyMessage.createLegacy(9, 10, CT, signer.privateKey());
    SenderKeyMessage q = SenderKeyMessage.parse(l.serialize());
    assertTrue(q.isLegacy());
    assertEquals(9, q.chainId());
    assertEquals(10, q.iteration());
    assertTrue(q.verifySignature(signer.publicKey()));
  }

  @Test
  void aSignatureDoesNotCarryOverToTheOtherLayout() throws Exception {
    Curve25519KeyPair signer = Curve25519KeyPair.generate();
    byte[] modern = SenderKeyMessage.create(ID, 1, 2, CT, signer.privateKey()).serialize();
    byte[] legacy = SenderKeyMessage.createLegacy(1, 2, CT, signer.privateKey()).serialize();
    // Graft each signature onto the other layout's body.
    byte[] graft = legacy.clone();
    System.arraycopy(modern, modern.length - 64, graft, graft.length - 64, 64);
    assertFalse(SenderKeyMessage.parse(graft).verifySignature(signer.publicKey()));
  }
}
