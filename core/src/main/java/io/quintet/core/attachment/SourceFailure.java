package io.quintet.core.attachment;

import java.io.IOException;

/**
 * Carries an I/O failure of the caller's own stream or channel through Tink's decrypting
 * stream, so the outer layer can tell it from a failed authentication (which Tink also reports
 * as an {@link IOException}) and rethrow the original.
 */
final class SourceFailure extends IOException {
  private static final long serialVersionUID = 1L;

  SourceFailure(IOException cause) {
    super(cause);
  }

  IOException original() {
    return (IOException) getCause();
  }
}
