package io.quintet.core.internal.crypto;

import io.quintet.core.internal.crypto.MlKem1024.DecapsulationKey;
import io.quintet.core.internal.crypto.MlKem1024.EncapsulationKey;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * Kyber-1024, round-3 variant, as libsignal 0.86.5 speaks it (key type {@code 0x08}, libcrux's
 * {@code kyber1024}), built on {@link MlKem1024}. Keys are the same byte strings as ML-KEM's;
 * only the shared secret differs: {@code K = SHAKE256(K̄ ‖ SHA3-256(c))[0..32]}, where {@code
 * K̄} is what ML-KEM itself returns for the same ciphertext.
 *
 * <p>Why this equals Kyber: Kyber encapsulation hashes its random coins first ({@code m =
 * H(coins)}) and then runs exactly ML-KEM's {@code Encaps_internal(ek, m)}; a uniformly random
 * {@code m} is as good as a hashed one. On decapsulation, libcrux applies the same wrapper to
 * ML-KEM's implicit-rejection value {@code J(z ‖ c)} (not round 3's {@code KDF(z ‖ H(c))});
 * doing the same here keeps even rejected ciphertexts bit-exact with libsignal.
 *
 * <p>Key generation is ML-KEM's. Kyber derives {@code (ρ, σ) = G(d)} where ML-KEM uses {@code
 * G(d ‖ k)}, so a seed gives different keys in the two schemes, but random keys are equally
 * valid for both; libsignal never sees the seed.
 */
public final class Kyber1024 {
  public static final int PUBLIC_KEY_LENGTH = MlKem1024.PUBLIC_KEY_LENGTH;
  public static final int SECRET_KEY_LENGTH = MlKem1024.SECRET_KEY_LENGTH;
  public static final int CIPHERTEXT_LENGTH = MlKem1024.CIPHERTEXT_LENGTH;
  public static final int SHARED_SECRET_LENGTH = MlKem1024.SHARED_SECRET_LENGTH;

  private Kyber1024() {}

  /** Returns {publicKey, secretKey}. */
  public static byte[][] generateKeyPair() {
    return MlKem1024.generateKeyPair();
  }

  /**
   * Returns {ciphertext, sharedSecret}.
   *
   * @throws IllegalArgumentException if the key has the wrong length or fails the modulus check
   */
  public static byte[][] encapsulate(byte[] publicKey) {
    return wrap(MlKem1024.encapsulate(publicKey));
  }

  /** Deterministic encapsulation with ML-KEM randomness {@code m} (= round 3's {@code H(coins)}). */
  static byte[][] encapsulate(byte[] publicKey, byte[] m) {
    return wrap(MlKem1024.encapsulate(publicKey, m));
  }

  /** Returns {ciphertext, sharedSecret} for a parsed key. */
  public static byte[][] encapsulate(EncapsulationKey publicKey) {
    return wrap(MlKem1024.encapsulate(publicKey));
  }

  /**
   * Kyber decapsulation; a wrong ciphertext of the right length yields libcrux's rejection value.
   *
   * @throws IllegalArgumentException if the key fails its hash check or a length is wrong
   */
  public static byte[] decapsulate(byte[] secretKey, byte[] ciphertext) {
    return kdf(MlKem1024.decapsulate(secretKey, ciphertext), ciphertext);
  }

  /** Kyber decapsulation with a parsed key. */
  public static byte[] decapsulate(DecapsulationKey secretKey, byte[] ciphertext) {
    return kdf(MlKem1024.decapsulate(secretKey, ciphertext), ciphertext);
  }

  private static byte[][] wrap(byte[][] ctAndKey) {
    return new byte[][] {ctAndKey[0], kdf(ctAndKey[1], ctAndKey[0])};
  }

  /** Round 3's KDF: SHAKE256(k ‖ SHA3-256(c)), 32 bytes. Zeroes {@code k}. */
  private static byte[] kdf(byte[] k, byte[] ciphertext) {
    byte[] input = Arrays.copyOf(k, 64);
    SHA3Digest h = new SHA3Digest(256);
    h.update(ciphertext, 0, ciphertext.length);
    h.doFinal(input, 32);
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(input, 0, input.length);
    byte[] out = new byte[SHARED_SECRET_LENGTH];
    shake.doFinal(out, 0, out.length);
    Arrays.fill(k, (byte) 0);
    Arrays.fill(input, (byte) 0);
    return out;
  }
}
