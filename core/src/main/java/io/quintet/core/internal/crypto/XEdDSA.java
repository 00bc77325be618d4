package io.quintet.core.internal.crypto;

/** PLACEHOLDER: being written. */
public final class XEdDSA {
  private XEdDSA() {}

  public static byte[] sign(byte[] privateScalar, byte[] message) {
    throw new UnsupportedOperationException("XEdDSA not yet implemented");
  }

  public static byte[] sign(byte[] privateScalar, byte[] message, byte[] random64) {
    throw new UnsupportedOperationException("XEdDSA not yet implemented");
  }

  public static boolean verify(byte[] publicU, byte[] message, byte[] signature) {
    throw new UnsupportedOperationException("XEdDSA not yet implemented");
  }
}
