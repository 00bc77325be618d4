package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.XEdDSA;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Curve25519 public key, serialized as libsignal does: the type byte {@code 0x05} followed
 * by the 32-byte little-endian u-coordinate. Parsing refuses any other type byte, any other
 * length and any non-canonical coordinate (u ≥ 2²⁵⁵−19, or the unused top bit set).
 *
 * <pre>{@code
 * Curve25519PublicKey key = Curve25519PublicKey.parse(bytesFromTheWire);
 * boolean ok = key.verifySignature(message, signature);
 * }</pre>
 */
public final class Curve25519PublicKey {
  /** libsignal's type byte for Curve25519 ("DJB") keys. */
  public static final byte TYPE = 0x05;
  /** Length of {@link #serialize()}. */
  public static final int SERIALIZED_LENGTH = 33;

  private final byte[] u;

  private Curve25519PublicKey(byte[] u) {
    this.u = u;
  }

  /** Parses {@code 0x05 ‖ u}. */
  public static Curve25519PublicKey parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null || serialized.length != SERIALIZED_LENGTH) {
      throw new InvalidKeyException(
          "Curve25519 public key must be " + SERIALIZED_LENGTH + " bytes, got "
              + (serialized == null ? "none" : serialized.length));
    }
    if (serialized[0] != TYPE) {
      throw new InvalidKeyException(
          String.format("unknown public key type 0x%02x (expected 0x05)", serialized[0]));
    }
    return fromU(Arrays.copyOfRange(serialized, 1, SERIALIZED_LENGTH));
  }

  /** Wraps a raw 32-byte u-coordinate (no type byte). */
  public static Curve25519PublicKey fromU(byte[] u) throws InvalidKeyException {
    if (u == null || u.length != 32) {
      throw new InvalidKeyException("Curve25519 u-coordinate must be 32 bytes");
    }
    if (!isCanonical(u)) {
      throw new InvalidKeyException("Curve25519 u-coordinate is not canonical");
    }
    return new Curve25519PublicKey(u.clone());
  }

  /** For keys this library computed itself: no copy, no check. */
  static Curve25519PublicKey trusted(byte[] u) {
    return new Curve25519PublicKey(u);
  }

  /** True when u < 2^255 - 19 (little-endian); public data, so early exits are fine. */
  private static boolean isCanonical(byte[] u) {
    if ((u[31] & 0xFF) < 0x7F) {
      return true;
    }
    if ((u[31] & 0xFF) > 0x7F) {
      return false;
    }
    for (int i = 30; i >= 1; i--) {
      if ((u[i] & 0xFF) != 0xFF) {
        return true;
      }
    }
    return (u[0] & 0xFF) < 0xED;
  }

  /**
   * The canonical u-coordinates of the points of small order (the cofactor's subgroup): X25519
   * with any of them yields the all-zero secret, and XEdDSA "signatures" under them can be
   * forged, so they are refused as identity keys.
   */
  private static final byte[][] LOW_ORDER = {
    HexFormat.of().parseHex("0000000000000000000000000000000000000000000000000000000000000000"),
    HexFormat.of().parseHex("0100000000000000000000000000000000000000000000000000000000000000"),
    HexFormat.of().parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
    HexFormat.of().parseHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
    HexFormat.of().parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
  };

  /** Whether this is a point of small order (see {@link #LOW_ORDER}). */
  public boolean isLowOrder() {
    for (byte[] l : LOW_ORDER) {
      if (Arrays.equals(l, u)) {
        return true;
      }
    }
    return false;
  }

  /** {@code 0x05 ‖ u}, 33 bytes. */
  public byte[] serialize() {
    byte[] out = new byte[SERIALIZED_LENGTH];
    out[0] = TYPE;
    System.arraycopy(u, 0, out, 1, 32);
    return out;
  }

  /** The raw 32-byte u-coordinate. */
  public byte[] uBytes() {
    return u.clone();
  }

  /** Internal fast path: the array itself, never to be modified. */
  byte[] uUnsafe() {
    return u;
  }

  /**
   * Verifies an XEdDSA signature in libsignal's format over {@code message}.
   *
   * @return false for any signature that is not exactly 64 bytes or does not verify
   */
  public boolean verifySignature(byte[] message, byte[] signature) {
    return signature != null && message != null && XEdDSA.verify(u, message, signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Curve25519PublicKey && Arrays.equals(((Curve25519PublicKey) o).u, u);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(u);
  }

  @Override
  public String toString() {
    return "Curve25519PublicKey[" + HexFormat.of().formatHex(u, 0, 8) + "…]";
  }
}
