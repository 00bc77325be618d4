package io.quintet.core.attachment;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The rules for a pointer's text fields, shared by encryption and parsing. */
final class PointerFields {
  static final int MAX_MEDIA_TYPE_BYTES = 255;
  static final int MAX_FILE_NAME_BYTES = 255;

  /** RFC 6838 type and subtype names, then optional printable-ASCII parameters. */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
              + "(;[\\x20-\\x7E]*)?");

  private PointerFields() {}

  /** Null if {@code mediaType} is acceptable, else what is wrong with it. */
  static String mediaTypeProblem(String mediaType) {
    if (mediaType == null) {
      return "media type is missing";
    }
    // Length first, so the pattern only ever sees a short string.
    if (mediaType.length() > MAX_MEDIA_TYPE_BYTES) {
      return "media type is longer than " + MAX_MEDIA_TYPE_BYTES + " bytes";
    }
    if (!MEDIA_TYPE.matcher(mediaType).matches()) {
      return "media type is not of the form type/subtype";
    }
    return null;
  }

  /**
   * Null if {@code fileName} is acceptable, else what is wrong with it. A file name is shown to
   * the user and may be offered when saving, so path separators, "." and "..", control
   * characters and the bidirectional overrides used to disguise extensions are refused. Apps
   * must still treat it as untrusted text.
   */
  static String fileNameProblem(String fileName) {
    if (fileName == null) {
      return null;
    }
    if (fileName.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
      return "file name is not well-formed UTF-16";
    }
    int bytes = fileName.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_FILE_NAME_BYTES) {
      return "file name must be 1.." + MAX_FILE_NAME_BYTES + " UTF-8 bytes";
    }
    if (fileName.equals(".") || fileName.equals("..")) {
      return "file name must not be . or ..";
    }
    if (fileName.codePoints().anyMatch(PointerFields::forbiddenInFileName)) {
      return "file name contains a path separator or a control character";
    }
    return null;
  }

  private static boolean forbiddenInFileName(int cp) {
    return cp == '/'
        || cp == '\\'
        || Character.isISOControl(cp)
        || cp == 0x061C
        || cp == 0x200E
        || cp == 0x200F
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069);
  }
}
