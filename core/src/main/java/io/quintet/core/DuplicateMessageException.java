package io.quintet.core;

/**
 * A message was already decrypted. Apps can simply ignore it: nothing changed in the stored state.
 *
 * <p>See {@link QuintetException} for how to handle Quintet's exceptions.
 */
public class DuplicateMessageException extends InvalidMessageException {
  private static final long serialVersionUID = 1L;

  public DuplicateMessageException(String message) {
    super(message);
  }

  public DuplicateMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
