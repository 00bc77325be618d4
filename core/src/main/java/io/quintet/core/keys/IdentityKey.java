package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import java.util.Objects;

/**
 * A device's long-term public identity key: a Curve25519 key that verifies XEdDSA
 * signatures. Each device of an account has its own; the primary's also vouches for the
 * companions (see the devicelist module).
 *
 * <pre>{@code
 * IdentityKey bob = IdentityKey.parse(bundle.identityKeyBytes());
 * if (!bob.verifySignature(signedPreKeyBytes, signature)) reject();
 * }</pre>
 */
public final class IdentityKey {
  private final Curve25519PublicKey publicKey;

  public IdentityKey(Curve25519PublicKey publicKey) {
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
  }

  /**
   * Parses the libsignal serialization ({@code 0x05 ‖ u}), refusing points of small order:
   * anyone could forge signatures under them.
   */
  public static IdentityKey parse(byte[] serialized) throws InvalidKeyException {
    Curve25519PublicKey key = Curve25519PublicKey.parse(serialized);
    if (key.isLowOrder()) {
      throw new InvalidKeyException("identity key is a point of small order");
    }
    return new IdentityKey(key);
  }

  public Curve25519PublicKey publicKey() {
    return publicKey;
  }

  public byte[] serialize() {
    return publicKey.serialize();
  }

  public boolean verifySignature(byte[] message, byte[] signature) {
    return publicKey.verifySignature(message, signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityKey && ((IdentityKey) o).publicKey.equals(publicKey);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "IdentityKey[" + publicKey + "]";
  }
}
