package io.quintet.devicelist.internal.pake;

/**
 * The cheapest Argon2id cost (8 KiB, one pass) for tests in other packages: same format and
 * inputs as production, milliseconds per derivation. Test code only.
 */
public final class TestPasswords {
  private TestPasswords() {}

  public static Spake2Password cheap(byte[] code, byte[] idA, byte[] idB) {
    return Spake2Password.derive(code, idA, idB, PakeGens.CHEAP);
  }
}
