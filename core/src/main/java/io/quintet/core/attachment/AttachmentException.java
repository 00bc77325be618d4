package io.quintet.core.attachment;

import io.quintet.core.QuintetException;
import java.util.Objects;

/**
 * An attachment (or its pointer) that must not be used, with the reason an app can act on.
 * When a decryption ends with this exception, every plaintext byte it already produced must be
 * discarded: only a decryption that runs to the end has checked the whole attachment.
 *
 * <pre>{@code
 * try {
 *   AttachmentCipher.decrypt(pointer, download, file);
 * } catch (AttachmentException e) {
 *   Files.delete(path);                       // partial output: never show it
 *   if (e.reason() == AttachmentException.Reason.DIGEST_MISMATCH) reportToServer();
 * }
 * }</pre>
 */
public class AttachmentException extends QuintetException {
  private static final long serialVersionUID = 1L;

  /** Why an attachment or pointer was refused. */
  public enum Reason {
    /** The serialized pointer is not well-formed or a field is out of range. */
    MALFORMED_POINTER,
    /** The ciphertext is longer or shorter than the pointer says. */
    SIZE_MISMATCH,
    /** The ciphertext's SHA-256 differs from the pointer's digest. */
    DIGEST_MISMATCH,
    /**
     * A segment does not authenticate: altered, truncated, reordered, encrypted under another
     * key, or with other metadata (media type, file name) than the pointer's.
     */
    AUTHENTICATION_FAILED,
    /** The plaintext exceeds {@link AttachmentPointer#MAX_PLAINTEXT_BYTES}, written or claimed. */
    TOO_LARGE
  }

  private final Reason reason;

  public AttachmentException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
