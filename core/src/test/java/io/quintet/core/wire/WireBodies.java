package io.quintet.core.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.nio.ByteBuffer;
import java.util.UUID;

/** Test-side construction of sender-key wire bytes, independent of the classes under test. */
final class WireBodies {
  static final byte VERSION_3 = 0x33;

  private WireBodies() {}

  /** A protobuf body from (field number, value) pairs: Long → varint, byte[] → bytes. */
  static byte[] body(Object... numberValuePairs) {
    UnknownFieldSet.Builder b = UnknownFieldSet.newBuilder();
    for (int i = 0; i < numberValuePairs.length; i += 2) {
      int number = (Integer) numberValuePairs[i];
      Object v = numberValuePairs[i + 1];
      UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
      if (v instanceof Long) {
        f.addVarint((Long) v);
      } else {
        f.addLengthDelimited(ByteString.copyFrom((byte[]) v));
      }
      b.mergeField(number, f.build());
    }
    return b.build().toByteArray();
  }

  static byte[] uuid(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  static long u32(int unsigned) {
    return Integer.toUnsignedLong(unsigned);
  }

  /** version byte ‖ body ‖ signature. */
  static byte[] frame(byte version, byte[] body, byte[] signature) {
    byte[] out = new byte[1 + body.length + signature.length];
    out[0] = version;
    System.arraycopy(body, 0, out, 1, body.length);
    System.arraycopy(signature, 0, out, 1 + body.length, signature.length);
    return out;
  }

  static byte[] skm(UUID id, int chainId, int iteration, byte[] ciphertext) {
    return frame(
        VERSION_3,
        body(1, uuid(id), 2, u32(chainId), 3, u32(iteration), 4, ciphertext),
        new byte[SenderKeyMessage.SIGNATURE_LENGTH]);
  }

  static byte[] legacySkm(int chainId, int iteration, byte[] ciphertext) {
    return frame(
        VERSION_3,
        body(1, u32(chainId), 2, u32(iteration), 3, ciphertext),
        new byte[SenderKeyMessage.SIGNATURE_LENGTH]);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
