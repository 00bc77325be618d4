package io.quintet.core.attachment;

import java.io.IOException;
import java.util.Objects;

/**
 * What the streams and channels of {@link AttachmentCipher} throw when the attachment itself is
 * bad (rather than the disk or network under it): {@code InputStream.read} and
 * {@code SeekableByteChannel.read} may only throw {@link IOException}, so the typed
 * {@link AttachmentException} travels inside this one. Any other {@link IOException} from those
 * streams is the underlying source's own failure.
 *
 * <pre>{@code
 * try (InputStream in = AttachmentCipher.newDecryptingStream(pointer, download)) {
 *   player.play(in);
 * } catch (AttachmentStreamException e) {
 *   discard(e.attachmentException().reason());   // tampered, truncated, wrong key ...
 * } catch (IOException e) {
 *   retryLater();                                  // the network failed
 * }
 * }</pre>
 */
public final class AttachmentStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  AttachmentStreamException(AttachmentException cause) {
    super(cause.getMessage(), Objects.requireNonNull(cause, "cause"));
  }

  AttachmentStreamException(AttachmentException.Reason reason, String message) {
    this(new AttachmentException(reason, message));
  }

  /** The typed reason, also available as {@link #getCause()}. */
  public AttachmentException attachmentException() {
    return (AttachmentException) getCause();
  }

  /** Shorthand for {@code attachmentException().reason()}. */
  public AttachmentException.Reason reason() {
    return attachmentException().reason();
  }
}
