package io.quintet.core;

/**
 * A key is malformed: wrong length, unknown type byte, a non-canonical or low-order point, or a KEM key of the wrong size.
 *
 * <p>See {@link QuintetException} for how to handle Quintet's exceptions.
 */
public class InvalidKeyException extends QuintetException {
  private static final long serialVersionUID = 1L;

  public InvalidKeyException(String message) {
    super(message);
  }

  public InvalidKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
