package io.quintet.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.quintet.core.internal.crypto.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The row sealer on its own: round trips, every bit authenticated, rows told apart. */
class SealerPropertiesTest {
  private final Sealer sealer = Sealer.keyed(StoreKey.of(Rng.bytes(32)));

  private static Gen<byte[]> values() {
    return Generate.byteArrays(integers().between(0, 300),
        integers().between(-128, 127).map(Integer::byteValue));
  }

  @Test
  void whatIsSealedOpensUnderTheSameRowAndNoOther() {
    qt().withExamples(200)
        .forAll(values(), strings().basicLatinAlphabet().ofLengthBetween(0, 8), integers().all())
        .checkAssert((value, account, device) -> {
          byte[] row = Sealer.rowId("quintet_sessions", account, device);
          byte[] sealed = sealer.seal(value, row);
          try {
            assertArrayEquals(value, sealer.open(sealed, row));
          } catch (StoreException e) {
            throw new AssertionError(e);
          }
          byte[] otherRow = Sealer.rowId("quintet_sessions", account, device + 1);
          assertEquals(StoreException.Reason.TAMPERED,
              assertThrows(StoreException.class, () -> sealer.open(sealed, otherRow)).reason());
        });
  }

  @Test
  void everySingleBitFlipIsDetected() {
    qt().withExamples(200)
        .forAll(values(), integers().between(0, Integer.MAX_VALUE))
        .checkAssert((value, position) -> {
          byte[] row = Sealer.rowId("quintet_device_state", "ns", "k");
          byte[] sealed = sealer.seal(value, row);
          int bit = position % (sealed.length * 8);
          sealed[bit / 8] ^= (byte) (1 << (bit % 8));
          assertThrows(StoreException.class, () -> sealer.open(sealed, row));
          assertThrows(StoreException.class,
              () -> sealer.open(Arrays.copyOf(sealed, position % sealed.length), row));
        });
  }

  @Test
  void sealingTheSameValueTwiceUsesFreshNonces() {
    byte[] row = Sealer.rowId("quintet_prekeys", 1);
    byte[] a = sealer.seal(new byte[] {1, 2, 3}, row);
    byte[] b = sealer.seal(new byte[] {1, 2, 3}, row);
    assertFalse(Arrays.equals(Arrays.copyOfRange(a, 1, 13), Arrays.copyOfRange(b, 1, 13)));
    assertEquals(1 + 12 + 3 + 16, a.length);
  }

  @Test
  void rowIdsAreUnambiguous() {
    assertFalse(Arrays.equals(Sealer.rowId("t", "a", "bc"), Sealer.rowId("t", "ab", "c")));
    assertFalse(Arrays.equals(Sealer.rowId("t", "a"), Sealer.rowId("t", "a", "")));
    assertFalse(Arrays.equals(Sealer.rowId("quintet_prekeys", 1),
        Sealer.rowId("quintet_signed_prekeys", 1)));
  }

  @Test
  void anUnsealedStoreRefusesSealedRowsAndTheOtherWayRound() throws Exception {
    Sealer plain = Sealer.plain();
    byte[] row = Sealer.rowId("quintet_sessions", "bob", 1);
    byte[] stored = plain.seal(new byte[] {7}, row);
    assertArrayEquals(new byte[] {7}, plain.open(stored, row));
    assertThrows(StoreException.class, () -> sealer.open(stored, row));
    assertThrows(StoreException.class, () -> plain.open(sealer.seal(new byte[] {7}, row), row));
    assertThrows(StoreException.class, () -> plain.open(new byte[0], row));
  }
}
