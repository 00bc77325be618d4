package io.quintet.devicelist.internal.pake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The PAKE messages a relay delivers: the peer's share, then its confirmation MAC. Oracle:
 * only {@link PakeException}; a share that is accepted yields a key of {@link
 * Spake2#KEY_LENGTH} bytes only after a MAC that a fuzzer cannot produce. Input layout: one
 * byte n, then n bytes of share, then the MAC.
 */
class Spake2FuzzTest {
  private static final byte[] ID_A = "companion".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID_B = "primary".getBytes(StandardCharsets.US_ASCII);
  private static final Spake2Password PASSWORD =
      Spake2Password.derive("4K7Q9XMB".getBytes(StandardCharsets.US_ASCII), ID_A, ID_B);

  @FuzzTest
  void peerMessages(byte[] data) {
    int n = data.length == 0 ? 0 : Math.min(data[0] & 0xFF, data.length - 1);
    byte[] share = Arrays.copyOfRange(data, Math.min(1, data.length), Math.min(1 + n, data.length));
    byte[] mac = Arrays.copyOfRange(data, Math.min(1 + n, data.length), data.length);
    Spake2 a = Spake2.partyA(ID_A, ID_B, PASSWORD, new byte[0]);
    a.start();
    try {
      a.finish(share);
      byte[] key = a.verifyConfirmation(mac);
      assertEquals(Spake2.KEY_LENGTH, key.length);
      throw new AssertionError("a fuzzed confirmation verified");
    } catch (PakeException refused) {
      // expected
    } finally {
      a.destroy();
    }
  }
}
