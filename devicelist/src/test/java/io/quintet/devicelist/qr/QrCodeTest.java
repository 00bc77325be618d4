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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  // Found by QrPropertiesTest: with the standard's mask, ZXing's detector takes a finder-like
  // pattern in the data for a finder pattern and fails on perfect pictures of these codes.
  private static final String MISREAD_AT_ALL_SCALES =
      "3__v4pTJNK_8wEsV9Q760-mhpLrpxEnKWL5H8srLnt10PqknyXMxMuJP8KdDpZAW56re:LDJMTakDVA7ggfOTTu"
          + "12kwmCBeLeWxMlSNNvQ8JqW1NmDTXZmODxZtNcgbj6_uz7ul2Qa6L4lm72bUym6ISBQuKga4y0L5cNqw";
  // And this one, after a fix that checked a single scale, still failed from 5 px up.
  private static final String MISREAD_AT_SOME_SCALES =
      "OG-KH6NFhVJgRrBr1nrUj5zdNQ9Grws:naxPvP87JJd3oVF5-Eh7pMUCQT5:X-7o2wyJa7Vc0hFpFh:w8QxOMf"
          + "AWIHvNmGQ3SFqSGUiXDm-ealW2hN5aAtHi1d-bWKTJ0Qq15nM8Z5U7mY:_7VfCDlVmKHHcecsSGn9uWUhR4o"
          + "jDBtt2xNGoQ2xV1edL1voiDhG3hj6IEsiWGPTuVM7vsHILm459VN96aVk0a8mThigaV7Sqpa8cLqlSCoLx9a"
          + "v8QtZxjGGVS3KNBoF60m_WkgRZgDA5dFRV:7T:7DOBMGT8Mg1agLYc7l73eSySsK3W:Rbm9_IIEr3sThlzeHM"
          + "GVX2kP5lgKW2-ih-yBN50kXMhI1PfG";

  @ParameterizedTest
  @ValueSource(strings = {MISREAD_AT_ALL_SCALES, MISREAD_AT_SOME_SCALES})
  void picksAMaskZxingReadsAtEveryScale(String payload) throws Exception {
    QrCode code = QrCode.encode(payload);
    for (int ppm = 3; ppm <= 12; ppm++) {
      assertEquals(payload, QrCode.decode(code.toImage(ppm)), "at " + ppm + " px per module");
      assertEquals(payload, Scans.scan(code.toImage(ppm)).getText(), "at " + ppm + " px");
    }
  }

  @Test
  void aMisreadCodeGetsAnotherMaskThanTheStandards() throws WriterException {
    // The standard's choice is kept when it reads: see matchesZxingWritersRendering...
    assertFalse(sameModules(QrCode.encode(MISREAD_AT_ALL_SCALES), MISREAD_AT_ALL_SCALES));
  }

  private static boolean sameModules(QrCode code, String payload) throws WriterException {
    BitMatrix standard = writerRendering(payload);
    boolean same = standard.getWidth() == code.size();
    for (int y = 0; same && y < code.size(); y++) {
      for (int x = 0; x < code.size(); x++) {
        same &= standard.get(x, y) == code.isDark(x, y);
      }
    }
    return same;
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
