package io.quintet.devicelist.qr;

import static io.quintet.devicelist.qr.QrCodeTest.LINK_REQUEST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.devicelist.qr.QrCode.Background;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The terminal, ASCII and image renderings are the same, scannable code. */
class QrRenderingTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 8})
  void imageDecodesToThePayload(int pixelsPerModule) throws Exception {
    BufferedImage image = QrCode.encode(LINK_REQUEST).toImage(pixelsPerModule);
    assertEquals(LINK_REQUEST, QrCode.decode(image));
    assertEquals(LINK_REQUEST, Scans.scan(image).getText());
  }

  @Test
  void imagePixelsFollowTheModules() {
    QrCode code = QrCode.encode("quintet-link:1:pixels");
    int ppm = 3;
    BufferedImage image = code.toImage(ppm);
    assertEquals(BufferedImage.TYPE_BYTE_BINARY, image.getType());
    assertEquals(code.size() * ppm, image.getWidth());
    assertEquals(code.size() * ppm, image.getHeight());
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int expected = code.isDark(x / ppm, y / ppm) ? 0xff000000 : 0xffffffff;
        assertEquals(expected, image.getRGB(x, y), "pixel (" + x + ", " + y + ")");
      }
    }
  }

  @Test
  void eachImageIsANewCopy() {
    QrCode code = QrCode.encode("x");
    BufferedImage first = code.toImage(2);
    first.setRGB(0, 0, 0); // scribble on the quiet zone
    BufferedImage second = code.toImage(2);
    assertNotSame(first, second);
    assertEquals(0xffffffff, second.getRGB(0, 0));
    assertFalse(code.isDark(0, 0));
  }

  @Test
  void rejectsScalesOutOfRange() {
    QrCode code = QrCode.encode("x");
    assertThrows(IllegalArgumentException.class, () -> code.toImage(0));
    assertThrows(IllegalArgumentException.class,
        () -> code.toImage(QrCode.MAX_PIXELS_PER_MODULE + 1));
  }

  @ParameterizedTest
  @EnumSource(Background.class)
  void terminalDrawingIsTheCodesMatrix(Background background) {
    QrCode code = QrCode.encode(LINK_REQUEST);
    boolean[][] parsed = TerminalText.parseHalfBlocks(code.toTerminal(background), background);
    assertEquals((code.size() + 1) / 2 * 2, parsed.length);
    assertEquals(code.size(), parsed[0].length);
    boolean[][] expected = TerminalText.matrixOf(code);
    for (int y = 0; y < code.size(); y++) {
      assertArrayEquals(expected[y], parsed[y], "row " + y);
    }
    // size() is odd (4 × version + 25), so the last line's lower half pads with light.
    boolean[] padding = parsed[parsed.length - 1];
    assertArrayEquals(new boolean[code.size()], padding, "padding row");
  }

  @ParameterizedTest
  @EnumSource(Background.class)
  void terminalDrawingScans(Background background) throws Exception {
    QrCode code = QrCode.encode(LINK_REQUEST);
    boolean[][] seen = TerminalText.parseHalfBlocks(code.toTerminal(background), background);
    BufferedImage screenshot = Scans.rasterize(seen, 4);
    assertEquals(LINK_REQUEST, QrCode.decode(screenshot));
    assertEquals(LINK_REQUEST, Scans.scan(screenshot).getText());
  }

  @ParameterizedTest
  @EnumSource(Background.class)
  void asciiDrawingIsTheCodesMatrixAndScans(Background background) throws Exception {
    QrCode code = QrCode.encode(LINK_REQUEST);
    boolean[][] seen = TerminalText.parseAscii(code.toAscii(background), background);
    assertArrayEquals(TerminalText.matrixOf(code), seen);
    assertEquals(LINK_REQUEST, Scans.scan(Scans.rasterize(seen, 4)).getText());
  }

  @Test
  void onADarkTerminalTheQuietZoneIsDrawnInFullBlocks() {
    // Light text on a dark background: the light border must be inked, or the code would
    // show light-on-dark with no quiet zone.
    String[] lines = QrCode.encode(LINK_REQUEST).toTerminal().split("\n");
    String full = String.valueOf('\u2588').repeat(lines[0].length());
    assertEquals(full, lines[0]);
    assertEquals(full, lines[1]);
    assertEquals(full, lines[lines.length - 1]);
    for (String line : lines) {
      assertEquals("\u2588\u2588\u2588\u2588", line.substring(0, 4));
      assertEquals("\u2588\u2588\u2588\u2588", line.substring(line.length() - 4));
    }
  }

  @Test
  void theTwoBackgroundsAreNegativesOfEachOther() {
    QrCode code = QrCode.encode(LINK_REQUEST);
    String dark = code.toAscii(Background.DARK);
    String light = code.toAscii(Background.LIGHT);
    assertEquals(dark.length(), light.length());
    for (int i = 0; i < dark.length(); i++) {
      char d = dark.charAt(i);
      char expected = d == '\n' ? '\n' : d == '#' ? ' ' : '#';
      assertEquals(expected, light.charAt(i), "character " + i);
    }
    assertEquals(code.toTerminal(), code.toTerminal(Background.DARK));
    assertEquals(code.toAscii(), code.toAscii(Background.DARK));
  }

  @Test
  void terminalLinesAreSquareModules() {
    QrCode code = QrCode.encode(LINK_REQUEST);
    long lines = code.toTerminal().chars().filter(c -> c == '\n').count();
    assertEquals((code.size() + 1) / 2, lines);
    long asciiLines = code.toAscii().chars().filter(c -> c == '\n').count();
    assertEquals(code.size(), asciiLines);
    String firstAsciiLine = code.toAscii().lines().findFirst().orElseThrow();
    assertEquals(2 * code.size(), firstAsciiLine.length());
  }
}
