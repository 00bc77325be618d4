package io.quintet.core.attachment;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.IOException;
import java.io.InputStream;

/**
 * The plaintext of a whole attachment, read front to back. Tink hands out a segment only after
 * its tag verifies; this stream adds the checks that need the end: it returns end-of-stream only
 * once the ciphertext ended exactly where the pointer says, its SHA-256 matches the pointer's
 * digest and the plaintext has the pointer's size. Any failure is an {@link
 * AttachmentStreamException}, repeated on every later read.
 */
final class DecryptingInputStream extends InputStream {
  private final AttachmentPointer pointer;
  private final CiphertextInput ciphertext;
  private final InputStream tink;
  private long plaintextCount;
  private boolean verifiedEnd;
  private AttachmentException failure;

  DecryptingInputStream(AttachmentPointer pointer, CiphertextInput ciphertext, InputStream tink) {
    this.pointer = pointer;
    this.ciphertext = ciphertext;
    this.tink = tink;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = read(one, 0, 1);
    } while (n == 0);
    return n == -1 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      throw new AttachmentStreamException(failure);
    }
    if (verifiedEnd) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = tink.read(b, off, len);
    } catch (AttachmentStreamException e) {
      throw fail(e.attachmentException());
    } catch (SourceFailure e) {
      throw e.original();
    } catch (IOException e) {
      // Tink's only other IOExceptions are failed tags and a header it cannot read.
      throw fail(new AttachmentException(Reason.AUTHENTICATION_FAILED,
          "attachment does not authenticate: altered, truncated, or another key or metadata"));
    }
    if (n == -1) {
      verifyEnd();
      return -1;
    }
    if (plaintextCount + n > pointer.plaintextSize()) {
      throw fail(new AttachmentException(
          Reason.SIZE_MISMATCH, "plaintext is longer than its pointer says"));
    }
    plaintextCount += n;
    return n;
  }

  private void verifyEnd() throws IOException {
    boolean atEnd;
    try {
      atEnd = ciphertext.atEnd();
    } catch (AttachmentStreamException e) {
      throw fail(e.attachmentException());
    } catch (SourceFailure e) {
      throw e.original();
    }
    if (!atEnd || ciphertext.count() != pointer.ciphertextSize()) {
      throw fail(new AttachmentException(
          Reason.SIZE_MISMATCH, "ciphertext is shorter than its pointer says"));
    }
    if (plaintextCount != pointer.plaintextSize()) {
      throw fail(new AttachmentException(
          Reason.SIZE_MISMATCH, "plaintext is shorter than its pointer says"));
    }
    if (!pointer.digestEquals(ciphertext.digest())) {
      throw fail(new AttachmentException(
          Reason.DIGEST_MISMATCH, "ciphertext digest differs from the pointer's"));
    }
    verifiedEnd = true;
  }

  private AttachmentStreamException fail(AttachmentException e) {
    failure = e;
    return new AttachmentStreamException(e);
  }

  @Override
  public void close() throws IOException {
    try {
      tink.close();
    } catch (SourceFailure e) {
      throw e.original();
    }
  }
}
