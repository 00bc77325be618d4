package io.quintet.devicelist.history;

import io.quintet.core.attachment.AttachmentCipher;
import io.quintet.core.attachment.AttachmentOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The primary's side of a history bundle: appends past messages one by one and encrypts them
 * as they come (a fresh key, the attachment cipher, constant memory) into a sink the caller
 * owns, typically an upload to the app's server. {@link #finish()} seals the end and returns
 * the {@link HistoryBundle} to send to the companion through the pairwise session.
 *
 * <p>{@link #close()} without {@link #finish()} abandons the bundle (nothing that was written
 * decrypts). Neither closes the sink. Not thread-safe.
 *
 * <pre>{@code
 * HistoryBundle bundle;
 * try (HistoryBundleWriter writer = HistoryBundleWriter.create(upload)) {
 *   for (StoredMessage m : messageStore.recent(Duration.ofDays(90))) {
 *     writer.append(HistoryRecord.of(m.chat(), m.sender(), m.sentAt(), m.kind(), m.body()));
 *   }
 *   bundle = writer.finish();
 * }
 * }</pre>
 */
public final class HistoryBundleWriter implements AutoCloseable {
  private final AttachmentOutputStream attachment;
  private final OutputStream frames;
  private long recordCount;
  private HistoryBundle bundle;
  private boolean closed;

  private HistoryBundleWriter(AttachmentOutputStream attachment) {
    this.attachment = attachment;
    // Frames are small: gather them into segment-sized writes.
    this.frames = new BufferedOutputStream(attachment, 64 * 1024);
  }

  /** Starts a bundle written to {@code sink}. */
  public static HistoryBundleWriter create(OutputStream sink) throws IOException {
    HistoryBundleWriter w = new HistoryBundleWriter(
        AttachmentCipher.newEncryptingStream(sink, HistoryFrames.MEDIA_TYPE, null));
    HistoryFrames.writeStart(w.frames);
    return w;
  }

  /** Encrypts one more record. */
  public void append(HistoryRecord record) throws IOException {
    Objects.requireNonNull(record, "record");
    checkOpen();
    HistoryFrames.writeRecord(frames, record);
    recordCount++;
  }

  /** Records appended so far. */
  public long recordCount() {
    return recordCount;
  }

  /**
   * Writes the end frame (with the record count), the last segment, and returns the bundle's
   * descriptor. Calling it again returns the same descriptor.
   */
  public HistoryBundle finish() throws IOException {
    if (bundle != null) {
      return bundle;
    }
    checkOpen();
    HistoryFrames.writeEnd(frames, recordCount);
    frames.flush();
    bundle = new HistoryBundle(attachment.finish(), recordCount);
    return bundle;
  }

  /** After {@link #finish()}: nothing. Before: abandons the bundle and wipes its key. */
  @Override
  public void close() {
    closed = true;
    attachment.close();
  }

  private void checkOpen() throws IOException {
    if (bundle != null || closed) {
      throw new IOException("history bundle is already finished or closed");
    }
  }
}
