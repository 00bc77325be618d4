package io.quintet.core;

/**
 * A signature (XEdDSA over a prekey, a device identity or a device list) does not verify.
 *
 * <p>See {@link QuintetException} for how to handle Quintet's exceptions.
 */
public class InvalidSignatureException extends QuintetException {
  private static final long serialVersionUID = 1L;

  public InvalidSignatureException(String message) {
    super(message);
  }

  public InvalidSignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
