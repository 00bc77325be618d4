/**
 * QR codes for device linking: a new companion device shows its link request as a
 * {@link io.quintet.devicelist.qr.QrCode} (in a terminal or as an image) and the primary
 * device reads it back from a camera frame. Only ZXing's core module is needed at runtime.
 *
 * <pre>{@code
 * QrCode code = QrCode.encode("quintet-link:1:" + request);
 * System.out.print(code.toTerminal());
 * String scanned = QrCode.decode(cameraFrame); // throws QrDecodeException if unreadable
 * }</pre>
 */
package io.quintet.devicelist.qr;
