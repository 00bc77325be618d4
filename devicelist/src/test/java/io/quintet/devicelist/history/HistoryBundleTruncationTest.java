package io.quintet.devicelist.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.attachment.AttachmentException;
import io.quintet.devicelist.history.HistoryBundleException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bundle cut anywhere fails: the ciphertext at every record boundary and inside records (the
 * attachment layer), and, for a plaintext a faulty primary encrypted correctly but cut short,
 * at every record boundary (the end frame).
 */
class HistoryBundleTruncationTest {
  private static final List<HistoryRecord> RECORDS = Histories.records(11, 12, 300);

  /** Offsets in the plaintext where each frame ends: after the start, after each record. */
  private static List<Integer> frameEnds() {
    List<Integer> ends = new ArrayList<>();
    Histories.Frames f = new Histories.Frames().start();
    ends.add(f.size());
    for (HistoryRecord r : RECORDS) {
      ends.add(f.record(r).size());
    }
    return ends;
  }

  @Test
  void ciphertextCutAtEveryRecordBoundaryIsCorrupt() {
    Histories.Written w = Histories.write(RECORDS);
    assertTrue(w.ciphertext.length < (1 << 20), "one segment: ciphertext = 40-byte header + plaintext");
    for (int end : frameEnds()) {
      for (int delta : new int[] {-1, 0, 1}) {
        int cut = 40 + end + delta;
        assertFails(Reason.CORRUPT, w.bundle, Arrays.copyOf(w.ciphertext, cut), "cut at " + cut);
      }
    }
  }

  @Test
  void ciphertextCutAtEveryLengthIsCorrupt() {
    Histories.Written w = Histories.write(RECORDS.subList(0, 3));
    for (int cut = 0; cut < w.ciphertext.length; cut++) {
      HistoryBundleException e = assertFails(Reason.CORRUPT, w.bundle,
          Arrays.copyOf(w.ciphertext, cut), "cut at " + cut);
      assertTrue(e.getCause() instanceof AttachmentException);
    }
  }

  /** Validly encrypted, but the plaintext stops after k records: the missing end frame tells. */
  @Test
  void plaintextCutAtEveryRecordBoundaryIsTruncated() {
    Histories.Frames f = new Histories.Frames().start();
    for (int k = 0; k <= RECORDS.size(); k++) {
      Histories.Written cut = Histories.craft(f.bytes(), k);
      assertFails(Reason.TRUNCATED, cut.bundle, cut.ciphertext, "after " + k + " records");
      if (k < RECORDS.size()) {
        f.record(RECORDS.get(k));
      }
    }
    // The same with the end frame is a good bundle: the test above fails for the right reason.
    Histories.Written whole = Histories.craft(f.end(RECORDS.size()).bytes(), RECORDS.size());
    try {
      assertEquals(RECORDS, Histories.readAll(whole.bundle, whole.ciphertext));
    } catch (HistoryBundleException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void plaintextCutInsideAFrameIsTruncated() {
    byte[] full = new Histories.Frames().start().record(RECORDS.get(0)).end(1).bytes();
    int startEnd = frameEnds().get(0);
    for (int len = startEnd + 1; len < full.length; len++) {
      if (len == frameEnds().get(1)) {
        continue; // a record boundary, covered above
      }
      Histories.Written cut = Histories.craft(Arrays.copyOf(full, len), 1);
      HistoryBundleException e = assertThrows(HistoryBundleException.class,
          () -> Histories.readAll(cut.bundle, cut.ciphertext));
      assertTrue(e.reason() == Reason.TRUNCATED || e.reason() == Reason.COUNT_MISMATCH,
          len + ": " + e.reason());
    }
  }

  /** Records dropped from the middle, or counts that disagree: the end frame and descriptor tell. */
  @Test
  void missingRecordsOrWrongCountsAreCaught() {
    Histories.Frames dropped = new Histories.Frames().start();
    for (int i = 0; i < RECORDS.size(); i++) {
      if (i != 4) {
        dropped.record(RECORDS.get(i));
      }
    }
    Histories.Written d = Histories.craft(dropped.end(RECORDS.size()).bytes(), RECORDS.size());
    assertFails(Reason.COUNT_MISMATCH, d.bundle, d.ciphertext, "end says 12, 11 present");

    Histories.Written w = Histories.write(RECORDS);
    for (long claimed : new long[] {0, 11, 13}) {
      HistoryBundle lying = new HistoryBundle(w.bundle.pointer(), claimed);
      assertFails(Reason.COUNT_MISMATCH, lying, w.ciphertext, "descriptor says " + claimed);
    }
  }

  static HistoryBundleException assertFails(Reason reason, HistoryBundle bundle, byte[] ciphertext,
      String what) {
    HistoryBundleException e = assertThrows(HistoryBundleException.class,
        () -> Histories.readAll(bundle, ciphertext), what);
    assertEquals(reason, e.reason(), what + ": " + e.getMessage());
    return e;
  }
}
