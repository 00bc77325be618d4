package io.quintet.devicelist.qr;

import io.quintet.core.QuintetException;

/**
 * An image holds no readable QR code: none was found, or the one found is damaged beyond its
 * error correction or malformed. This is bad input (a blurry photo, the wrong picture), not a
 * programming error, so the user can simply be asked to scan again.
 *
 * <pre>{@code
 * try {
 *   String payload = QrCode.decode(cameraFrame);
 *   link(payload);
 * } catch (QrDecodeException e) {
 *   showHint("Hold the camera steady over the code on the new device");
 * }
 * }</pre>
 *
 * <p>See {@link QuintetException} for how to handle Quintet's exceptions.
 */
public final class QrDecodeException extends QuintetException {
  private static final long serialVersionUID = 1L;

  public QrDecodeException(String message) {
    super(message);
  }

  public QrDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
