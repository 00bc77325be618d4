package io.quintet.devicelist.qr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import com.google.zxing.ReaderException;
import io.quintet.devicelist.qr.QrCode.Background;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Round trips over generated payloads. Each example encodes, renders and scans a code of up
 * to version 13 (a few milliseconds), so example counts are bounded to keep this at seconds.
 * Scales go past the 3 to 6 px that {@link QrCode#encode} checks its mask choice at.
 */
class QrPropertiesTest {
  private static final String LINK_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:";

  private static QuickTheory bounded(int examples) {
    return qt().withExamples(examples).withShrinkCycles(30);
  }

  /** Link-request-like text: base64url plus ':', 1 to 400 characters. */
  private static Gen<String> linkPayloads() {
    Gen<Integer> letters = Generate.range(0, LINK_ALPHABET.length() - 1);
    return Generate.intArrays(Generate.range(1, 400), letters).map(QrPropertiesTest::fromAlphabet);
  }

  private static String fromAlphabet(int[] indices) {
    StringBuilder s = new StringBuilder(indices.length);
    for (int i : indices) {
      s.append(LINK_ALPHABET.charAt(i));
    }
    return s.toString();
  }

  /** Any ISO-8859-1 text, control characters included. */
  private static Gen<String> latin1Payloads() {
    return Generate.intArrays(Generate.range(1, 200), Generate.range(0, 0xff))
        .map(
            codes -> {
              char[] chars = new char[codes.length];
              for (int i = 0; i < codes.length; i++) {
                chars[i] = (char) codes[i];
              }
              return new String(chars);
            });
  }

  @Test
  void imagesDecodeToThePayload() {
    bounded(150)
        .forAll(linkPayloads(), Generate.range(3, 8))
        .checkAssert(
            (payload, ppm) -> {
              BufferedImage image = QrCode.encode(payload).toImage(ppm);
              assertEquals(payload, decode(image));
              assertEquals(payload, scan(image));
            });
  }

  @Test
  void terminalDrawingsScanToThePayload() {
    bounded(60)
        .forAll(linkPayloads(), Generate.enumValues(Background.class))
        .checkAssert(
            (payload, background) -> {
              QrCode code = QrCode.encode(payload);
              boolean[][] seen =
                  TerminalText.parseHalfBlocks(code.toTerminal(background), background);
              boolean[][] matrix = TerminalText.matrixOf(code);
              for (int y = 0; y < code.size(); y++) {
                assertArrayEquals(matrix[y], seen[y], "row " + y);
              }
              assertEquals(payload, scan(Scans.rasterize(seen, 3)));
            });
  }

  @Test
  void asciiDrawingsScanToThePayload() {
    bounded(40)
        .forAll(linkPayloads(), Generate.enumValues(Background.class))
        .checkAssert(
            (payload, background) -> {
              QrCode code = QrCode.encode(payload);
              boolean[][] seen = TerminalText.parseAscii(code.toAscii(background), background);
              assertEquals(true, Arrays.deepEquals(TerminalText.matrixOf(code), seen));
              assertEquals(payload, decode(Scans.rasterize(seen, 3)));
            });
  }

  @Test
  void latin1PayloadsRoundTrip() {
    bounded(60)
        .forAll(latin1Payloads())
        .checkAssert(payload -> assertEquals(payload, decode(QrCode.encode(payload).toImage(3))));
  }

  private static String decode(BufferedImage image) {
    try {
      return QrCode.decode(image);
    } catch (QrDecodeException e) {
      throw new AssertionError("QrCode.decode failed", e);
    }
  }

  private static String scan(BufferedImage image) {
    try {
      return Scans.scan(image).getText();
    } catch (ReaderException e) {
      throw new AssertionError("ZXing could not scan the image", e);
    }
  }
}
