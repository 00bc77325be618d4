package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.ecc.ECPrivateKey;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.whispersystems.curve25519.Curve25519;
import org.whispersystems.curve25519.SecureRandomProvider;

/**
 * Quintet's XEdDSA against the two implementations Signal ships: curve25519-java 0.5.0 (its
 * pure-Java provider, deterministic given the randomness) and libsignal-client 0.86.5 (Rust
 * through JNI). Keys and messages are random (fixed seeds, so a failure reproduces); message
 * lengths include 0 and 33 (a serialized public key, what a signed prekey signs).
 */
class XEdDSACrossImplementationTest {
  private static final int ROUNDS = 150;

  @Test
  void curve25519JavaProducesTheSameBytesAndBothVerify() throws Exception {
    Random random = new Random(0x5157_0001L);
    FixedRandom fixed = new FixedRandom();
    Curve25519 theirs = Curve25519.getInstance(Curve25519.JAVA, fixed);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] priv = privateKey(random);
      byte[] pub = X25519.publicKey(priv);
      byte[] msg = message(random, i);
      byte[] z = bytes(random, 64);

      fixed.next = z.clone();
      byte[] theirSig = theirs.calculateSignature(priv, msg);
      byte[] ourSig = XEdDSA.sign(priv, msg, z);

      assertArrayEquals(theirSig, ourSig, "round " + i + ": same signature for the same random");
      assertTrue(theirs.verifySignature(pub, msg, ourSig), "round " + i + ": they accept ours");
      assertTrue(XEdDSA.verify(pub, msg, theirSig), "round " + i + ": we accept theirs");
    }
  }

  @Test
  void curve25519JavaKeysWork() throws Exception {
    Random random = new Random(0x5157_0002L);
    Curve25519 theirs = Curve25519.getInstance(Curve25519.JAVA);
    for (int i = 0; i < 40; i++) {
      org.whispersystems.curve25519.Curve25519KeyPair pair = theirs.generateKeyPair();
      byte[] msg = message(random, i);
      assertArrayEquals(pair.getPublicKey(), X25519.publicKey(pair.getPrivateKey()));
      byte[] ours = XEdDSA.sign(pair.getPrivateKey(), msg);
      assertTrue(theirs.verifySignature(pair.getPublicKey(), msg, ours), "round " + i);
      byte[] theirSig = theirs.calculateSignature(pair.getPrivateKey(), msg);
      assertTrue(XEdDSA.verify(pair.getPublicKey(), msg, theirSig), "round " + i);
    }
  }

  @Test
  void libsignalAcceptsOursAndWeAcceptTheirs() throws Exception {
    Random random = new Random(0x5157_0003L);
    for (int i = 0; i < ROUNDS; i++) {
      // Alternate who generated the key.
      byte[] priv = i % 2 == 0 ? privateKey(random) : ECPrivateKey.generate().serialize();
      ECPrivateKey theirKey = new ECPrivateKey(priv);
      ECPublicKey theirPub = theirKey.publicKey();
      byte[] pub = X25519.publicKey(priv);
      assertArrayEquals(theirPub.getPublicKeyBytes(), pub, "round " + i + ": same public key");
      byte[] msg = message(random, i);

      byte[] ours = XEdDSA.sign(priv, msg);
      assertTrue(theirPub.verifySignature(msg, ours), "round " + i + ": libsignal accepts ours");
      byte[] theirs = theirKey.calculateSignature(msg);
      assertTrue(XEdDSA.verify(pub, msg, theirs), "round " + i + ": we accept libsignal's");
    }
  }

  @Test
  void libsignalRejectsWhatWeRejectAfterTampering() throws Exception {
    Random random = new Random(0x5157_0004L);
    for (int i = 0; i < 60; i++) {
      byte[] priv = privateKey(random);
      ECPublicKey theirPub = new ECPrivateKey(priv).publicKey();
      byte[] pub = X25519.publicKey(priv);
      byte[] msg = message(random, i);
      byte[] sig = XEdDSA.sign(priv, msg);
      sig[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
      boolean ours = XEdDSA.verify(pub, msg, sig);
      assertTrue(!ours && !theirPub.verifySignature(msg, sig), "round " + i);
    }
  }

  static byte[] privateKey(Random random) {
    byte[] k = bytes(random, 32);
    X25519.clamp(k);
    return k;
  }

  static byte[] message(Random random, int round) {
    switch (round % 5) {
      case 0:
        return new byte[0];
      case 1:
        return bytes(random, 33);
      default:
        return bytes(random, random.nextInt(1200));
    }
  }

  static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Hands curve25519-java the randomness chosen by the test. */
  private static final class FixedRandom implements SecureRandomProvider {
    byte[] next;

    @Override
    public void nextBytes(byte[] output) {
      if (next == null || next.length != output.length) {
        throw new IllegalStateException("unexpected request for " + output.length + " bytes");
      }
      System.arraycopy(next, 0, output, 0, output.length);
      next = null;
    }

    @Override
    public int nextInt(int maxValue) {
      throw new UnsupportedOperationException();
    }
  }
}
