package io.quintet.devicelist.messaging;

import io.quintet.core.QuintetException;

/**
 * Linking needs a fresh companion: a device whose store already belongs to an account (or
 * was logged out of one) cannot be linked again; the app creates a new store for it.
 *
 * <pre>{@code
 * try {
 *   String qr = laptop.offerQrLink();
 * } catch (NotFreshException e) {
 *   ui.say("this device is already set up");
 * }
 * }</pre>
 */
public final class NotFreshException extends QuintetException {
  private static final long serialVersionUID = 1L;

  public NotFreshException(String message) {
    super(message);
  }
}
