package io.quintet.ratchet.internal;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.Hkdf;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.keys.Curve25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The root key: each DH ratchet step turns it into a new root key and a fresh chain key. */
public final class RootKey {
  private static final byte[] RATCHET_INFO = "WhisperRatchet".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;

  public RootKey(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("root key must be 32 bytes");
    }
    this.key = key.clone();
  }

  /** HKDF(salt = root, ikm = DH(ours, theirs), "WhisperRatchet", 64) = new root ‖ chain. */
  public Step createChain(Curve25519PublicKey theirRatchetKey, Curve25519PrivateKey ourRatchetKey)
      throws InvalidKeyException {
    byte[] shared = ourRatchetKey.agree(theirRatchetKey);
    byte[] derived = Hkdf.derive(shared, key, RATCHET_INFO, 64);
    Arrays.fill(shared, (byte) 0);
    Step step =
        new Step(
            new RootKey(Arrays.copyOfRange(derived, 0, 32)),
            new ChainKey(Arrays.copyOfRange(derived, 32, 64), 0));
    Arrays.fill(derived, (byte) 0);
    return step;
  }

  public byte[] bytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "RootKey[redacted]";
  }

  /** The result of a ratchet step. */
  public static final class Step {
    public final RootKey rootKey;
    public final ChainKey chainKey;

    Step(RootKey rootKey, ChainKey chainKey) {
      this.rootKey = rootKey;
      this.chainKey = chainKey;
    }
  }
}
