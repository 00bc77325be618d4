package io.quintet.ratchet;

import java.util.Objects;

/**
 * An encrypted pairwise message as it goes on the wire, with its type (apps carry the type in
 * their envelope, as Signal's servers do).
 *
 * <pre>{@code
 * CiphertextMessage out = cipher.encrypt(plaintext);
 * server.send(bob, out.type().wireValue(), out.serialize());
 * }</pre>
 */
public final class CiphertextMessage {
  /** The two pairwise message types, with Signal's envelope numbers. */
  public enum Type {
    /** An ordinary Double Ratchet message ({@code SignalMessage}). */
    WHISPER(2),
    /** A message that can also set up the session ({@code PreKeySignalMessage}). */
    PREKEY(3);

    private final int wireValue;

    Type(int wireValue) {
      this.wireValue = wireValue;
    }

    public int wireValue() {
      return wireValue;
    }

    /** The type for Signal's envelope number. */
    public static Type fromWireValue(int value) {
      for (Type t : values()) {
        if (t.wireValue == value) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown pairwise message type " + value);
    }
  }

  private final Type type;
  private final byte[] serialized;

  public CiphertextMessage(Type type, byte[] serialized) {
    this.type = Objects.requireNonNull(type, "type");
    this.serialized = Objects.requireNonNull(serialized, "serialized").clone();
  }

  public Type type() {
    return type;
  }

  public byte[] serialize() {
    return serialized.clone();
  }

  @Override
  public String toString() {
    return "CiphertextMessage[" + type + ", " + serialized.length + " bytes]";
  }
}
