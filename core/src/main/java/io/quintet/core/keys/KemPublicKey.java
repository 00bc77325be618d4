package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.MlKem1024;
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
  // Parsed once: FIPS 203's modulus check ran here, not on every encapsulation.
  private final MlKem1024.EncapsulationKey parsed;

  KemPublicKey(KemType type, MlKem1024.EncapsulationKey parsed) {
    this.type = type;
    this.key = parsed.encoded();
    this.parsed = parsed;
  }

  /**
   * Parses {@code type ‖ key}. The key must have the KEM's exact length and pass FIPS 203's
   * encapsulation-key check (§7.2: every coefficient reduced mod q).
   *
   * @throws InvalidKeyException if the type byte is unknown, the length is wrong or the key
   *     fails the modulus check
   */
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
    try {
      return new KemPublicKey(
          type,
          MlKem1024.EncapsulationKey.parse(
              Arrays.copyOfRange(serialized, 1, serialized.length)));
    } catch (InvalidKeyException e) {
      throw new InvalidKeyException(type + " public key is malformed", e);
    }
  }

  /** The KEM this key belongs to. */
  public KemType type() {
    return type;
  }

  /** {@code type ‖ key}, as libsignal serializes it. */
  public byte[] serialize() {
    byte[] out = new byte[1 + key.length];
    out[0] = type.typeByte();
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  /**
   * Encapsulates a fresh shared secret to this key.
   *
   * @throws InvalidKeyException never in practice: every instance passed FIPS 203's
   *     encapsulation-key check when it was parsed (kept for API stability)
   */
  public Encapsulation encapsulate() throws InvalidKeyException {
    byte[][] ctAndSecret = type.encapsulate(parsed);
    return new Encapsulation(type, ctAndSecret[0], ctAndSecret[1]);
  }

  /** The parsed key, for {@link KemKeyPair#of}. */
  MlKem1024.EncapsulationKey parsed() {
    return parsed;
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
