package io.quintet.core.internal.crypto;

import io.quintet.core.InvalidKeyException;

/** X25519 (RFC 7748) on Bouncy Castle's constant-time field arithmetic. */
public final class X25519 {
  public static final int KEY_LENGTH = 32;

  private X25519() {}

  /** A fresh private scalar, clamped as Signal stores it. */
  public static byte[] generatePrivateKey() {
    byte[] k = Rng.bytes(KEY_LENGTH);
    clamp(k);
    return k;
  }

  /** Clamps a 32-byte scalar in place (RFC 7748 §5). */
  public static void clamp(byte[] k) {
    k[0] &= (byte) 248;
    k[31] &= 127;
    k[31] |= 64;
  }

  public static byte[] publicKey(byte[] privateKey) {
    byte[] out = new byte[KEY_LENGTH];
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, out, 0);
    return out;
  }

  /**
   * X25519(k, u). Rejects an all-zero result (RFC 7748 §6.1): it means the peer sent a
   * low-order point, and no honest key can produce it.
   */
  public static byte[] agree(byte[] privateKey, byte[] publicU) throws InvalidKeyException {
    if (privateKey.length != KEY_LENGTH || publicU.length != KEY_LENGTH) {
      throw new InvalidKeyException("X25519 keys are 32 bytes");
    }
    byte[] out = new byte[KEY_LENGTH];
    if (!org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(
        privateKey, 0, publicU, 0, out, 0)) {
      throw new InvalidKeyException("X25519 agreement gave the all-zero secret (low-order key)");
    }
    return out;
  }
}
