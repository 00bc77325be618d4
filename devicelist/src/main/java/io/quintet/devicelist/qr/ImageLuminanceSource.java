package io.quintet.devicelist.qr;

import com.google.zxing.LuminanceSource;
import java.awt.image.BufferedImage;

/**
 * Greyscale view of a {@link BufferedImage} for ZXing's binarizers. Written here, rather than
 * taken from ZXing's {@code javase} module, so that decoding needs only {@code zxing:core} at
 * runtime.
 */
final class ImageLuminanceSource extends LuminanceSource {
  private final byte[] luminance; // row-major, width × height, 0 = black, 255 = white

  ImageLuminanceSource(BufferedImage image) {
    super(image.getWidth(), image.getHeight());
    int width = image.getWidth();
    int height = image.getHeight();
    luminance = new byte[Math.multiplyExact(width, height)];
    int[] argbRow = new int[width];
    for (int y = 0; y < height; y++) {
      // Row by row: getRGB converts any colour model to sRGB without a full-image int copy.
      image.getRGB(0, y, width, 1, argbRow, 0, width);
      for (int x = 0; x < width; x++) {
        luminance[y * width + x] = (byte) grey(argbRow[x]);
      }
    }
  }

  /** Rec. 601 luma, with transparency shown over white as on a page or a light screen. */
  private static int grey(int argb) {
    int a = argb >>> 24;
    int r = (argb >> 16) & 0xff;
    int g = (argb >> 8) & 0xff;
    int b = argb & 0xff;
    int luma = (306 * r + 601 * g + 117 * b + 512) >> 10;
    return (luma * a + 255 * (255 - a) + 127) / 255;
  }

  @Override
  public byte[] getRow(int y, byte[] row) {
    if (y < 0 || y >= getHeight()) {
      throw new IllegalArgumentException("row " + y + " is outside the image");
    }
    int width = getWidth();
    byte[] out = row != null && row.length >= width ? row : new byte[width];
    System.arraycopy(luminance, y * width, out, 0, width);
    return out;
  }

  @Override
  public byte[] getMatrix() {
    // ZXing only reads the matrix; this source is private to one decode call, so no copy.
    return luminance;
  }
}
