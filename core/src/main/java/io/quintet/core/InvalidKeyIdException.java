package io.quintet.core;

/**
 * A message refers to a prekey, signed prekey or KEM prekey id that this device does not hold (already consumed, or rotated out of its grace period).
 *
 * <p>See {@link QuintetException} for how to handle Quintet's exceptions.
 */
public class InvalidKeyIdException extends QuintetException {
  private static final long serialVersionUID = 1L;

  public InvalidKeyIdException(String message) {
    super(message);
  }

  public InvalidKeyIdException(String message, Throwable cause) {
    super(message, cause);
  }
}
