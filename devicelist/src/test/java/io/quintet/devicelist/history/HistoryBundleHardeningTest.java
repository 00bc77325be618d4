package io.quintet.devicelist.history;

import static io.quintet.devicelist.history.HistoryBundleTruncationTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.attachment.AttachmentCipher;
import io.quintet.core.attachment.AttachmentException;
import io.quintet.core.attachment.AttachmentPointer;
import io.quintet.devicelist.history.HistoryBundleException.Reason;
import io.quintet.devicelist.internal.proto.HistoryProtos;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Hostile bundles: oversized, malformed, reordered, under another key, or not bundles at all. */
class HistoryBundleHardeningTest {
  private static final List<HistoryRecord> RECORDS = Histories.records(3, 5, 2000);
  private static final HistoryRecord ONE = RECORDS.get(0);

  @Test
  void aRecordOverTheReadersLimitIsRefused() throws Exception {
    HistoryRecord big = HistoryRecord.of("c", DeviceAddress.of(AccountId.of("a"), DeviceId.PRIMARY),
        Instant.EPOCH, 1, new byte[5000]);
    Histories.Written w = Histories.write(List.of(ONE, big));
    HistoryBundleException e = assertThrows(HistoryBundleException.class,
        () -> Histories.readAll(w.bundle, w.ciphertext, 4999));
    assertEquals(Reason.RECORD_TOO_LARGE, e.reason());
    assertEquals(List.of(ONE, big), Histories.readAll(w.bundle, w.ciphertext, 5000));
    // A payload under the limit whose frame is over it is refused by its length prefix alone.
    HistoryBundleException f = assertThrows(HistoryBundleException.class,
        () -> Histories.readAll(w.bundle, w.ciphertext, 0));
    assertEquals(Reason.RECORD_TOO_LARGE, f.reason());
  }

  /** A length prefix claiming gigabytes is refused before anything is allocated. */
  @Test
  void hugeOrOverlongLengthPrefixes() {
    byte[] start = new Histories.Frames().start().bytes();
    crafted(Reason.RECORD_TOO_LARGE, concat(start, new byte[] {(byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, 0x07}));
    crafted(Reason.MALFORMED, concat(start, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, 0x00}));
    crafted(Reason.TRUNCATED, concat(start, new byte[] {(byte) 0x80}));
  }

  @Test
  void framesOutOfOrderOrUnknown() {
    crafted(Reason.MALFORMED, new Histories.Frames().record(ONE).end(1).bytes()); // no start
    crafted(Reason.MALFORMED, new byte[0]); // nothing at all
    crafted(Reason.MALFORMED, new Histories.Frames().start().start().end(0).bytes());
    crafted(Reason.MALFORMED, new Histories.Frames().start().end(0).record(ONE).bytes(), 0);
    crafted(Reason.MALFORMED, new Histories.Frames().start().end(0).raw(0).bytes(), 0);
    crafted(Reason.MALFORMED, new Histories.Frames().start().raw(2, 0x20, 0x01).bytes()); // unknown kind
    crafted(Reason.MALFORMED, new Histories.Frames().start().raw(0).bytes()); // empty frame
    crafted(Reason.MALFORMED, new Histories.Frames().start().raw(2, 0xFF, 0x01)
        .bytes()); // not protobuf
    HistoryProtos.HistoryFrame v2 = HistoryProtos.HistoryFrame.newBuilder()
        .setStart(HistoryProtos.HistoryStart.newBuilder().setVersion(2)).build();
    crafted(Reason.MALFORMED, concat(delimited(v2), new Histories.Frames().end(0).bytes()));
  }

  @Test
  void recordsWithBadFieldsAreMalformed() {
    badRecord(b -> b.setConversationId(""));
    badRecord(b -> b.setConversationId("a\u0007b"));
    badRecord(b -> b.setSenderAccount(""));
    badRecord(b -> b.setSenderAccount("x".repeat(300)));
    badRecord(b -> b.setSenderDevice(DeviceId.MAX + 1));
    badRecord(b -> b.setTimestampMillis(-1)); // 2^64 - 1 on the wire
    badRecord(b -> b.setKind(HistoryRecord.MAX_KIND + 1));
    badRecord(b -> b.setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
        .addField(42, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build())
        .build()));
  }

  @Test
  void reorderedOrMissingSegmentsAreCorrupt() {
    Histories.Written w = Histories.write(Histories.records(8, 30, 200_000));
    int seg = 1 << 20;
    assertTrue(w.ciphertext.length > 3 * seg);
    byte[] b = w.ciphertext;
    byte[] swapped = concat(Arrays.copyOfRange(b, 0, seg), Arrays.copyOfRange(b, 2 * seg, 3 * seg),
        Arrays.copyOfRange(b, seg, 2 * seg), Arrays.copyOfRange(b, 3 * seg, b.length));
    byte[] removed = concat(Arrays.copyOfRange(b, 0, seg), Arrays.copyOfRange(b, 2 * seg, b.length));
    byte[] lastRemoved = Arrays.copyOf(b, 3 * seg);
    for (byte[] bad : new byte[][] {swapped, removed, lastRemoved}) {
      HistoryBundleException e = assertFails(Reason.CORRUPT, w.bundle, bad, "segments");
      assertEquals(AttachmentException.class, e.getCause().getClass());
    }
  }

  @Test
  void anotherKeyOrAPlainAttachmentIsRefused() throws Exception {
    Histories.Written w = Histories.write(RECORDS);
    Histories.Written other = Histories.write(RECORDS);
    assertFails(Reason.CORRUPT, other.bundle, w.ciphertext, "another bundle's key");
    // A photo's pointer is not a bundle's, even with a valid-looking count.
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    AttachmentPointer photo = AttachmentCipher.encrypt(new ByteArrayInputStream(w.ciphertext),
        sink, "image/jpeg", null);
    byte[] descriptor = HistoryProtos.HistoryBundleDescriptor.newBuilder()
        .setAttachment(ByteString.copyFrom(photo.serialize())).setRecordCount(1).build()
        .toByteArray();
    HistoryBundleException e =
        assertThrows(HistoryBundleException.class, () -> HistoryBundle.parse(descriptor));
    assertEquals(Reason.MALFORMED, e.reason());
    HistoryBundleException o = assertThrows(HistoryBundleException.class,
        () -> HistoryBundleReader.open(new HistoryBundle(photo, 1),
            new ByteArrayInputStream(sink.toByteArray())));
    assertEquals(Reason.MALFORMED, o.reason());
  }

  @Test
  void descriptorsAreValidated() throws Exception {
    Histories.Written w = Histories.write(RECORDS);
    byte[] good = w.bundle.serialize();
    HistoryProtos.HistoryBundleDescriptor d = HistoryProtos.HistoryBundleDescriptor.parseFrom(good);
    for (byte[] bad : new byte[][] {
        null, new byte[0], new byte[HistoryBundle.MAX_SERIALIZED_BYTES + 1],
        d.toBuilder().setRecordCount(w.bundle.pointer().plaintextSize() + 1).build().toByteArray(),
        d.toBuilder().setRecordCount(-1).build().toByteArray(),
        d.toBuilder().setAttachment(ByteString.copyFrom(new byte[] {1, 2, 3})).build().toByteArray(),
        concat(good, new byte[] {(byte) 0xF8, 0x01, 0x01})}) { // unknown field 31
      HistoryBundleException e =
          assertThrows(HistoryBundleException.class, () -> HistoryBundle.parse(bad));
      assertEquals(Reason.MALFORMED, e.reason());
    }
    assertTrue(!w.bundle.toString().contains(java.util.HexFormat.of().formatHex(good)));
  }

  /** Arbitrary framing bytes, validly encrypted, never escape as anything but the typed exception. */
  @Test
  void propertyArbitraryPlaintextIsRefusedOrRead() {
    byte[] good = new Histories.Frames().start().record(ONE).record(RECORDS.get(1)).end(2).bytes();
    qt().withExamples(300)
        .forAll(Generate.range(0, good.length - 1), Generate.range(0, 255))
        .checkAssert((at, value) -> {
          byte[] b = good.clone();
          b[at] = (byte) value.intValue();
          Histories.Written w = Histories.craft(b, 2);
          try {
            List<HistoryRecord> read = Histories.readAll(w.bundle, w.ciphertext);
            assertEquals(2, read.size());
          } catch (HistoryBundleException e) {
            assertTrue(e.reason() != Reason.CORRUPT, "valid encryption: " + e.getMessage());
          }
        });
  }

  @Test
  void aFailedReaderStaysFailed() throws Exception {
    Histories.Written w = Histories.write(RECORDS);
    byte[] bad = w.ciphertext.clone();
    bad[bad.length - 5] ^= 1; // the last (only) segment's tag
    HistoryBundleException opening = assertThrows(HistoryBundleException.class,
        () -> HistoryBundleReader.open(w.bundle, new ByteArrayInputStream(bad)));
    assertEquals(Reason.CORRUPT, opening.reason());
    Histories.Written d = Histories.craft(new Histories.Frames().start().record(ONE).bytes(), 1);
    try (HistoryBundleReader r =
        HistoryBundleReader.open(d.bundle, new ByteArrayInputStream(d.ciphertext))) {
      assertEquals(Optional.of(ONE), r.next());
      assertEquals(Reason.TRUNCATED, assertThrows(HistoryBundleException.class, r::next).reason());
      assertEquals(Reason.TRUNCATED, assertThrows(HistoryBundleException.class, r::next).reason());
    }
  }

  private static void badRecord(UnaryOperator<HistoryProtos.HistoryRecord.Builder> change) {
    HistoryProtos.HistoryRecord rec = change.apply(HistoryFrames.toProto(ONE).toBuilder()).build();
    byte[] frame = delimited(HistoryProtos.HistoryFrame.newBuilder().setRecord(rec).build());
    crafted(Reason.MALFORMED, concat(new Histories.Frames().start().bytes(), frame,
        new Histories.Frames().end(1).bytes()));
  }

  private static void crafted(Reason reason, byte[] plaintext) {
    crafted(reason, plaintext, 1);
  }

  private static void crafted(Reason reason, byte[] plaintext, long count) {
    Histories.Written w = Histories.craft(plaintext, count);
    assertFails(reason, w.bundle, w.ciphertext, "crafted");
  }

  private static byte[] delimited(HistoryProtos.HistoryFrame frame) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      frame.writeDelimitedTo(out);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
