package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.X25519;
import io.quintet.core.internal.crypto.XEdDSA;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A Curve25519 private key: the 32-byte clamped scalar, which is how libsignal serializes
 * it. It agrees (X25519) and signs (XEdDSA); {@link #toString()} never shows it.
 *
 * <pre>{@code
 * Curve25519KeyPair pair = Curve25519KeyPair.generate();
 * byte[] shared = pair.privateKey().agree(peerPublicKey);
 * byte[] signature = pair.privateKey().sign(message);
 * }</pre>
 */
public final class Curve25519PrivateKey implements Destroyable {
  public static final int LENGTH = 32;

  private final byte[] scalar;
  private volatile boolean destroyed;

  private Curve25519PrivateKey(byte[] scalar) {
    this.scalar = scalar;
  }

  /** Parses a 32-byte scalar; an unclamped one is clamped, as X25519 would anyway. */
  public static Curve25519PrivateKey parse(byte[] serialized) throws InvalidKeyException {
    if (serialized == null || serialized.length != LENGTH) {
      throw new InvalidKeyException("Curve25519 private key must be 32 bytes");
    }
    byte[] k = serialized.clone();
    X25519.clamp(k);
    return new Curve25519PrivateKey(k);
  }

  static Curve25519PrivateKey generate() {
    return new Curve25519PrivateKey(X25519.generatePrivateKey());
  }

  /** The public key for this scalar. */
  public Curve25519PublicKey publicKey() {
    return Curve25519PublicKey.trusted(X25519.publicKey(live()));
  }

  /**
   * X25519 with the peer's public key.
   *
   * @throws InvalidKeyException if the peer's key is of low order (all-zero shared secret)
   */
  public byte[] agree(Curve25519PublicKey peer) throws InvalidKeyException {
    return X25519.agree(live(), peer.uUnsafe());
  }

  /** An XEdDSA signature (libsignal's format) with fresh randomness. */
  public byte[] sign(byte[] message) {
    return XEdDSA.sign(live(), message);
  }

  /** The 32-byte scalar. Secret: store it only where private keys belong. */
  public byte[] serialize() {
    return live().clone();
  }

  private byte[] live() {
    if (destroyed) {
      throw new IllegalStateException("private key was destroyed");
    }
    return scalar;
  }

  /** Overwrites the scalar with zeros; every later use throws {@link IllegalStateException}. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(scalar, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "Curve25519PrivateKey[redacted]";
  }
}
