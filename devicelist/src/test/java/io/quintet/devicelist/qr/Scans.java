package io.quintet.devicelist.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/** Rasterizing module matrices, and scanning images with ZXing's stock reader. */
final class Scans {
  private Scans() {}

  private static final Map<DecodeHintType, Object> HINTS =
      Map.of(
          DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
          DecodeHintType.TRY_HARDER, Boolean.TRUE);

  /**
   * Scans like a generic ZXing-based app: {@code javase}'s luminance source, no character set
   * hint, no inverted retry. Independent of {@link QrCode#decode} and its luminance source.
   */
  static Result scan(BufferedImage image) throws ReaderException {
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    return new MultiFormatReader().decode(bitmap, HINTS);
  }

  /** An RGB picture of a matrix ({@code [y][x]}, true = dark): not toImage's binary type. */
  static BufferedImage rasterize(boolean[][] dark, int pixelsPerModule) {
    int height = dark.length * pixelsPerModule;
    int width = dark[0].length * pixelsPerModule;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean d = dark[y / pixelsPerModule][x / pixelsPerModule];
        image.setRGB(x, y, d ? 0x000000 : 0xffffff);
      }
    }
    return image;
  }

  /** Inverts every pixel of a square module-sized block, in place (black ↔ white). */
  static void flipModule(BufferedImage image, int moduleX, int moduleY, int pixelsPerModule) {
    for (int dy = 0; dy < pixelsPerModule; dy++) {
      for (int dx = 0; dx < pixelsPerModule; dx++) {
        int x = moduleX * pixelsPerModule + dx;
        int y = moduleY * pixelsPerModule + dy;
        image.setRGB(x, y, image.getRGB(x, y) ^ 0x00ffffff);
      }
    }
  }
}
