package io.quintet.bench;

import java.util.List;

/**
 * Row 6: the serialized size of each side's session record after N messages, for each
 * library, as its own in-memory store holds it (libsignal: {@code SessionRecord.serialize()}).
 * Not a timing, so a plain main:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.quintet.bench.RecordSizes
 * </pre>
 *
 * <p>"After the handshake" is after the first message and its answer (N = 0 below). One-way:
 * Alice then sends N more; Bob's record is the receiving side. Ping-pong: N more messages in
 * alternating directions, each a DH ratchet step.
 */
public final class RecordSizes {
  private static final int[] COUNTS = {0, 1, 10, 100, 1000};
  private static final List<String> LIBRARIES = List.of("libsignal", "quintet", "spj");

  private RecordSizes() {}

  public static void main(String[] args) throws Exception {
    byte[] payload = Payloads.kib();
    System.out.println("| library | pattern | N | Alice (bytes) | Bob (bytes) |");
    System.out.println("|---|---|---:|---:|---:|");
    for (String name : LIBRARIES) {
      Library library = Library.named(name);
      for (String pattern : List.of("one-way", "ping-pong")) {
        for (int n : COUNTS) {
          Duo duo = library.duo();
          for (int i = 0; i < n; i++) {
            if (pattern.equals("one-way") || i % 2 == 0) {
              duo.aliceToBob(payload);
            } else {
              duo.bobToAlice(payload);
            }
          }
          System.out.printf(
              "| %s | %s | %d | %d | %d |%n",
              name, pattern, n, duo.aliceRecord().length, duo.bobRecord().length);
        }
      }
    }
  }
}
