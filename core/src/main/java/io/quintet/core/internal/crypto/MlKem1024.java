package io.quintet.core.internal.crypto;

/** PLACEHOLDER: being written. */
public final class MlKem1024 {
  public static final int PUBLIC_KEY_LENGTH = 1568;
  public static final int SECRET_KEY_LENGTH = 3168;
  public static final int CIPHERTEXT_LENGTH = 1568;
  public static final int SHARED_SECRET_LENGTH = 32;

  private MlKem1024() {}

  /** Returns {publicKey, secretKey}. */
  public static byte[][] generateKeyPair() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Returns {ciphertext, sharedSecret}. */
  public static byte[][] encapsulate(byte[] publicKey) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public static byte[] decapsulate(byte[] secretKey, byte[] ciphertext) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
