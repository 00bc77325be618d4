package io.quintet.devicelist.messaging;

import io.quintet.core.Limits;
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
 * }</pre>
 */
public final class Payload {
  /** The longest content type, in UTF-8 bytes. */
  public static final int MAX_CONTENT_TYPE_BYTES = 128;
  /** The largest payload carried inline; larger content goes as an attachment. */
  public static final int MAX_DATA_BYTES = Limits.MAX_PLAINTEXT_BYTES - 4096;

  /** How to read {@link #data()}. */
  public enum Kind {
    /** UTF-8 text. */
    TEXT,
    /** App-defined bytes, described by {@link #contentType()}. */
    DATA,
    /** A serialized attachment pointer (key, digest, sizes, media type). */
    ATTACHMENT
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

  /** An attachment pointer as its serialized bytes, with the attachment's media type. */
  public static Payload attachment(String mediaType, byte[] serializedPointer) {
    return new Payload(Kind.ATTACHMENT, mediaType, Objects.requireNonNull(serializedPointer, "pointer"));
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
