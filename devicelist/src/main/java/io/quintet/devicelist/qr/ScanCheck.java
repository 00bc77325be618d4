package io.quintet.devicelist.qr;

import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.detector.Detector;
import java.util.Map;

/**
 * Whether ZXing's own detector reads a freshly encoded symbol back. The mask the encoder picks
 * by the standard's penalty rules can still leave a finder-like pattern in the data (a dark
 * 1:1:3:1:1 run against the quiet zone, say), and ZXing's detector, which many scanning apps
 * use, then locks onto it and fails on a perfect picture; another mask avoids that.
 */
final class ScanCheck {
  private ScanCheck() {}

  /**
   * Pixels per module of the simulated pictures. Whether the detector is fooled depends on
   * the scale (it stops scanning once three candidates are confirmed, and the rows it samples
   * depend on the picture's height), so one scale is not enough.
   */
  private static final int[] SCALES = {3, 4, 5, 6};

  /**
   * @param dark the symbol with its quiet zone, row-major, {@code size × size}, true = dark
   */
  static boolean reads(boolean[] dark, int size, String payload, Map<DecodeHintType, ?> hints) {
    for (int scale : SCALES) {
      if (!readsAt(scale, dark, size, payload, hints)) {
        return false;
      }
    }
    return true;
  }

  private static boolean readsAt(
      int scale, boolean[] dark, int size, String payload, Map<DecodeHintType, ?> hints) {
    int side = size * scale;
    BitMatrix picture = new BitMatrix(side, side); // BitMatrix: set = dark
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (dark[y * size + x]) {
          picture.setRegion(x * scale, y * scale, scale, scale);
        }
      }
    }
    try {
      DetectorResult detected = new Detector(picture).detect(hints);
      DecoderResult decoded = new Decoder().decode(detected.getBits(), hints);
      return payload.equals(decoded.getText());
    } catch (ReaderException e) {
      return false;
    }
  }
}
