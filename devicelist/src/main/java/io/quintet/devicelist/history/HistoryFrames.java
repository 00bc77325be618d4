package io.quintet.devicelist.history;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.devicelist.history.HistoryBundleException.Reason;
import io.quintet.devicelist.internal.proto.HistoryProtos;
import io.quintet.devicelist.internal.proto.HistoryProtos.HistoryEnd;
import io.quintet.devicelist.internal.proto.HistoryProtos.HistoryFrame;
import io.quintet.devicelist.internal.proto.HistoryProtos.HistoryStart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * The framing of a bundle's plaintext: each frame a varint length then a {@code HistoryFrame};
 * one start, the records, one end. Reading never allocates more than one frame, and never more
 * than the reader's limit, whatever a length prefix claims.
 */
final class HistoryFrames {
  static final int VERSION = 1;

  /** The bundle's media type, bound into its encryption: no other attachment passes for one. */
  static final String MEDIA_TYPE = "application/vnd.quintet.history-bundle+protobuf";

  /** Room in a frame for everything but the payload (ids, numbers, tags and lengths). */
  static final int FRAME_OVERHEAD = 1024;

  private static final int MAX_VARINT_BYTES = 5;

  private HistoryFrames() {}

  static void writeStart(OutputStream out) throws IOException {
    HistoryFrame.newBuilder().setStart(HistoryStart.newBuilder().setVersion(VERSION))
        .build().writeDelimitedTo(out);
  }

  static void writeRecord(OutputStream out, HistoryRecord r) throws IOException {
    HistoryFrame.newBuilder().setRecord(toProto(r)).build().writeDelimitedTo(out);
  }

  static void writeEnd(OutputStream out, long recordCount) throws IOException {
    HistoryFrame.newBuilder().setEnd(HistoryEnd.newBuilder().setRecordCount(recordCount))
        .build().writeDelimitedTo(out);
  }

  static HistoryProtos.HistoryRecord toProto(
      HistoryRecord r) {
    return HistoryProtos.HistoryRecord.newBuilder()
        .setConversationId(r.conversationId())
        .setSenderAccount(r.sender().account().value())
        .setSenderDevice(r.sender().device().value())
        .setTimestampMillis(r.timestamp().toEpochMilli())
        .setKind(r.kind())
        .setPayload(ByteString.copyFrom(r.payloadUnsafe()))
        .build();
  }

  /**
   * Reads one frame, or returns null if the plaintext ends cleanly before it.
   *
   * @throws HistoryBundleException if the length exceeds {@code maxFrameBytes}, the plaintext
   *     ends inside the frame, or the frame does not parse
   */
  static HistoryFrame read(InputStream in, int maxFrameBytes)
      throws HistoryBundleException, IOException {
    int b = in.read();
    if (b == -1) {
      return null;
    }
    long length = 0;
    for (int i = 0; ; i++) {
      length |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        break;
      }
      if (i == MAX_VARINT_BYTES - 1) {
        throw new HistoryBundleException(Reason.MALFORMED, "frame length is not a 32-bit varint");
      }
      b = in.read();
      if (b == -1) {
        throw new HistoryBundleException(Reason.TRUNCATED, "bundle ends inside a frame length");
      }
    }
    if (length > maxFrameBytes) {
      throw new HistoryBundleException(Reason.RECORD_TOO_LARGE,
          "frame of " + length + " bytes exceeds the limit of " + maxFrameBytes);
    }
    byte[] frame = in.readNBytes((int) length);
    if (frame.length != length) {
      throw new HistoryBundleException(Reason.TRUNCATED, "bundle ends inside a frame");
    }
    try {
      HistoryFrame f = HistoryFrame.parseFrom(frame);
      if (!f.getUnknownFields().asMap().isEmpty()
          || f.getFrameCase() == HistoryFrame.FrameCase.FRAME_NOT_SET) {
        throw new HistoryBundleException(Reason.MALFORMED, "frame of an unknown kind");
      }
      return f;
    } catch (InvalidProtocolBufferException e) {
      throw new HistoryBundleException(Reason.MALFORMED, "frame is not a well-formed protobuf");
    }
  }

  /** Validates a record frame into a {@link HistoryRecord}. */
  static HistoryRecord toRecord(HistoryProtos.HistoryRecord p,
      int maxPayloadBytes) throws HistoryBundleException {
    if (!p.getUnknownFields().asMap().isEmpty()) {
      throw malformed("record has unknown fields");
    }
    if (p.getPayload().size() > maxPayloadBytes) {
      throw new HistoryBundleException(Reason.RECORD_TOO_LARGE,
          "record payload of " + p.getPayload().size() + " bytes exceeds " + maxPayloadBytes);
    }
    String problem = HistoryRecord.conversationIdProblem(p.getConversationId());
    if (problem != null) {
      throw malformed(problem);
    }
    if (p.getSenderDevice() < 0 || p.getSenderDevice() > DeviceId.MAX) {
      throw malformed("sender device id is out of range");
    }
    if (p.getTimestampMillis() < 0) {
      throw malformed("timestamp is out of range");
    }
    if (p.getKind() < 0 || p.getKind() > HistoryRecord.MAX_KIND) {
      throw malformed("message kind is out of range");
    }
    AccountId account;
    try {
      account = AccountId.of(p.getSenderAccount());
    } catch (IllegalArgumentException e) {
      throw malformed("sender account is not a valid account id");
    }
    return HistoryRecord.of(p.getConversationId(),
        DeviceAddress.of(account, DeviceId.of(p.getSenderDevice())),
        Instant.ofEpochMilli(p.getTimestampMillis()), p.getKind(), p.getPayload().toByteArray());
  }

  private static HistoryBundleException malformed(String message) {
    return new HistoryBundleException(Reason.MALFORMED, message);
  }
}
