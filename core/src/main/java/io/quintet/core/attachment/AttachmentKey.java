package io.quintet.core.attachment;

import io.quintet.core.internal.crypto.Rng;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The 32-byte key of one attachment: fresh random for every attachment, used as the input
 * keying material of Tink's AES-GCM-HKDF streaming AEAD. {@link #toString()} never shows it.
 *
 * <p>Tink keeps its own copy while a stream is open; {@link #destroy()} wipes this one.
 */
final class AttachmentKey implements Destroyable {
  static final int LENGTH = 32;

  private final byte[] bytes;
  private volatile boolean destroyed;

  private AttachmentKey(byte[] bytes) {
    this.bytes = bytes;
  }

  static AttachmentKey generate() {
    return new AttachmentKey(Rng.bytes(LENGTH));
  }

  /** Copies {@code bytes}, which must be {@link #LENGTH} long. */
  static AttachmentKey of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("attachment key must be " + LENGTH + " bytes");
    }
    return new AttachmentKey(bytes.clone());
  }

  /** The raw key, not a copy: callers must not keep or change it. */
  byte[] bytesUnsafe() {
    if (destroyed) {
      throw new IllegalStateException("attachment key was destroyed");
    }
    return bytes;
  }

  /** Constant-time comparison; a destroyed key equals only itself. */
  boolean sameAs(AttachmentKey other) {
    if (destroyed || other.destroyed) {
      return this == other;
    }
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Overwrites the key with zeros; every later use throws {@link IllegalStateException}. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "AttachmentKey[redacted]";
  }
}
