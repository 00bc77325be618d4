package io.quintet.core.keys;

import io.quintet.core.InvalidKeyException;

/** Prekey ids are unsigned 24-bit values, as Signal's servers allot them. */
final class PreKeyIds {
  static final int MAX = 0xFFFFFF;

  private PreKeyIds() {}

  static int check(int id) {
    if (id < 0 || id > MAX) {
      throw new IllegalArgumentException("prekey id must be 0.." + MAX + ", got " + id);
    }
    return id;
  }

  static int parsed(int id) throws InvalidKeyException {
    if (id < 0 || id > MAX) {
      throw new InvalidKeyException("prekey id out of range");
    }
    return id;
  }
}
