package io.quintet.devicelist.qr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.awt.image.BufferedImage;

/**
 * {@link QrCode#decode} on camera frames a fuzzer draws. Input layout: width − 21 and height −
 * 21 (one byte each, so 21 to 276 pixels), then grey pixels row by row, repeated to fill the
 * frame. Oracle: a payload or {@link QrDecodeException}, never another exception from inside
 * ZXing, and a payload no longer than {@link QrCode#MAX_PAYLOAD_LENGTH} would be meaningless
 * only if it were null.
 */
class QrDecodeFuzzTest {
  @FuzzTest
  void cameraFrame(byte[] data) {
    if (data.length < 3) {
      return;
    }
    BufferedImage image = frame(data);
    String payload;
    try {
      payload = QrCode.decode(image);
    } catch (QrDecodeException unreadable) {
      return;
    }
    assertTrue(payload != null);
  }

  static BufferedImage frame(byte[] data) {
    int width = 21 + (data[0] & 0xFF);
    int height = 21 + (data[1] & 0xFF);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    int n = data.length - 2;
    byte[] row = new byte[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        row[x] = data[2 + (y * width + x) % n];
      }
      image.getRaster().setDataElements(0, y, width, 1, row);
    }
    return image;
  }

  /** The input that {@link #frame} turns back into {@code image} (grey images only). */
  static byte[] input(BufferedImage image) {
    byte[] out = new byte[2 + image.getWidth() * image.getHeight()];
    out[0] = (byte) (image.getWidth() - 21);
    out[1] = (byte) (image.getHeight() - 21);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        out[2 + y * image.getWidth() + x] = (byte) (image.getRGB(x, y) & 0xFF);
      }
    }
    return out;
  }
}
