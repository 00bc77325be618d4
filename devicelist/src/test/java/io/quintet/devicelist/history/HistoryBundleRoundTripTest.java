package io.quintet.devicelist.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Histories written by the primary read back record for record on the companion. */
class HistoryBundleRoundTripTest {

  @Test
  void propertyRandomHistoriesRoundTrip() {
    qt().withExamples(60)
        .forAll(Generate.longRange(0, 1L << 40), Generate.range(0, 40), Generate.range(0, 3000))
        .checkAssert((seed, count, maxPayload) -> {
          Histories.Written w = Histories.write(Histories.records(seed, count, maxPayload));
          assertEquals((long) count, w.bundle.recordCount());
          try {
            HistoryBundle received = HistoryBundle.parse(w.bundle.serialize());
            assertEquals(w.bundle, received);
            assertEquals(w.records, Histories.readAll(received, w.ciphertext));
          } catch (HistoryBundleException e) {
            throw new AssertionError(e);
          }
        });
  }

  /** Several 1 MiB segments, with records straddling segment boundaries. */
  @Test
  void largeHistoryAcrossSegments() throws Exception {
    List<HistoryRecord> records = Histories.records(5, 40, 200_000);
    Histories.Written w = Histories.write(records);
    assertTrue(w.ciphertext.length > 3 << 20, "" + w.ciphertext.length);
    assertEquals(records, Histories.readAll(w.bundle, w.ciphertext));
  }

  @Test
  void emptyHistoryAndLargestRecord() throws Exception {
    Histories.Written empty = Histories.write(List.of());
    assertEquals(0, empty.bundle.recordCount());
    assertEquals(List.of(), Histories.readAll(empty.bundle, empty.ciphertext));

    HistoryRecord big = HistoryRecord.of("c", DeviceAddress.of(AccountId.of("a"), DeviceId.PRIMARY),
        Instant.EPOCH, 0, new byte[HistoryRecord.MAX_PAYLOAD_BYTES]);
    Histories.Written w = Histories.write(List.of(big, big));
    assertEquals(List.of(big, big), Histories.readAll(w.bundle, w.ciphertext));
  }

  @Test
  void recordsValidateTheirFields() {
    DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(3));
    Instant t = Instant.parse("2024-05-01T10:15:30.123456Z");
    HistoryRecord r = HistoryRecord.of("chat", bob, t, 7, new byte[] {1});
    assertEquals(Instant.parse("2024-05-01T10:15:30.123Z"), r.timestamp());
    assertThrows(IllegalArgumentException.class, () -> HistoryRecord.of("", bob, t, 1, new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> HistoryRecord.of("a\nb", bob, t, 1, new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> HistoryRecord.of("x".repeat(257), bob, t, 1, new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> HistoryRecord.of("c", bob, Instant.ofEpochMilli(-1), 1, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> HistoryRecord.of("c", bob, t, -1, new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> HistoryRecord.of("c", bob, t, 0x10000, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> HistoryRecord.of("c", bob, t, 1,
        new byte[HistoryRecord.MAX_PAYLOAD_BYTES + 1]));
    byte[] payload = {9, 9};
    HistoryRecord copy = HistoryRecord.of("c", bob, t, 1, payload);
    payload[0] = 0;
    assertEquals(9, copy.payload()[0]);
    assertTrue(!copy.toString().contains("9, 9"));
  }

  @Test
  void writerRefusesUseAfterFinishOrClose() throws Exception {
    HistoryRecord r = Histories.records(1, 1, 10).get(0);
    HistoryBundleWriter w = HistoryBundleWriter.create(new ByteArrayOutputStream());
    w.append(r);
    HistoryBundle b = w.finish();
    assertEquals(b, w.finish());
    assertThrows(IOException.class, () -> w.append(r));
    HistoryBundleWriter abandoned = HistoryBundleWriter.create(new ByteArrayOutputStream());
    abandoned.append(r);
    abandoned.close();
    assertThrows(IOException.class, () -> abandoned.append(r));
    assertThrows(IOException.class, abandoned::finish);
  }
}
