package io.quintet.devicelist.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.WriterException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A QR code for a short text payload, such as the link request a new companion device shows
 * so that the account's primary device can scan it. Error correction level M (about 15% of
 * the symbol may be damaged) and a light quiet zone of {@value #QUIET_ZONE} modules on every
 * side, as the QR standard requires; encoding is ZXing's.
 *
 * <p>The module matrix includes the quiet zone: {@link #size()} is the symbol's side plus
 * {@code 2 × QUIET_ZONE}, and {@link #isDark(int, int)} is false all around the border.
 * Instances are immutable and thread-safe; two codes are equal when their matrices are.
 * {@link #toString()} never shows the payload, which may be secret.
 *
 * <pre>{@code
 * // New companion device: show the code.
 * QrCode code = QrCode.encode(linkRequest);   // e.g. "quintet-link:1:AbC-_x..."
 * System.out.print(code.toTerminal());        // a terminal with a dark background
 * ImageIO.write(code.toImage(8), "png", file); // or an 8-pixels-per-module picture
 *
 * // Primary device: read it back from a camera frame.
 * try {
 *   String request = QrCode.decode(frame);
 * } catch (QrDecodeException e) {
 *   // no readable code in this frame: try the next one
 * }
 * }</pre>
 *
 * <p>Terminal renderings are Java strings; the terminal must receive them as UTF-8 (for
 * example {@code -Dstdout.encoding=UTF-8} on Java 18+, or a UTF-8 locale) or the half blocks
 * turn into {@code ?}. {@link #toAscii()} avoids the issue at twice the height.
 */
public final class QrCode {
  /**
   * Longest payload, in characters. Any ISO-8859-1 string up to this length fits at level M
   * in version 26 or less (129 × 129 modules with the quiet zone: wide for a terminal, but
   * scannable); realistic link requests of about 300 characters take version 13.
   */
  public static final int MAX_PAYLOAD_LENGTH = 1000;

  /** Width of the light border around the symbol, in modules. */
  public static final int QUIET_ZONE = 4;

  /** Largest scale {@link #toImage(int)} accepts. */
  public static final int MAX_PIXELS_PER_MODULE = 32;

  /**
   * The background colour of the terminal a text rendering is meant for. A character's glyph
   * is drawn in the foreground colour, so which modules get a glyph depends on it: either way
   * the code appears dark-on-light with a light quiet zone, as phone cameras expect.
   */
  public enum Background {
    /** Light text on a dark background (many terminals' default): light modules are drawn. */
    DARK,
    /** Dark text on a light background: dark modules are drawn. */
    LIGHT
  }

  private static final int MASK_PATTERNS = 8;

  private static final char UPPER_HALF = '\u2580'; // ▀
  private static final char LOWER_HALF = '\u2584'; // ▄
  private static final char FULL_BLOCK = '\u2588'; // █

  private static final Map<DecodeHintType, Object> DECODE_HINTS =
      Map.of(
          DecodeHintType.TRY_HARDER, Boolean.TRUE,
          // A byte segment without an ECI is read as ISO-8859-1, the alphabet encode accepts.
          DecodeHintType.CHARACTER_SET, StandardCharsets.ISO_8859_1.name());

  private final int version;
  private final int size;
  private final boolean[] dark; // row-major, size × size, quiet zone included

  private QrCode(int version, int size, boolean[] dark) {
    this.version = version;
    this.size = size;
    this.dark = dark;
  }

  /**
   * Encodes a payload at error correction level M. The data mask is the one the QR standard's
   * penalty rules pick, unless ZXing's detector then fails on clean pictures of the code at 3
   * to 6 pixels per module; then it is the first other mask that it reads at all four scales.
   *
   * @param payload 1 to {@value #MAX_PAYLOAD_LENGTH} ISO-8859-1 characters (U+0000 to U+00FF);
   *     an ASCII payload such as a base64url link request is the common case
   * @throws IllegalArgumentException if the payload is empty, longer than {@value
   *     #MAX_PAYLOAD_LENGTH} characters or has a character outside ISO-8859-1: these are
   *     programming errors, since the caller builds the payload
   */
  public static QrCode encode(String payload) {
    Objects.requireNonNull(payload, "payload");
    if (payload.isEmpty()) {
      throw new IllegalArgumentException("payload is empty");
    }
    if (payload.length() > MAX_PAYLOAD_LENGTH) {
      throw new IllegalArgumentException(
          "payload has " + payload.length() + " characters, at most " + MAX_PAYLOAD_LENGTH);
    }
    boolean ascii = true;
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c > 0xff) {
        // ZXing would silently write '?'. The index, not the character: it may be secret.
        throw new IllegalArgumentException("payload character " + i + " is not ISO-8859-1");
      }
      ascii &= c < 0x80;
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    if (!ascii) {
      // An ECI declares ISO-8859-1 so that scanners need not guess; ASCII reads the same in
      // every guess, and without the ECI the code stays smallest and most widely readable.
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.ISO_8859_1.name());
    }
    com.google.zxing.qrcode.encoder.QRCode standard = symbol(payload, hints);
    QrCode code = fromSymbol(standard);
    if (ScanCheck.reads(code.dark, code.size, payload, DECODE_HINTS)) {
      return code;
    }
    // About 1 code in 70: the standard's mask fools ZXing's detector (see ScanCheck).
    for (int mask = 0; mask < MASK_PATTERNS; mask++) {
      if (mask == standard.getMaskPattern()) {
        continue;
      }
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
      QrCode masked = fromSymbol(symbol(payload, hints));
      if (ScanCheck.reads(masked.dark, masked.size, payload, DECODE_HINTS)) {
        return masked;
      }
    }
    return code; // still a valid code, which other scanners may read
  }

  private static com.google.zxing.qrcode.encoder.QRCode symbol(
      String payload, Map<EncodeHintType, Object> hints) {
    try {
      return Encoder.encode(payload, ErrorCorrectionLevel.M, hints);
    } catch (WriterException e) {
      throw new IllegalStateException("a payload within the documented limit did not fit", e);
    }
  }

  private static QrCode fromSymbol(com.google.zxing.qrcode.encoder.QRCode symbol) {
    ByteMatrix matrix = symbol.getMatrix();
    int size = matrix.getWidth() + 2 * QUIET_ZONE;
    boolean[] dark = new boolean[size * size];
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        dark[(y + QUIET_ZONE) * size + x + QUIET_ZONE] = matrix.get(x, y) == 1;
      }
    }
    return new QrCode(symbol.getVersion().getVersionNumber(), size, dark);
  }

  /**
   * Finds and reads a QR code in an image, such as a camera frame or {@link #toImage(int)}'s
   * output. About 3 pixels per module or more reads reliably. Codes are expected dark on
   * light; a light-on-dark one (a terminal rendering for the other {@link Background}) is
   * tried next, when no code is found the usual way.
   *
   * @return the payload; byte data without a declared character set is read as ISO-8859-1
   * @throws QrDecodeException if the image holds no QR code, or one damaged beyond repair
   */
  public static String decode(BufferedImage image) throws QrDecodeException {
    Objects.requireNonNull(image, "image");
    LuminanceSource source = new ImageLuminanceSource(image);
    try {
      try {
        return read(source);
      } catch (NotFoundException e) {
        return read(source.invert());
      }
    } catch (NotFoundException e) {
      throw new QrDecodeException("no QR code found in the image", e);
    } catch (ChecksumException e) {
      throw new QrDecodeException("the QR code is too damaged to read", e);
    } catch (FormatException e) {
      throw new QrDecodeException("the QR code is malformed", e);
    }
  }

  private static String read(LuminanceSource source)
      throws NotFoundException, ChecksumException, FormatException {
    // A reader per call: ZXing's readers are not thread-safe.
    return new QRCodeReader()
        .decode(new BinaryBitmap(new HybridBinarizer(source)), DECODE_HINTS)
        .getText();
  }

  /** The QR version, 1 to 40: the symbol has {@code 17 + 4 × version} modules per side. */
  public int version() {
    return version;
  }

  /** Modules per side, quiet zone included. */
  public int size() {
    return size;
  }

  /**
   * Whether a module is dark; (0, 0) is the top-left corner of the quiet zone.
   *
   * @throws IndexOutOfBoundsException unless both coordinates are in {@code [0, size())}
   */
  public boolean isDark(int x, int y) {
    Objects.checkIndex(x, size);
    Objects.checkIndex(y, size);
    return dark[y * size + x];
  }

  /** The same as {@link #toTerminal(Background) toTerminal(Background.DARK)}. */
  public String toTerminal() {
    return toTerminal(Background.DARK);
  }

  /**
   * Draws the code with the half blocks {@code ▀ ▄ █} and spaces, two module rows per line,
   * so that modules come out about square in a terminal's tall character cells. Every line,
   * the last included, ends with {@code '\n'}; with an odd {@link #size()} the last line's
   * lower half is an extra light row.
   *
   * @param background the terminal's background colour: it decides which modules get a glyph
   */
  public String toTerminal(Background background) {
    Objects.requireNonNull(background, "background");
    StringBuilder out = new StringBuilder((size + 1) * ((size + 1) / 2));
    for (int y = 0; y < size; y += 2) {
      for (int x = 0; x < size; x++) {
        boolean top = inked(x, y, background);
        boolean bottom = inked(x, y + 1, background);
        out.append(top ? (bottom ? FULL_BLOCK : UPPER_HALF) : (bottom ? LOWER_HALF : ' '));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The same as {@link #toAscii(Background) toAscii(Background.DARK)}. */
  public String toAscii() {
    return toAscii(Background.DARK);
  }

  /**
   * Draws the code in plain ASCII for terminals without Unicode: {@code "##"} for a drawn
   * module and two spaces otherwise, one line per module row, each ending with {@code '\n'}.
   *
   * @param background the terminal's background colour: it decides which modules get a glyph
   */
  public String toAscii(Background background) {
    Objects.requireNonNull(background, "background");
    StringBuilder out = new StringBuilder((2 * size + 1) * size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        out.append(inked(x, y, background) ? "##" : "  ");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Whether the glyph at (x, y) is drawn; the row below the last (y == size) is light. */
  private boolean inked(int x, int y, Background background) {
    boolean darkModule = y < size && dark[y * size + x];
    return darkModule == (background == Background.LIGHT);
  }

  /**
   * Renders the code, quiet zone included, as a black-and-white image of {@code size() ×
   * pixelsPerModule} pixels per side.
   *
   * @param pixelsPerModule 1 to {@value #MAX_PIXELS_PER_MODULE}
   * @return a new {@link BufferedImage#TYPE_BYTE_BINARY} image, black for dark modules
   * @throws IllegalArgumentException if the scale is out of range
   */
  public BufferedImage toImage(int pixelsPerModule) {
    if (pixelsPerModule < 1 || pixelsPerModule > MAX_PIXELS_PER_MODULE) {
      throw new IllegalArgumentException(
          "pixelsPerModule must be 1 to " + MAX_PIXELS_PER_MODULE + ", not " + pixelsPerModule);
    }
    int side = size * pixelsPerModule;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
    // The default two-colour palette has black at 0 and white at 1; a new raster is all 0.
    WritableRaster raster = image.getRaster();
    int[] whiteRun = new int[pixelsPerModule];
    Arrays.fill(whiteRun, 1);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (!dark[y * size + x]) {
          for (int dy = 0; dy < pixelsPerModule; dy++) {
            raster.setSamples(
                x * pixelsPerModule, y * pixelsPerModule + dy, pixelsPerModule, 1, 0, whiteRun);
          }
        }
      }
    }
    return image;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QrCode other && size == other.size && Arrays.equals(dark, other.dark);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dark);
  }

  @Override
  public String toString() {
    return "QrCode[version=" + version + ", size=" + size + "]";
  }
}
