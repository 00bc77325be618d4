package io.quintet.devicelist.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encoding: the matrix, its limits and its value semantics. */
class QrCodeTest {
  /** A realistic link request: a prefix and about 270 characters of base64url. */
  static final String LINK_REQUEST = linkRequest(200, 42);

  static String linkRequest(int bytes, long seed) {
    byte[] body = new byte[bytes];
    new Random(seed).nextBytes(body);
    return "quintet-link:1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
  }

  @Test
  void matchesZxingWritersRenderingModuleForModule() throws WriterException {
    QrCode code = QrCode.encode(LINK_REQUEST);
    BitMatrix reference = writerRendering(LINK_REQUEST);
    assertEquals(reference.getWidth(), code.size());
    assertEquals(reference.getHeight(), code.size());
    for (int y = 0; y < code.size(); y++) {
      for (int x = 0; x < code.size(); x++) {
        assertEquals(reference.get(x, y), code.isDark(x, y), "module (" + x + ", " + y + ")");
      }
    }
  }

  /** ZXing's writer at its smallest output: one pixel per module, quiet zone included. */
  private static BitMatrix writerRendering(String payload) throws WriterException {
    return new QRCodeWriter()
        .encode(
            payload,
            BarcodeFormat.QR_CODE,
            0,
            0,
            Map.of(
                EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                EncodeHintType.MARGIN, QrCode.QUIET_ZONE));
  }

  @Test
  void sizeIsTheSymbolPlusTheQuietZone() {
    QrCode code = QrCode.encode(LINK_REQUEST);
    assertEquals(17 + 4 * code.version() + 2 * QrCode.QUIET_ZONE, code.size());
    int last = code.size() - 1;
    for (int i = 0; i < code.size(); i++) {
      for (int d = 0; d < QrCode.QUIET_ZONE; d++) {
        assertFalse(code.isDark(i, d), "top border");
        assertFalse(code.isDark(i, last - d), "bottom border");
        assertFalse(code.isDark(d, i), "left border");
        assertFalse(code.isDark(last - d, i), "right border");
      }
    }
  }

  @Test
  void hasThreeFinderPatternsJustInsideTheQuietZone() {
    QrCode code = QrCode.encode("quintet-link:1:x");
    int q = QrCode.QUIET_ZONE;
    int far = code.size() - q - 7;
    int[][] corners = {{q, q}, {far, q}, {q, far}};
    for (int[] corner : corners) {
      for (int dy = 0; dy < 7; dy++) {
        for (int dx = 0; dx < 7; dx++) {
          int ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
          boolean expected = ring != 2; // dark 3×3 centre, light ring, dark outer ring
          assertEquals(expected, code.isDark(corner[0] + dx, corner[1] + dy),
              "finder at " + corner[0] + "," + corner[1] + " offset " + dx + "," + dy);
        }
      }
    }
  }

  @Test
  void usesErrorCorrectionLevelM() throws ReaderException {
    Result scan = Scans.scan(QrCode.encode(LINK_REQUEST).toImage(4));
    assertEquals("M", scan.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
  }

  @Test
  void acceptsExactlyTheMaximumLengthAndItStillScans() throws Exception {
    String longest = "A1b2-_:".repeat(200).substring(0, QrCode.MAX_PAYLOAD_LENGTH);
    QrCode code = QrCode.encode(longest);
    assertTrue(code.version() <= 40);
    assertEquals(longest, QrCode.decode(code.toImage(4)));
  }

  @Test
  void rejectsOversizedEmptyAndNonLatin1Payloads() {
    String tooLong = "a".repeat(QrCode.MAX_PAYLOAD_LENGTH + 1);
    assertThrows(IllegalArgumentException.class, () -> QrCode.encode(tooLong));
    assertThrows(IllegalArgumentException.class, () -> QrCode.encode(""));
    assertThrows(IllegalArgumentException.class, () -> QrCode.encode("price: 5\u20ac")); // €
    assertThrows(IllegalArgumentException.class, () -> QrCode.encode("hi \ud83d\ude00"));
    assertThrows(NullPointerException.class, () -> QrCode.encode(null));
  }

  @Test
  void rejectionMessagesDoNotEchoThePayload() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QrCode.encode("secret-\u20ac"));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertTrue(e.getMessage().contains("character 7 "), e.getMessage());
  }

  @Test
  void latin1PayloadsScanWithoutACharacterSetHint() throws Exception {
    // The ECI written for non-ASCII payloads tells any scanner how to read the bytes.
    String payload = "Gr\u00fc\u00dfe \u00bd \u00a9 \u00ff\u0000\u007f";
    QrCode code = QrCode.encode(payload);
    assertEquals(payload, QrCode.decode(code.toImage(4)));
    assertEquals(payload, Scans.scan(code.toImage(4)).getText());
  }

  @Test
  void equalPayloadsGiveEqualCodes() {
    QrCode a = QrCode.encode(LINK_REQUEST);
    QrCode b = QrCode.encode(LINK_REQUEST);
    QrCode c = QrCode.encode(LINK_REQUEST + "A");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, c);
  }

  @Test
  void toStringHidesThePayload() {
    String s = QrCode.encode("quintet-link:1:SECRETSECRET").toString();
    assertFalse(s.contains("SECRET"), s);
    assertTrue(s.startsWith("QrCode[version="), s);
  }

  @Test
  void isDarkChecksBounds() {
    QrCode code = QrCode.encode("x");
    assertThrows(IndexOutOfBoundsException.class, () -> code.isDark(code.size(), 0));
    assertThrows(IndexOutOfBoundsException.class, () -> code.isDark(0, -1));
  }
}
