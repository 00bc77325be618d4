package io.quintet.core.internal.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Test oracle: just enough of libsignal 0.86.5's PQXDH key schedule (read from its {@code
 * ratchet.rs}, {@code ratchet/keys.rs} and {@code protocol.rs} at tag v0.86.5) to turn a KEM
 * shared secret into the keys of Alice's first message, so that the message's MAC tells
 * whether Quintet and libsignal agreed on that secret. Built on BC and the JDK only, not on
 * Quintet's own wrappers, and not a protocol implementation: the ratchet module has that.
 */
final class PqxdhOracle {
  static final byte VERSION = 0x44;
  static final int MAC_LENGTH = 8;

  private PqxdhOracle() {}

  /** X25519 with a 32-byte scalar and a libsignal {@code 0x05 ‖ u} public key. */
  static byte[] dh(byte[] privateKey, byte[] publicKey33) {
    if (publicKey33.length != 33 || publicKey33[0] != 0x05) {
      throw new IllegalArgumentException("not a libsignal Curve25519 public key");
    }
    byte[] out = new byte[32];
    if (!X25519.calculateAgreement(privateKey, 0, publicKey33, 1, out, 0)) {
      throw new IllegalArgumentException("low-order point");
    }
    return out;
  }

  /** {@code 0x05 ‖ u} for a 32-byte scalar. */
  static byte[] publicKey(byte[] privateKey) {
    byte[] out = new byte[33];
    out[0] = 0x05;
    X25519.scalarMultBase(privateKey, 0, out, 1);
    return out;
  }

  /** {@code 0xFF×32 ‖ dh1 ‖ dh2 ‖ ... ‖ kemSecret}. */
  static byte[] masterSecret(byte[] kemSecret, byte[]... dhs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] discontinuity = new byte[32];
    Arrays.fill(discontinuity, (byte) 0xFF);
    out.writeBytes(discontinuity);
    for (byte[] dh : dhs) {
      out.writeBytes(dh);
    }
    out.writeBytes(kemSecret);
    return out.toByteArray();
  }

  /**
   * {cipherKey, macKey, iv} of message 0 on Alice's first sending chain: root key from the
   * master secret, one root step with {@code dhRatchet = DH(A1, SPK_B)}, chain key to message
   * key seed, and no SPQR salt (libsignal mixes none in before the peer answers).
   */
  static byte[][] firstMessageKeys(byte[] masterSecret, byte[] dhRatchet) {
    byte[] rootKey = Arrays.copyOf(
        hkdf(null, masterSecret, "WhisperText_X25519_SHA-256_CRYSTALS-KYBER-1024", 96), 32);
    byte[] chainKey = Arrays.copyOfRange(hkdf(rootKey, dhRatchet, "WhisperRatchet", 64), 32, 64);
    byte[] seed = hmac(chainKey, new byte[] {0x01});
    byte[] keys = hkdf(null, seed, "WhisperMessageKeys", 80);
    return new byte[][] {
      Arrays.copyOfRange(keys, 0, 32), Arrays.copyOfRange(keys, 32, 64),
      Arrays.copyOfRange(keys, 64, 80)
    };
  }

  /** First 8 bytes of HMAC-SHA256(macKey, senderIdentity ‖ receiverIdentity ‖ message). */
  static byte[] mac(byte[] macKey, byte[] senderIdentity, byte[] receiverIdentity, byte[] message) {
    return Arrays.copyOf(hmac(macKey, senderIdentity, receiverIdentity, message), MAC_LENGTH);
  }

  static byte[] aesCbc(int mode, byte[] key, byte[] iv, byte[] input) throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    return c.doFinal(input);
  }

  private static byte[] hkdf(byte[] salt, byte[] ikm, String info, int length) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(new HKDFParameters(ikm, salt, info.getBytes(StandardCharsets.UTF_8)));
    byte[] out = new byte[length];
    g.generateBytes(out, 0, length);
    return out;
  }

  private static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] p : parts) {
        mac.update(p);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
