package io.quintet.devicelist.qr;

import io.quintet.devicelist.qr.QrCode.Background;
import java.util.List;

/**
 * Reads {@link QrCode#toTerminal} and {@link QrCode#toAscii} output back into a module matrix
 * ({@code [y][x]}, true = dark), as a person looking at the terminal would see it. Written from
 * the documented format alone, so a drawing bug shows up as a wrong matrix or a failed scan.
 */
final class TerminalText {
  private TerminalText() {}

  /** Two module rows per line; the result has {@code 2 × lines} rows. */
  static boolean[][] parseHalfBlocks(String text, Background background) {
    List<String> lines = lines(text);
    int width = lines.get(0).length();
    boolean[][] dark = new boolean[2 * lines.size()][width];
    for (int line = 0; line < lines.size(); line++) {
      String s = lines.get(line);
      requireWidth(s, width, line);
      for (int x = 0; x < width; x++) {
        char c = s.charAt(x);
        boolean top;
        boolean bottom;
        switch (c) {
          case '\u2588' -> { top = true; bottom = true; }
          case '\u2580' -> { top = true; bottom = false; }
          case '\u2584' -> { top = false; bottom = true; }
          case ' ' -> { top = false; bottom = false; }
          default -> throw new AssertionError("unexpected character U+"
              + Integer.toHexString(c) + " at line " + line + ", column " + x);
        }
        dark[2 * line][x] = isDark(top, background);
        dark[2 * line + 1][x] = isDark(bottom, background);
      }
    }
    return dark;
  }

  /** One module row per line, two characters per module. */
  static boolean[][] parseAscii(String text, Background background) {
    List<String> lines = lines(text);
    int width = lines.get(0).length();
    if (width % 2 != 0) {
      throw new AssertionError("odd line width " + width);
    }
    boolean[][] dark = new boolean[lines.size()][width / 2];
    for (int y = 0; y < lines.size(); y++) {
      String s = lines.get(y);
      requireWidth(s, width, y);
      for (int x = 0; x < width / 2; x++) {
        String cell = s.substring(2 * x, 2 * x + 2);
        boolean inked = switch (cell) {
          case "##" -> true;
          case "  " -> false;
          default -> throw new AssertionError("unexpected cell '" + cell + "' at line " + y);
        };
        dark[y][x] = isDark(inked, background);
      }
    }
    return dark;
  }

  /** The code's own matrix, for comparison with a parsed one. */
  static boolean[][] matrixOf(QrCode code) {
    boolean[][] dark = new boolean[code.size()][code.size()];
    for (int y = 0; y < code.size(); y++) {
      for (int x = 0; x < code.size(); x++) {
        dark[y][x] = code.isDark(x, y);
      }
    }
    return dark;
  }

  // A glyph is drawn in the foreground colour: light on a dark background, dark on a light one.
  private static boolean isDark(boolean inked, Background background) {
    return inked == (background == Background.LIGHT);
  }

  private static List<String> lines(String text) {
    if (!text.endsWith("\n")) {
      throw new AssertionError("text does not end with a newline");
    }
    List<String> lines = text.substring(0, text.length() - 1).lines().toList();
    if (lines.isEmpty()) {
      throw new AssertionError("no lines");
    }
    return lines;
  }

  private static void requireWidth(String line, int width, int index) {
    if (line.length() != width) {
      throw new AssertionError("line " + index + " has " + line.length() + " columns, not "
          + width);
    }
  }
}
