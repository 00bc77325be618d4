package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.internal.crypto.XEdDSA;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.ratchet.SessionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.whispersystems.curve25519.Curve25519;
import org.whispersystems.curve25519.SecureRandomProvider;

/**
 * XEdDSA across the three implementations: the prekey signatures each one publishes verify
 * under the other two (and a flipped bit fails under all three), and Quintet's signer is
 * byte-for-byte curve25519-java's given the same key and randomness. Deeper vector tests live
 * in core (XEdDSAVectorsTest).
 */
class XEdDsaInteropTest {
  /** XEdDSA signatures and their signing randomness are both 64 bytes. */
  private static final int SIGNATURE_LENGTH = 64;
  private static final int RANDOM_LENGTH = 64;

  /** One signed item: who signed it, the signer's identity key, message, signature. */
  private record Signed(String what, byte[] identityKey, byte[] message, byte[] signature) {}

  @Test
  void prekeySignaturesVerifyEverywhere() throws Exception {
    long seed = Seeds.next();
    LegacyDevice legacy = LegacyDevice.create("legacy");
    List<Signed> items = new ArrayList<>();
    addBundle(items, "quintet",
        new QuintetDevice("quintet", SessionPolicy.DEFAULT).publishBundle(true, KemType.KYBER_1024));
    addBundle(items, "libsignal", new LibsignalDevice("libsignal").publishBundle(true));
    addBundle(items, "signal-protocol-java", legacy.publishBundle(true));
    assertEquals(5, items.size()); // 3 signed prekeys, 2 Kyber prekeys

    Random random = new Random(seed);
    for (Signed s : items) {
      assertEquals(Verdicts.ALL_TRUE, verdicts(s, legacy), "seed=" + seed + " " + s.what);
      byte[] bad = s.signature.clone();
      bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
      Signed tampered = new Signed(s.what, s.identityKey, s.message, bad);
      assertEquals(Verdicts.ALL_FALSE, verdicts(tampered, legacy),
          "seed=" + seed + " tampered " + s.what);
    }
  }

  @Test
  void sameKeyAndRandomnessGiveTheSameSignatureAsCurve25519Java() throws Exception {
    long seed = Seeds.next();
    Random random = new Random(seed);
    for (int i = 0; i < 20; i++) {
      byte[] privateKey = IdentityKeyPair.generate().privateKey().serialize();
      byte[] message = new byte[random.nextInt(200)];
      random.nextBytes(message);
      byte[] z = new byte[RANDOM_LENGTH];
      random.nextBytes(z);
      Curve25519 theirs = Curve25519.getInstance(Curve25519.JAVA, new FixedRandom(z));
      assertArrayEquals(theirs.calculateSignature(privateKey, message),
          XEdDSA.sign(privateKey, message, z), "seed=" + seed + " #" + i);
    }
  }

  private record Verdicts(boolean quintet, boolean libsignal, boolean legacy) {
    static final Verdicts ALL_TRUE = new Verdicts(true, true, true);
    static final Verdicts ALL_FALSE = new Verdicts(false, false, false);
  }

  private static Verdicts verdicts(Signed s, LegacyDevice legacy) throws Exception {
    return new Verdicts(
        io.quintet.core.keys.IdentityKey.parse(s.identityKey).verifySignature(s.message, s.signature),
        new ECPublicKey(s.identityKey).verifySignature(s.message, s.signature),
        legacy.verify(s.identityKey, s.message, s.signature));
  }

  private static void addBundle(List<Signed> items, String who, PreKeyBundle b) {
    byte[] identity = b.identityKey().serialize();
    items.add(new Signed(who + " signed prekey", identity, b.signedPreKey().serialize(),
        b.signedPreKeySignature()));
    b.kemPreKey().ifPresent(k -> items.add(
        new Signed(who + " Kyber prekey", identity, k.serialize(), b.kemPreKeySignature())));
    assertEquals(SIGNATURE_LENGTH, b.signedPreKeySignature().length, who);
  }

  /** Hands curve25519-java the given signing randomness. */
  private static final class FixedRandom implements SecureRandomProvider {
    private final byte[] bytes;

    FixedRandom(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void nextBytes(byte[] output) {
      assertTrue(output.length == bytes.length, "curve25519-java asked for " + output.length);
      System.arraycopy(bytes, 0, output, 0, bytes.length);
    }

    @Override
    public int nextInt(int maxValue) {
      throw new UnsupportedOperationException("not used when signing");
    }
  }
}
