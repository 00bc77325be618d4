package io.quintet.devicelist.internal.pake;

import io.quintet.core.testing.FuzzSeedsContract;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Seeds for {@link Spake2FuzzTest}: B's genuine share and MAC (for another code). */
class Spake2FuzzSeedsTest extends FuzzSeedsContract {
  @Override
  protected List<Seeds> seeds() {
    return List.of(new Seeds(Spake2FuzzTest.class, "peerMessages", Spake2FuzzSeedsTest::exchange,
        seed -> {
          if (seed.length != 1 + Spake2.SHARE_LENGTH + Spake2.MAC_LENGTH) {
            throw new AssertionError("not a share and a MAC");
          }
        }));
  }

  private static java.util.Map<String, byte[]> exchange() {
    byte[] idA = "companion".getBytes(StandardCharsets.US_ASCII);
    byte[] idB = "primary".getBytes(StandardCharsets.US_ASCII);
    Spake2Password pw = Spake2Password.derive("ZZZZ1111".getBytes(StandardCharsets.US_ASCII), idA, idB);
    Spake2 a = Spake2.partyA(idA, idB, pw, new byte[0]);
    Spake2 b = Spake2.partyB(idA, idB, pw, new byte[0]);
    byte[] shareA = a.start();
    byte[] shareB = b.start();
    try {
      byte[] macB = b.finish(shareA);
      byte[] out = new byte[1 + shareB.length + macB.length];
      out[0] = (byte) shareB.length;
      System.arraycopy(shareB, 0, out, 1, shareB.length);
      System.arraycopy(macB, 0, out, 1 + shareB.length, macB.length);
      return named("share-and-mac", out);
    } catch (PakeException e) {
      throw new IllegalStateException(e);
    }
  }
}
