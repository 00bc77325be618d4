package io.quintet.devicelist.qr;

import static io.quintet.devicelist.qr.QrCodeTest.LINK_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading images: damage within level M is repaired, images without a code are refused. */
class QrDecodeTest {
  private static final int PPM = 4;

  private final QrCode code = QrCode.encode(LINK_REQUEST);
  /** Last module of the symbol proper, inside the quiet zone. */
  private final int end = code.size() - QrCode.QUIET_ZONE - 1;

  @Test
  void repairsAFlippedCornerBlock() throws Exception {
    // The bottom-right corner holds the first data codewords and no function pattern.
    BufferedImage image = code.toImage(PPM);
    for (int y = end - 3; y <= end; y++) {
      for (int x = end - 3; x <= end; x++) {
        Scans.flipModule(image, x, y, PPM);
      }
    }
    assertRepaired(image);
  }

  @Test
  void repairsScatteredFlips() throws Exception {
    // The two rightmost columns below the top-right finder are data and error correction
    // modules; one flip every 8 rows lands in a different codeword each time.
    BufferedImage image = code.toImage(PPM);
    int flips = 0;
    for (int y = end; y >= QrCode.QUIET_ZONE + 9; y -= 8) {
      Scans.flipModule(image, end - (flips % 2), y, PPM);
      flips++;
    }
    assertTrue(flips >= 5, "only " + flips + " flips");
    assertRepaired(image);
  }

  private void assertRepaired(BufferedImage damaged) throws Exception {
    assertEquals(LINK_REQUEST, QrCode.decode(damaged));
    Result scan = Scans.scan(damaged);
    assertEquals(LINK_REQUEST, scan.getText());
    Object corrected = scan.getResultMetadata().get(ResultMetadataType.ERRORS_CORRECTED);
    // Proves the damage reached the data and error correction repaired it.
    assertTrue(corrected instanceof Integer n && n > 0, "errors corrected: " + corrected);
  }

  @Test
  void wipingAThirdOfTheSymbolIsBeyondRepair() {
    // Far past level M's ~15%; the finder patterns (top and bottom rows) stay intact.
    BufferedImage image = code.toImage(PPM);
    int symbol = code.size() - 2 * QrCode.QUIET_ZONE;
    int from = (QrCode.QUIET_ZONE + symbol / 3) * PPM;
    int to = (QrCode.QUIET_ZONE + 2 * symbol / 3) * PPM;
    for (int y = from; y < to; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, 0xffffff);
      }
    }
    assertThrows(QrDecodeException.class, () -> QrCode.decode(image));
  }

  @Test
  void blankImagesHoldNoCode() {
    BufferedImage white = filled(0xffffff);
    QrDecodeException e = assertThrows(QrDecodeException.class, () -> QrCode.decode(white));
    assertEquals("no QR code found in the image", e.getMessage());
    assertNotNull(e.getCause());
    assertThrows(QrDecodeException.class, () -> QrCode.decode(filled(0x000000)));
    assertThrows(QrDecodeException.class, () -> QrCode.decode(new BufferedImage(1, 1,
        BufferedImage.TYPE_INT_RGB)));
  }

  @Test
  void noiseHoldsNoCode() {
    BufferedImage noise = filled(0xffffff);
    Random random = new Random(7);
    for (int y = 0; y < noise.getHeight(); y++) {
      for (int x = 0; x < noise.getWidth(); x++) {
        noise.setRGB(x, y, random.nextBoolean() ? 0 : 0xffffff);
      }
    }
    assertThrows(QrDecodeException.class, () -> QrCode.decode(noise));
  }

  @Test
  void readsLightOnDarkCodesThatStockZxingMisses() throws Exception {
    BufferedImage negative = code.toImage(PPM);
    for (int y = 0; y < code.size(); y++) {
      for (int x = 0; x < code.size(); x++) {
        Scans.flipModule(negative, x, y, PPM);
      }
    }
    assertThrows(NotFoundException.class, () -> Scans.scan(negative));
    assertEquals(LINK_REQUEST, QrCode.decode(negative));
  }

  @Test
  void readsColouredAndTransparentImages() throws Exception {
    BufferedImage navyOnYellow = recolour(0xff1a237e, 0xfffff59d, BufferedImage.TYPE_INT_RGB);
    assertEquals(LINK_REQUEST, QrCode.decode(navyOnYellow));
    // A PNG with a transparent background shows whatever is behind it: read it as white.
    BufferedImage blackOnClear = recolour(0xff000000, 0x00000000, BufferedImage.TYPE_INT_ARGB);
    assertEquals(LINK_REQUEST, QrCode.decode(blackOnClear));
  }

  @Test
  void rejectsNull() {
    assertThrows(NullPointerException.class, () -> QrCode.decode(null));
  }

  private BufferedImage recolour(int darkArgb, int lightArgb, int type) {
    BufferedImage image = new BufferedImage(code.size() * PPM, code.size() * PPM, type);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, code.isDark(x / PPM, y / PPM) ? darkArgb : lightArgb);
      }
    }
    return image;
  }

  private BufferedImage filled(int rgb) {
    BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }
}
