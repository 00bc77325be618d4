package io.quintet.core;

/**
 * A message carries a protocol version this library does not speak (too old, too new, or not allowed by policy).
 *
 * <p>See {@link QuintetException} for how to handle Quintet's exceptions.
 */
public class InvalidVersionException extends InvalidMessageException {
  private static final long serialVersionUID = 1L;

  public InvalidVersionException(String message) {
    super(message);
  }

  public InvalidVersionException(String message, Throwable cause) {
    super(message, cause);
  }
}
