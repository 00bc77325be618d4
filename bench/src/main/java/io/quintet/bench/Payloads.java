package io.quintet.bench;

import java.util.Random;

/** The same message bytes for every library: 1 KiB from a fixed seed. */
public final class Payloads {
  public static final int KIB = 1024;

  private Payloads() {}

  public static byte[] kib() {
    byte[] b = new byte[KIB];
    new Random(0x5157_4E54L).nextBytes(b);
    return b;
  }
}
