package io.quintet.core;

/**
 * There is no session (or no matching session state) for the peer device. The healing path is a retry request with a fresh prekey bundle.
 *
 * <p>See {@link QuintetException} for how to handle Quintet's exceptions.
 */
public class NoSessionException extends QuintetException {
  private static final long serialVersionUID = 1L;

  public NoSessionException(String message) {
    super(message);
  }

  public NoSessionException(String message, Throwable cause) {
    super(message, cause);
  }
}
