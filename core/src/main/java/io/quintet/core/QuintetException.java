package io.quintet.core;

/**
 * The root of Quintet's checked exceptions. Every failure caused by bad input (truncated,
 * corrupted, forged, replayed, oversized or wrong-version bytes) or by a trust decision is
 * reported as a subclass, so an app can catch exactly what it can act on.
 *
 * <p>Messages name what was wrong ("signed prekey signature does not verify", "message
 * counter 30000 is beyond the 25000 window") and never contain key or plaintext bytes.
 *
 * <pre>{@code
 * try {
 *   byte[] plain = cipher.decrypt(message);
 * } catch (DuplicateMessageException dup) {
 *   // already delivered: ignore
 * } catch (QuintetException e) {
 *   log.warn("dropping message: {}", e.getMessage());
 * }
 * }</pre>
 */
public class QuintetException extends Exception {
  private static final long serialVersionUID = 1L;

  public QuintetException(String message) {
    super(message);
  }

  public QuintetException(String message, Throwable cause) {
    super(message, cause);
  }
}
