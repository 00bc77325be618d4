package io.quintet.devicelist.history;

import io.quintet.core.attachment.AttachmentCipher;
import io.quintet.core.attachment.AttachmentException;
import io.quintet.core.attachment.AttachmentStreamException;
import io.quintet.devicelist.history.HistoryBundleException.Reason;
import io.quintet.devicelist.internal.proto.HistoryProtos.HistoryFrame;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The companion's side of a history bundle: decrypts and yields the records one at a time, in
 * constant memory (a segment of ciphertext and one record). Every record comes from an
 * authenticated segment; {@link #next()} reports the end only after the end frame, with a
 * record count that matches the descriptor's, and after the attachment layer has checked the
 * ciphertext's length and digest. A bundle cut anywhere, even between two records, fails.
 *
 * <p>Records read before a failure must be discarded: import them in a transaction that
 * commits only once {@code next()} has returned empty. Not thread-safe.
 *
 * <pre>{@code
 * try (HistoryBundleReader reader = HistoryBundleReader.open(bundle, download)) {
 *   for (Optional<HistoryRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
 *     importTransaction.add(r.get());
 *   }
 *   importTransaction.commit();
 * }
 * }</pre>
 */
public final class HistoryBundleReader implements AutoCloseable {
  private final HistoryBundle bundle;
  private final InputStream plaintext;
  private final int maxPayloadBytes;
  private long recordCount;
  private boolean ended;
  private HistoryBundleException failure;

  private HistoryBundleReader(HistoryBundle bundle, InputStream plaintext, int maxPayloadBytes) {
    this.bundle = bundle;
    this.plaintext = plaintext;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** Opens a bundle with records of up to {@link HistoryRecord#MAX_PAYLOAD_BYTES}. */
  public static HistoryBundleReader open(HistoryBundle bundle, InputStream ciphertext)
      throws HistoryBundleException, IOException {
    return open(bundle, ciphertext, HistoryRecord.MAX_PAYLOAD_BYTES);
  }

  /**
   * Opens a bundle, refusing any record whose payload exceeds {@code maxPayloadBytes} (at most
   * {@link HistoryRecord#MAX_PAYLOAD_BYTES}), and reads its start frame. Closing the reader
   * closes {@code ciphertext}.
   *
   * @throws HistoryBundleException if the start frame is missing or of another version, or the
   *     bundle does not authenticate
   */
  public static HistoryBundleReader open(HistoryBundle bundle, InputStream ciphertext,
      int maxPayloadBytes) throws HistoryBundleException, IOException {
    Objects.requireNonNull(bundle, "bundle");
    if (maxPayloadBytes < 0 || maxPayloadBytes > HistoryRecord.MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "payload limit must be 0.." + HistoryRecord.MAX_PAYLOAD_BYTES);
    }
    HistoryBundle.checkFits(bundle.pointer(), bundle.recordCount());
    InputStream plain;
    try {
      plain = AttachmentCipher.newDecryptingStream(bundle.pointer(), ciphertext);
    } catch (AttachmentException e) {
      throw corrupt(e);
    }
    HistoryBundleReader reader =
        new HistoryBundleReader(bundle, new BufferedInputStream(plain, 64 * 1024), maxPayloadBytes);
    HistoryFrame start = reader.readFrame();
    if (start == null || !start.hasStart()) {
      throw reader.fail(Reason.MALFORMED, "bundle does not begin with a start frame");
    }
    if (start.getStart().getVersion() != HistoryFrames.VERSION) {
      throw reader.fail(Reason.MALFORMED,
          "unsupported history bundle version " + start.getStart().getVersion());
    }
    return reader;
  }

  /**
   * The next record, or empty once the whole bundle has been read and checked.
   *
   * @throws HistoryBundleException if the bundle is altered, cut, reordered, has a record over
   *     the limit, or its count disagrees; every later call throws again
   * @throws IOException if reading the ciphertext fails
   */
  public Optional<HistoryRecord> next() throws HistoryBundleException, IOException {
    if (failure != null) {
      throw new HistoryBundleException(failure.reason(), failure.getMessage(), failure);
    }
    if (ended) {
      return Optional.empty();
    }
    HistoryFrame frame = readFrame();
    if (frame == null) {
      throw fail(Reason.TRUNCATED, "bundle ends without its end frame");
    }
    switch (frame.getFrameCase()) {
      case RECORD:
        if (recordCount == bundle.recordCount()) {
          throw fail(Reason.COUNT_MISMATCH, "more records than the descriptor says");
        }
        HistoryRecord r = failOnError(() -> HistoryFrames.toRecord(frame.getRecord(),
            maxPayloadBytes));
        recordCount++;
        return Optional.of(r);
      case END:
        if (frame.getEnd().getRecordCount() != recordCount
            || recordCount != bundle.recordCount()) {
          throw fail(Reason.COUNT_MISMATCH, "bundle ends after " + recordCount
              + " records, its end frame says " + frame.getEnd().getRecordCount()
              + " and its descriptor " + bundle.recordCount());
        }
        // Reading past the end makes the attachment layer check length and digest.
        if (failOnError(() -> plaintext.read()) != -1) {
          throw fail(Reason.MALFORMED, "data after the end frame");
        }
        ended = true;
        return Optional.empty();
      default:
        throw fail(Reason.MALFORMED, "a second start frame");
    }
  }

  /** Records returned so far. */
  public long recordCount() {
    return recordCount;
  }

  @Override
  public void close() throws IOException {
    plaintext.close();
  }

  private HistoryFrame readFrame() throws HistoryBundleException, IOException {
    return failOnError(() -> HistoryFrames.read(plaintext,
        maxPayloadBytes + HistoryFrames.FRAME_OVERHEAD));
  }

  private interface Step<T> {
    T run() throws HistoryBundleException, IOException;
  }

  /** Runs a step; an attachment failure or a bad frame makes this reader fail for good. */
  private <T> T failOnError(Step<T> step) throws HistoryBundleException, IOException {
    try {
      return step.run();
    } catch (AttachmentStreamException e) {
      failure = corrupt(e.attachmentException());
      throw failure;
    } catch (HistoryBundleException e) {
      failure = e;
      throw e;
    }
  }

  private HistoryBundleException fail(Reason reason, String message) {
    failure = new HistoryBundleException(reason, message);
    return failure;
  }

  private static HistoryBundleException corrupt(AttachmentException e) {
    return new HistoryBundleException(Reason.CORRUPT,
        "encrypted bundle: " + e.getMessage(), e);
  }
}
