package io.quintet.core.wire;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.Limits;

/** Version bytes and size checks shared by the wire types. */
final class WireVersions {
  /** X3DH sessions (no post-quantum KEM). */
  static final int PRE_KYBER = 3;
  /** PQXDH sessions. */
  static final int CURRENT = 4;
  /** Sender-key messages. */
  static final int SENDER_KEY = 3;

  private WireVersions() {}

  /** The version byte libsignal writes: message version high, its current version low. */
  static byte versionByte(int messageVersion, int currentVersion) {
    return (byte) ((messageVersion << 4) | currentVersion);
  }

  static int check(byte[] serialized, int minLength, int min, int max, String what)
      throws InvalidMessageException {
    if (serialized == null || serialized.length < minLength) {
      throw new InvalidMessageException(what + " is too short");
    }
    if (serialized.length > Limits.MAX_MESSAGE_BYTES) {
      throw new InvalidMessageException(what + " is larger than " + Limits.MAX_MESSAGE_BYTES + " bytes");
    }
    int version = (serialized[0] & 0xFF) >>> 4;
    if (version < min) {
      throw new InvalidVersionException(what + " has legacy version " + version);
    }
    if (version > max) {
      throw new InvalidVersionException(what + " has unknown version " + version);
    }
    return version;
  }
}
