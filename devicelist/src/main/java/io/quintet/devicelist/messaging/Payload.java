package io.quintet.devicelist.messaging;

import io.quintet.core.Limits;
import io.quintet.core.attachment.AttachmentCipher;
import io.quintet.core.attachment.AttachmentException;
import io.quintet.core.attachment.AttachmentPointer;
import io.quintet.devicelist.history.HistoryBundle;
import io.quintet.devicelist.history.HistoryBundleException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What an app sends: a text, some bytes with a content type, or the pointer to an attachment
 * (photo, video, file) that was encrypted once and uploaded — only its key, digest, size and
 * media type travel in the message. Immutable.
 *
 * <pre>{@code
 * device.encrypt(List.of(bob), Payload.text("hello"));
 * device.encrypt(List.of(bob), Payload.data("application/vnd.example.reaction", bytes));
 * AttachmentPointer photo = AttachmentCipher.encrypt(in, upload, "image/jpeg", "cat.jpg");
 * device.encrypt(List.of(bob), Payload.attachment(photo));
 * }</pre>
 */
public final class Payload {
  /** The longest content type, in UTF-8 bytes. */
  public static final int MAX_CONTENT_TYPE_BYTES = 255;
  /** The largest payload carried inline; larger content goes as an attachment. */
  public static final int MAX_DATA_BYTES = Limits.MAX_PLAINTEXT_BYTES - 4096;

  /** How to read {@link #data()}. */
  public enum Kind {
    /** UTF-8 text. */
    TEXT,
    /** App-defined bytes, described by {@link #contentType()}. */
    DATA,
    /** A serialized attachment pointer (key, digest, sizes, media type). */
    ATTACHMENT,
    /** A history bundle's descriptor, from the primary to a newly linked companion only. */
    HISTORY
  }

  private final Kind kind;
  private final String contentType;
  private final byte[] data;

  Payload(Kind kind, String contentType, byte[] data) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.data = data.clone();
    if (contentType.getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_TYPE_BYTES) {
      throw new IllegalArgumentException("content type is longer than " + MAX_CONTENT_TYPE_BYTES);
    }
    if (data.length > MAX_DATA_BYTES) {
      throw new IllegalArgumentException("payload is larger than " + MAX_DATA_BYTES
          + " bytes; send it as an attachment");
    }
  }

  public static Payload text(String text) {
    return new Payload(Kind.TEXT, "text/plain; charset=utf-8",
        Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
  }

  public static Payload data(String contentType, byte[] data) {
    return new Payload(Kind.DATA, contentType, Objects.requireNonNull(data, "data"));
  }

  /**
   * A photo, video or file encrypted once with {@link AttachmentCipher} and uploaded: only the
   * pointer (key, ciphertext digest, sizes, media type, file name) travels in the message.
   */
  public static Payload attachment(AttachmentPointer pointer) {
    return new Payload(Kind.ATTACHMENT, pointer.mediaType(), pointer.serialize());
  }

  /** The descriptor of a history bundle (see {@link QuintetDevice#sendHistory}). */
  static Payload history(HistoryBundle bundle) {
    return new Payload(Kind.HISTORY, "application/vnd.quintet.history", bundle.serialize());
  }

  /**
   * The attachment pointer of an {@link Kind#ATTACHMENT} payload, to download and decrypt with
   * {@link AttachmentCipher}.
   *
   * @throws AttachmentException if the pointer is malformed
   */
  public AttachmentPointer attachmentPointer() throws AttachmentException {
    if (kind != Kind.ATTACHMENT) {
      throw new IllegalStateException("not an attachment payload");
    }
    return AttachmentPointer.parse(data);
  }

  /**
   * The history bundle of a {@link Kind#HISTORY} payload.
   *
   * @throws HistoryBundleException if the descriptor is malformed
   */
  public HistoryBundle historyBundle() throws HistoryBundleException {
    if (kind != Kind.HISTORY) {
      throw new IllegalStateException("not a history payload");
    }
    return HistoryBundle.parse(data);
  }

  public Kind kind() {
    return kind;
  }

  public String contentType() {
    return contentType;
  }

  public byte[] data() {
    return data.clone();
  }

  /** The text of a {@link Kind#TEXT} payload. */
  public String text() {
    if (kind != Kind.TEXT) {
      throw new IllegalStateException("not a text payload");
    }
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Payload)) {
      return false;
    }
    Payload p = (Payload) o;
    return p.kind == kind && p.contentType.equals(contentType) && Arrays.equals(p.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, contentType, Arrays.hashCode(data));
  }

  /** Kind, type and size only: message content stays out of logs. */
  @Override
  public String toString() {
    return "Payload[" + kind + ", " + contentType + ", " + data.length + " bytes]";
  }
}
