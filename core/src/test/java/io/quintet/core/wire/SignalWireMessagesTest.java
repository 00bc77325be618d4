package io.quintet.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemType;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Parse-and-validate of SignalMessage and PreKeySignalMessage: round trips and rejections. */
class SignalWireMessagesTest {
  private static final IdentityKeyPair ALICE = IdentityKeyPair.generate();
  private static final IdentityKeyPair BOB = IdentityKeyPair.generate();

  private static SignalMessage message(Random r, int version) {
    byte[] mac = new byte[32];
    byte[] ct = new byte[16 * (1 + r.nextInt(8))];
    r.nextBytes(mac);
    r.nextBytes(ct);
    return SignalMessage.create(version, Curve25519KeyPair.generate().publicKey(), r.nextInt(),
        r.nextInt(), ct, mac, ALICE.identityKey(), BOB.identityKey());
  }

  private static PreKeySignalMessage preKeyMessage(Random r, boolean kem) {
    byte[] kemCt = new byte[1 + KemType.CIPHERTEXT_LENGTH];
    r.nextBytes(kemCt);
    kemCt[0] = KemType.KYBER_1024.typeByte();
    return PreKeySignalMessage.create(kem ? 4 : 3, r.nextInt(0x3FFF), r.nextBoolean() ? null : r.nextInt(0xFFFFFF),
        r.nextInt(0xFFFFFF), kem ? r.nextInt(0xFFFFFF) : null, kem ? kemCt : null,
        Curve25519KeyPair.generate().publicKey(), ALICE.identityKey(), message(r, kem ? 4 : 3));
  }

  @Test
  void signalMessagesRoundTripAndTheirMacBindsBothIdentities() {
    qt().withExamples(100).forAll(integers().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      byte[] macKey = new byte[32];
      r.nextBytes(macKey);
      byte[] ct = new byte[16];
      SignalMessage m = SignalMessage.create(4, Curve25519KeyPair.generate().publicKey(), 7, 3, ct,
          macKey, ALICE.identityKey(), BOB.identityKey());
      try {
        SignalMessage p = SignalMessage.parse(m.serialize());
        assertEquals(4, p.version());
        assertEquals(7, p.counter());
        assertEquals(3, p.previousCounter());
        assertEquals(m.ratchetKey(), p.ratchetKey());
        assertArrayEquals(m.serialize(), p.serialize());
        assertTrue(p.verifyMac(ALICE.identityKey(), BOB.identityKey(), macKey));
        assertFalse(p.verifyMac(BOB.identityKey(), ALICE.identityKey(), macKey), "direction is bound");
        macKey[r.nextInt(32)] ^= 1;
        assertFalse(p.verifyMac(ALICE.identityKey(), BOB.identityKey(), macKey));
      } catch (InvalidMessageException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void preKeyMessagesRoundTrip() {
    qt().withExamples(60).forAll(integers().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      PreKeySignalMessage m = preKeyMessage(r, r.nextBoolean());
      try {
        PreKeySignalMessage p = PreKeySignalMessage.parse(m.serialize());
        assertEquals(m.version(), p.version());
        assertEquals(m.registrationId(), p.registrationId());
        assertEquals(m.preKeyId(), p.preKeyId());
        assertEquals(m.signedPreKeyId(), p.signedPreKeyId());
        assertEquals(m.kemPreKeyId(), p.kemPreKeyId());
        assertArrayEquals(m.kemCiphertext(), p.kemCiphertext());
        assertEquals(m.baseKey(), p.baseKey());
        assertEquals(m.identityKey(), p.identityKey());
        assertArrayEquals(m.message().serialize(), p.message().serialize());
      } catch (InvalidMessageException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void garbageTruncationsAndMutationsOnlyEverRaiseTheTypedException() {
    qt().withExamples(2000).forAll(integers().all(), integers().between(0, 3)).checkAssert((seed, kind) -> {
      Random r = new Random(seed);
      byte[] input;
      if (kind == 0) {
        input = new byte[r.nextInt(200)];
        r.nextBytes(input);
      } else {
        byte[] valid = kind == 1 ? message(r, 4).serialize() : preKeyMessage(r, kind == 2).serialize();
        input = r.nextBoolean()
            ? Arrays.copyOf(valid, r.nextInt(valid.length))
            : mutate(valid, r);
      }
      for (int which = 0; which < 2; which++) {
        try {
          if (which == 0) {
            SignalMessage.parse(input);
          } else {
            PreKeySignalMessage.parse(input);
          }
        } catch (InvalidMessageException expected) {
          // the only acceptable failure
        } catch (RuntimeException e) {
          throw new AssertionError("seed " + seed + ": " + e, e);
        }
      }
    });
  }

  private static byte[] mutate(byte[] b, Random r) {
    byte[] out = b.clone();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      out[r.nextInt(out.length)] = (byte) r.nextInt(256);
    }
    return out;
  }

  @Test
  void versionsOutsideThreeAndFourAreRefusedWithTheVersionException() {
    byte[] m = message(new Random(1), 4).serialize();
    for (int v : new int[] {0, 1, 2, 5, 15}) {
      byte[] bad = m.clone();
      bad[0] = (byte) ((v << 4) | 4);
      assertThrows(InvalidVersionException.class, () -> SignalMessage.parse(bad), "version " + v);
      assertThrows(InvalidVersionException.class, () -> PreKeySignalMessage.parse(bad), "version " + v);
    }
  }

  @Test
  void aVersionFourFirstMessageWithoutItsKemCiphertextIsRefused() {
    PreKeySignalMessage v3 = preKeyMessage(new Random(2), false);
    byte[] relabelled = v3.serialize();
    relabelled[0] = 0x44;
    InvalidMessageException e = assertThrows(InvalidMessageException.class,
        () -> PreKeySignalMessage.parse(relabelled));
    assertTrue(e.getMessage().contains("KEM") || e.getMessage().contains("version"), e.getMessage());
  }

  @Test
  void oversizedInputIsRefusedBeforeParsing() {
    byte[] huge = new byte[io.quintet.core.Limits.MAX_MESSAGE_BYTES + 1];
    huge[0] = 0x44;
    assertThrows(InvalidMessageException.class, () -> SignalMessage.parse(huge));
    assertThrows(InvalidMessageException.class, () -> PreKeySignalMessage.parse(huge));
    assertThrows(InvalidMessageException.class, () -> SignalMessage.parse(new byte[0]));
    assertThrows(InvalidMessageException.class, () -> SignalMessage.parse(null));
  }
}
