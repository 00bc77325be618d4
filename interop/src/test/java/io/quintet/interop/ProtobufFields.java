package io.quintet.interop;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.BitSet;

/** Where the fields of a serialized Signal message lie, to aim (or not aim) tampering. */
final class ProtobufFields {
  private ProtobufFields() {}

  /**
   * The byte positions (tag and value) of every occurrence of field {@code number} in a
   * message laid out as version byte ‖ protobuf, as PreKey messages are.
   */
  static BitSet positionsOf(byte[] versionedMessage, int number) {
    BitSet positions = new BitSet();
    CodedInputStream in =
        CodedInputStream.newInstance(versionedMessage, 1, versionedMessage.length - 1);
    try {
      while (true) {
        int start = 1 + in.getTotalBytesRead();
        int tag = in.readTag();
        if (tag == 0) {
          return positions;
        }
        in.skipField(tag);
        if (tag >>> 3 == number) {
          positions.set(start, 1 + in.getTotalBytesRead());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a protobuf after the version byte", e);
    }
  }
}
