package io.quintet.core;

/**
 * A message cannot be accepted: malformed, truncated, failing its MAC, or outside the allowed window.
 *
 * <p>See {@link QuintetException} for how to handle Quintet's exceptions.
 */
public class InvalidMessageException extends QuintetException {
  private static final long serialVersionUID = 1L;

  public InvalidMessageException(String message) {
    super(message);
  }

  public InvalidMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
