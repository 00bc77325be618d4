package io.quintet.devicelist.history;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.attachment.AttachmentException;
import io.quintet.core.attachment.AttachmentPointer;
import io.quintet.devicelist.history.HistoryBundleException.Reason;
import io.quintet.devicelist.internal.proto.HistoryProtos.HistoryBundleDescriptor;
import java.util.Objects;

/**
 * What a companion needs to read a history bundle: the pointer to the encrypted bundle (its
 * key, digest and sizes) and the number of records in it. Holds the bundle's key: send {@link
 * #serialize()} only inside the pairwise session with that companion. The encrypted bundle
 * itself goes to the server like any attachment.
 *
 * <pre>{@code
 * HistoryBundle bundle = writer.finish();                  // primary
 * session.send(companion, bundle.serialize());             // pairwise, end-to-end encrypted
 *
 * HistoryBundle received = HistoryBundle.parse(bytes);     // companion
 * HistoryBundleReader reader = HistoryBundleReader.open(received, server.download(...));
 * }</pre>
 */
public final class HistoryBundle {
  /** The longest serialized descriptor {@link #parse} reads. */
  public static final int MAX_SERIALIZED_BYTES = AttachmentPointer.MAX_SERIALIZED_BYTES + 32;

  private final AttachmentPointer pointer;
  private final long recordCount;

  HistoryBundle(AttachmentPointer pointer, long recordCount) {
    this.pointer = Objects.requireNonNull(pointer, "pointer");
    this.recordCount = recordCount;
  }

  /**
   * Parses and validates a descriptor received from the primary.
   *
   * @throws HistoryBundleException with {@link Reason#MALFORMED} if it is not well-formed, its
   *     pointer is not a valid pointer to a history bundle, or the count cannot fit the size
   */
  public static HistoryBundle parse(byte[] serialized) throws HistoryBundleException {
    if (serialized == null || serialized.length > MAX_SERIALIZED_BYTES) {
      throw malformed("descriptor is missing or too long");
    }
    HistoryBundleDescriptor d;
    try {
      d = HistoryBundleDescriptor.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw malformed("descriptor is not a well-formed protobuf");
    }
    if (!d.getUnknownFields().asMap().isEmpty()) {
      throw malformed("descriptor has unknown fields");
    }
    AttachmentPointer pointer;
    try {
      pointer = AttachmentPointer.parse(d.getAttachment().toByteArray());
    } catch (AttachmentException e) {
      throw new HistoryBundleException(Reason.MALFORMED, "descriptor's pointer: " + e.getMessage(),
          e);
    }
    checkFits(pointer, d.getRecordCount());
    return new HistoryBundle(pointer, d.getRecordCount());
  }

  /** Every record takes at least a byte, and the pointer must be a history bundle's. */
  static void checkFits(AttachmentPointer pointer, long recordCount)
      throws HistoryBundleException {
    if (!pointer.mediaType().equals(HistoryFrames.MEDIA_TYPE)) {
      throw malformed("pointer is not to a history bundle");
    }
    if (recordCount < 0 || recordCount > pointer.plaintextSize()) {
      throw malformed("record count does not fit the bundle's size");
    }
  }

  /** The protobuf encoding. Secret (it holds the key): only inside the pairwise session. */
  public byte[] serialize() {
    return HistoryBundleDescriptor.newBuilder()
        .setAttachment(ByteString.copyFrom(pointer.serialize()))
        .setRecordCount(recordCount)
        .build().toByteArray();
  }

  /** The encrypted bundle's pointer: its digest and size are what the server may be told. */
  public AttachmentPointer pointer() {
    return pointer;
  }

  public long recordCount() {
    return recordCount;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistoryBundle
        && ((HistoryBundle) o).recordCount == recordCount
        && ((HistoryBundle) o).pointer.equals(pointer);
  }

  @Override
  public int hashCode() {
    return pointer.hashCode() * 31 + Long.hashCode(recordCount);
  }

  @Override
  public String toString() {
    return "HistoryBundle[" + recordCount + " records, " + pointer + "]";
  }

  private static HistoryBundleException malformed(String message) {
    return new HistoryBundleException(Reason.MALFORMED, message);
  }
}
