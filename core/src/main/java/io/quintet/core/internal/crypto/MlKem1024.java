package io.quintet.core.internal.crypto;

import io.quintet.core.InvalidKeyException;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * ML-KEM-1024 (FIPS 203) on Bouncy Castle. Keys are FIPS 203 byte strings: the encapsulation
 * key {@code ek} (1568 bytes) and the expanded decapsulation key {@code dk} (3168 bytes =
 * {@code dk_pke ‖ ek ‖ H(ek) ‖ z}), the form libsignal stores. Never the 64-byte seed form.
 *
 * <p>The byte-array methods check their input on every call and throw {@link
 * IllegalArgumentException} if it is malformed. A hot path parses once into an {@link
 * EncapsulationKey} or {@link DecapsulationKey} (FIPS 203 §7.2 / §7.3 input checks, typed
 * errors) and reuses it. {@link Kyber1024} shares these key types: the formats are identical.
 */
public final class MlKem1024 {
  public static final int PUBLIC_KEY_LENGTH = 1568;
  public static final int SECRET_KEY_LENGTH = 3168;
  public static final int CIPHERTEXT_LENGTH = 1568;
  public static final int SHARED_SECRET_LENGTH = 32;
  /** FIPS 203 key generation seed {@code d ‖ z}. */
  static final int SEED_LENGTH = 64;
  /** FIPS 203 encapsulation randomness {@code m}. */
  static final int MESSAGE_LENGTH = 32;

  private static final MLKEMParameters PARAMS = MLKEMParameters.ml_kem_1024;

  private MlKem1024() {}

  /** Returns {publicKey, secretKey}. */
  public static byte[][] generateKeyPair() {
    return toBytes(generate());
  }

  /** Deterministic ML-KEM.KeyGen_internal(d, z) from {@code seed = d ‖ z}, for known answers. */
  static byte[][] generateKeyPair(byte[] seed) {
    if (seed == null || seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException("ML-KEM key generation seed must be 64 bytes");
    }
    // BC's 64-byte constructor expands the seed (and keeps it; getEncoded() is still expanded).
    return toBytes(new DecapsulationKey(new MLKEMPrivateKeyParameters(PARAMS, seed)));
  }

  /** A fresh key pair, already parsed: {@link DecapsulationKey#encapsulationKey()} is its ek. */
  public static DecapsulationKey generate() {
    MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
    generator.init(new MLKEMKeyGenerationParameters(Rng.secureRandom(), PARAMS));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return new DecapsulationKey(
        (MLKEMPrivateKeyParameters) pair.getPrivate(),
        new EncapsulationKey((MLKEMPublicKeyParameters) pair.getPublic()));
  }

  /**
   * Returns {ciphertext, sharedSecret}.
   *
   * @throws IllegalArgumentException if the key has the wrong length or fails the modulus check
   */
  public static byte[][] encapsulate(byte[] publicKey) {
    return encapsulate(parseOrThrow(publicKey));
  }

  /** Deterministic ML-KEM.Encaps_internal(ek, m), for known answers and for {@link Kyber1024}. */
  static byte[][] encapsulate(byte[] publicKey, byte[] m) {
    return encapsulate(parseOrThrow(publicKey), m);
  }

  /** Returns {ciphertext, sharedSecret} for fresh randomness. */
  public static byte[][] encapsulate(EncapsulationKey publicKey) {
    return encapsulate(publicKey, Rng.bytes(MESSAGE_LENGTH));
  }

  static byte[][] encapsulate(EncapsulationKey publicKey, byte[] m) {
    Objects.requireNonNull(publicKey, "publicKey");
    if (m == null || m.length != MESSAGE_LENGTH) {
      throw new IllegalArgumentException("ML-KEM encapsulation randomness must be 32 bytes");
    }
    SecretWithEncapsulation e = MLKEMGenerator.internalGenerateEncapsulated(publicKey.params, m);
    return new byte[][] {e.getEncapsulation(), e.getSecret()};
  }

  /**
   * ML-KEM.Decaps. A well-formed but wrong ciphertext yields FIPS 203's implicit-rejection
   * secret, never an error.
   *
   * @throws IllegalArgumentException if the key fails its hash check or a length is wrong
   */
  public static byte[] decapsulate(byte[] secretKey, byte[] ciphertext) {
    DecapsulationKey dk;
    try {
      dk = DecapsulationKey.parse(secretKey);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    try {
      return decapsulate(dk, ciphertext);
    } finally {
      dk.destroy();
    }
  }

  /**
   * ML-KEM.Decaps with a parsed key.
   *
   * @throws IllegalArgumentException if the ciphertext is not 1568 bytes
   */
  public static byte[] decapsulate(DecapsulationKey secretKey, byte[] ciphertext) {
    Objects.requireNonNull(secretKey, "secretKey");
    if (ciphertext == null || ciphertext.length != CIPHERTEXT_LENGTH) {
      throw new IllegalArgumentException("ML-KEM-1024 ciphertext must be 1568 bytes");
    }
    return secretKey.extractor.extractSecret(ciphertext);
  }

  private static EncapsulationKey parseOrThrow(byte[] publicKey) {
    try {
      return EncapsulationKey.parse(publicKey);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static byte[][] toBytes(DecapsulationKey dk) {
    try {
      return new byte[][] {dk.encapsulationKey().encoded(), dk.encoded()};
    } finally {
      dk.destroy();
    }
  }

  /** An encapsulation key that passed FIPS 203's length and modulus checks (§7.2). */
  public static final class EncapsulationKey {
    private final MLKEMPublicKeyParameters params;

    private EncapsulationKey(MLKEMPublicKeyParameters params) {
      this.params = params;
    }

    /**
     * Parses a 1568-byte {@code ek}.
     *
     * @throws InvalidKeyException if the length is wrong or a coefficient is not reduced mod q
     */
    public static EncapsulationKey parse(byte[] ek) throws InvalidKeyException {
      if (ek == null || ek.length != PUBLIC_KEY_LENGTH) {
        throw new InvalidKeyException("ML-KEM-1024 encapsulation key must be 1568 bytes");
      }
      try {
        return new EncapsulationKey(new MLKEMPublicKeyParameters(PARAMS, ek));
      } catch (IllegalArgumentException e) {
        // BC's only remaining check is the modulus check of FIPS 203 §7.2.
        throw new InvalidKeyException("ML-KEM-1024 encapsulation key is not reduced mod q");
      }
    }

    /** The 1568-byte {@code ek}. */
    public byte[] encoded() {
      return params.getEncoded();
    }
  }

  /**
   * An expanded decapsulation key that passed FIPS 203's length and hash checks (§7.3), with
   * its embedded encapsulation key. Destroying it zeroes Bouncy Castle's copy.
   */
  public static final class DecapsulationKey implements Destroyable {
    private final MLKEMPrivateKeyParameters params;
    private final EncapsulationKey encapsulationKey;
    // Stateless apart from the key, so one per key serves every decapsulation and thread.
    private final MLKEMExtractor extractor;

    private DecapsulationKey(MLKEMPrivateKeyParameters params) {
      this(params, new EncapsulationKey(params.getPublicKeyParameters()));
    }

    private DecapsulationKey(MLKEMPrivateKeyParameters params, EncapsulationKey ek) {
      this.params = params;
      this.encapsulationKey = ek;
      this.extractor = new MLKEMExtractor(params);
    }

    /**
     * Parses a 3168-byte expanded {@code dk}. Also runs the modulus check on the embedded
     * {@code ek} (FIPS 203 requires only the hash check; an unreduced ek in a dk is never
     * honest).
     *
     * @throws InvalidKeyException if the length is wrong, H(ek) does not match the embedded
     *     ek, or that ek is not reduced mod q
     */
    public static DecapsulationKey parse(byte[] dk) throws InvalidKeyException {
      // Exact length first: BC would also accept a 64-byte seed here.
      if (dk == null || dk.length != SECRET_KEY_LENGTH) {
        throw new InvalidKeyException("ML-KEM-1024 decapsulation key must be 3168 bytes");
      }
      MLKEMPrivateKeyParameters params;
      try {
        params = new MLKEMPrivateKeyParameters(PARAMS, dk);
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyException("ML-KEM-1024 decapsulation key fails its H(ek) check");
      }
      try {
        return new DecapsulationKey(params);
      } catch (IllegalArgumentException e) {
        params.destroy();
        throw new InvalidKeyException("ML-KEM-1024 decapsulation key embeds an unreduced ek");
      }
    }

    /** The embedded encapsulation key. */
    public EncapsulationKey encapsulationKey() {
      return encapsulationKey;
    }

    /** The 3168-byte expanded {@code dk}, a fresh copy. Secret. */
    public byte[] encoded() {
      return params.getEncoded();
    }

    @Override
    public void destroy() {
      params.destroy();
    }

    @Override
    public boolean isDestroyed() {
      return params.isDestroyed();
    }

    @Override
    public String toString() {
      return "MlKem1024.DecapsulationKey[redacted]";
    }
  }
}
