package io.quintet.interop;

/**
 * One pairwise message in transit, as an envelope carries it: Signal's type number (2 for an
 * ordinary message, 3 for a PreKey message) and the serialized bytes. The common currency
 * between the three implementations under test.
 */
public record Wire(int type, byte[] bytes) {
  public static final int WHISPER = 2;
  public static final int PREKEY = 3;

  public Wire {
    if (type != WHISPER && type != PREKEY) {
      throw new IllegalArgumentException("not a pairwise message type: " + type);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The same message with one byte XORed with {@code mask}. */
  Wire withByteFlipped(int index, int mask) {
    byte[] b = bytes.clone();
    b[index] ^= (byte) mask;
    return new Wire(type, b);
  }

  @Override
  public String toString() {
    return (type == PREKEY ? "PreKey" : "Whisper") + "[" + bytes.length + " bytes]";
  }
}
