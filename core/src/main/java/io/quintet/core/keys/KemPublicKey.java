package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A KEM public (encapsulation) key, serialized as libsignal does: type byte ‖ key.
 *
 * <pre>{@code
 * KemPublicKey bobPq = KemPublicKey.parse(bundleBytes);
 * KemPublicKey.Encapsulation e = bobPq.encapsulate();
 * send(e.serializedCiphertext());   // to Bob
 * use(e.sharedSecret());            // secret, 32 bytes
 * }</pre>
 */
public final class KemPublicKey {
  private final KemType type;
  private final byte[] key;

  KemPublicKey(KemType type, byte[] key) {
    this.type = type;
    this.key = key;
  }

  /** Parses {@code type ‖ key}; the key must have the KEM's exact length. */
  public static KemPublicKey parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null || serialized.length == 0) {
      throw new InvalidKeyException("KEM public key is empty");
    }
    KemType type = KemType.fromTypeByte(serialized[0]);
    if (serialized.length != 1 + KemType.PUBLIC_KEY_LENGTH) {
      throw new InvalidKeyException(
          type + " public key must be " + (1 + KemType.PUBLIC_KEY_LENGTH) + " bytes, got "
              + serialized.length);
    }
    return new KemPublicKey(type, Arrays.copyOfRange(serialized, 1, serialized.length));
  }

  public KemType type() {
    return type;
  }

  public byte[] serialize() {
    byte[] out = new byte[1 + key.length];
    out[0] = type.typeByte();
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  /**
   * Encapsulates a fresh shared secret to this key.
   *
   * @throws InvalidKeyException if the key fails FIPS 203's encapsulation-key check
   */
  public Encapsulation encapsulate() throws InvalidKeyException {
    byte[][] ctAndSecret;
    try {
      ctAndSecret = type.encapsulate(key);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException(type + " public key is malformed");
    }
    return new Encapsulation(type, ctAndSecret[0], ctAndSecret[1]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KemPublicKey
        && ((KemPublicKey) o).type == type
        && Arrays.equals(((KemPublicKey) o).key, key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, Arrays.hashCode(key));
  }

  @Override
  public String toString() {
    return "KemPublicKey[" + type + ", " + HexFormat.of().formatHex(key, 0, 8) + "…]";
  }

  /** A KEM ciphertext and the shared secret it carries. */
  public static final class Encapsulation {
    private final KemType type;
    private final byte[] ciphertext;
    private final byte[] sharedSecret;

    Encapsulation(KemType type, byte[] ciphertext, byte[] sharedSecret) {
      this.type = type;
      this.ciphertext = ciphertext;
      this.sharedSecret = sharedSecret;
    }

    /** {@code type ‖ ciphertext}, as PQXDH sends it. */
    public byte[] serializedCiphertext() {
      byte[] out = new byte[1 + ciphertext.length];
      out[0] = type.typeByte();
      System.arraycopy(ciphertext, 0, out, 1, ciphertext.length);
      return out;
    }

    /** The 32-byte shared secret. Secret. */
    public byte[] sharedSecret() {
      return sharedSecret.clone();
    }

    @Override
    public String toString() {
      return "Encapsulation[" + type + ", secret redacted]";
    }
  }
}
