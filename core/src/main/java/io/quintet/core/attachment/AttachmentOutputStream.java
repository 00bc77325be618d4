package io.quintet.core.attachment;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Encrypts an attachment as it is written, in constant memory (about two segments), into a
 * sink the caller owns; {@link #finish()} writes the last segment and returns the pointer.
 * For content whose length is not known up front: a recording, a generated bundle.
 *
 * <p>{@link #close()} without {@link #finish()} abandons the attachment: the last segment is
 * never written, so what reached the sink does not decrypt, and the key is wiped. Neither
 * method closes the sink. Not thread-safe.
 *
 * <pre>{@code
 * AttachmentPointer pointer;
 * try (AttachmentOutputStream out =
 *     AttachmentCipher.newEncryptingStream(upload, "video/mp4", "clip.mp4")) {
 *   recorder.writeTo(out);
 *   pointer = out.finish();
 * }
 * }</pre>
 */
public final class AttachmentOutputStream extends OutputStream {
  private final AttachmentFormat format;
  private final AttachmentKey key;
  private final String mediaType;
  private final String fileName;
  private final CiphertextOutput ciphertext;
  private final OutputStream tink;
  private long plaintextCount;
  private AttachmentPointer pointer;
  private boolean closed;

  AttachmentOutputStream(AttachmentFormat format, OutputStream sink, String mediaType,
      String fileName) throws IOException {
    Objects.requireNonNull(sink, "sink");
    checkArgument(PointerFields.mediaTypeProblem(mediaType));
    checkArgument(PointerFields.fileNameProblem(fileName));
    this.format = format;
    this.key = AttachmentKey.generate();
    this.mediaType = mediaType;
    this.fileName = fileName;
    this.ciphertext = new CiphertextOutput(sink);
    try {
      this.tink = format.streamingAead(key)
          .newEncryptingStream(ciphertext, AttachmentFormat.associatedData(mediaType, fileName));
    } catch (GeneralSecurityException e) {
      key.destroy();
      throw new IllegalStateException("Tink refused to start an encrypting stream", e);
    } catch (IOException | RuntimeException e) {
      key.destroy(); // the sink failed on the header: nothing will use this key
      throw e;
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /**
   * Encrypts {@code len} more bytes.
   *
   * @throws AttachmentStreamException with {@link Reason#TOO_LARGE} past {@link
   *     AttachmentPointer#MAX_PLAINTEXT_BYTES}
   */
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    checkOpen();
    if (len > format.maxPlaintextBytes() - plaintextCount) {
      throw new AttachmentStreamException(Reason.TOO_LARGE,
          "attachment exceeds " + format.maxPlaintextBytes() + " bytes");
    }
    tink.write(b, off, len);
    plaintextCount += len;
  }

  /** Does nothing: a segment can only be written once it is full or the last. */
  @Override
  public void flush() {}

  /**
   * Writes the last segment, flushes the sink and returns the pointer to send. Calling it again
   * returns the same pointer.
   */
  public AttachmentPointer finish() throws IOException {
    if (pointer != null) {
      return pointer;
    }
    checkOpen();
    tink.close();
    if (ciphertext.count() != format.ciphertextSize(plaintextCount)) {
      throw new IllegalStateException("Tink's ciphertext length disagrees with the format");
    }
    pointer = new AttachmentPointer(key, ciphertext.digest(), plaintextCount, ciphertext.count(),
        mediaType, fileName);
    return pointer;
  }

  /** After {@link #finish()}: releases nothing. Before: abandons the attachment, wiping its key. */
  @Override
  public void close() {
    if (pointer == null && !closed) {
      key.destroy();
    }
    closed = true;
  }

  private void checkOpen() throws IOException {
    if (closed || pointer != null) {
      throw new IOException("attachment stream is already finished or closed");
    }
  }

  private static void checkArgument(String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
