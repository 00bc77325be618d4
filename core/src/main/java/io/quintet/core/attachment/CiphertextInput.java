package io.quintet.core.attachment;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ciphertext as Tink's decrypting stream reads it: hashed (SHA-256), counted, and cut off
 * as soon as it runs past the length the pointer promises, so a hostile server cannot feed an
 * endless stream. Failures of the caller's stream are marked as {@link SourceFailure}.
 */
final class CiphertextInput extends InputStream {
  private final InputStream source;
  private final long expectedSize;
  private final MessageDigest sha256 = sha256();
  private long count;
  private boolean eof;

  CiphertextInput(InputStream source, long expectedSize) {
    this.source = source;
    this.expectedSize = expectedSize;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == -1 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    // One byte past the promise is enough to know the blob is too long.
    int want = (int) Math.min(len, expectedSize - count + 1);
    int n;
    try {
      n = source.read(b, off, want);
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
    if (n == -1) {
      eof = true;
      return -1;
    }
    if (count + n > expectedSize) {
      throw new AttachmentStreamException(
          Reason.SIZE_MISMATCH, "ciphertext is longer than its pointer says");
    }
    sha256.update(b, off, n);
    count += n;
    return n;
  }

  /** True once the source has said end-of-stream, reading one more byte if it had not yet. */
  boolean atEnd() throws IOException {
    if (!eof) {
      int n = read(new byte[1], 0, 1);
      return n == -1;
    }
    return true;
  }

  long count() {
    return count;
  }

  /** The digest of everything read; call once, at the end. */
  byte[] digest() {
    return sha256.digest();
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
