package io.quintet.core.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.quintet.core.attachment.AttachmentException.Reason;
import io.quintet.core.internal.proto.AttachmentProtos;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Parsing pointers received in messages: every field validated, nothing else accepted. */
class AttachmentPointerTest {
  private static final Sealed S = Sealed.of(AttachmentEngine.STANDARD, 5000);

  @Test
  void roundTripsWithAndWithoutName() throws Exception {
    assertEquals(S.pointer, AttachmentPointer.parse(S.pointer.serialize()));
    Sealed nameless = Sealed.of(AttachmentEngine.STANDARD, new byte[3], "audio/ogg", null);
    AttachmentPointer p = AttachmentPointer.parse(nameless.pointer.serialize());
    assertEquals(Optional.empty(), p.fileName());
    assertEquals("audio/ogg", p.mediaType());
    assertEquals(3, p.plaintextSize());
    assertArrayEquals(nameless.pointer.digest(), p.digest());
    assertTrue(p.serialize().length <= AttachmentPointer.MAX_SERIALIZED_BYTES);
  }

  @Test
  void longestFieldsStillFit() throws Exception {
    String type = "a".repeat(127) + "/" + "b".repeat(127);
    String name = "\u00e9".repeat(127) + "x"; // 255 UTF-8 bytes
    Sealed s = Sealed.of(AttachmentEngine.STANDARD, new byte[1], type, name);
    byte[] wire = s.pointer.serialize();
    assertTrue(wire.length <= AttachmentPointer.MAX_SERIALIZED_BYTES, "" + wire.length);
    assertEquals(s.pointer, AttachmentPointer.parse(wire));
  }

  @Test
  void equalityComparesEveryField() {
    AttachmentPointer p = S.pointer;
    assertEquals(p, new AttachmentPointer(p.key(), p.digest(), 5000, p.ciphertextSize(),
        "video/mp4", "clip.mp4"));
    assertNotEquals(p, new AttachmentPointer(AttachmentKey.generate(), p.digest(), 5000,
        p.ciphertextSize(), "video/mp4", "clip.mp4"));
    assertNotEquals(p, new AttachmentPointer(p.key(), new byte[32], 5000, p.ciphertextSize(),
        "video/mp4", "clip.mp4"));
    assertNotEquals(p, new AttachmentPointer(p.key(), p.digest(), 5000, p.ciphertextSize(),
        "video/mp4", null));
  }

  @Test
  void refusesEachBadField() {
    refuse(b -> b.setVersion(0), "version 0");
    refuse(b -> b.setVersion(2), "version 2");
    refuse(b -> b.setKey(ByteString.copyFrom(new byte[31])), "short key");
    refuse(b -> b.setKey(ByteString.copyFrom(new byte[33])), "long key");
    refuse(b -> b.clearKey(), "no key");
    refuse(b -> b.setDigest(ByteString.copyFrom(new byte[20])), "short digest");
    refuse(b -> b.clearDigest(), "no digest");
    refuse(b -> b.setPlaintextSize(-1), "plaintext size 2^64-1");
    refuse(b -> b.setPlaintextSize(AttachmentPointer.MAX_PLAINTEXT_BYTES + 1)
        .setCiphertextSize(AttachmentFormat.STANDARD.ciphertextSize(
            AttachmentPointer.MAX_PLAINTEXT_BYTES + 1)), "too large");
    refuse(b -> b.setPlaintextSize(5001), "sizes disagree");
    refuse(b -> b.setCiphertextSize(b.getCiphertextSize() - 1), "sizes disagree");
    refuse(b -> b.clearMediaType(), "no media type");
    refuse(b -> b.setMediaType("mp4"), "media type without subtype");
    refuse(b -> b.setMediaType("video/mp4\r\nX: y"), "media type with CRLF");
    refuse(b -> b.setMediaType("video/" + "a".repeat(250)), "media type too long");
    refuse(b -> b.setFileName(""), "empty name");
    refuse(b -> b.setFileName("../../etc/passwd"), "path");
    refuse(b -> b.setFileName("C:\\x"), "backslash");
    refuse(b -> b.setFileName(".."), "dot dot");
    refuse(b -> b.setFileName("evil\u202Egnp.js"), "right-to-left override");
    refuse(b -> b.setFileName("a\tb"), "tab");
    refuse(b -> b.setFileName("x".repeat(256)), "name too long");
  }

  @Test
  void refusesUnknownFieldsInvalidUtf8AndOversizedInput() throws Exception {
    byte[] good = S.pointer.serialize();
    byte[] extra = AttachmentProtos.AttachmentPointer.parseFrom(good).toBuilder()
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
        .build().toByteArray();
    assertMalformed(extra);
    // Field 6 (media type) as raw bytes that are not UTF-8.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(AttachmentProtos.AttachmentPointer.parseFrom(good).toBuilder()
        .clearMediaType().build().toByteArray());
    out.writeBytes(new byte[] {0x32, 3, 'a', '/', (byte) 0xC3});
    assertMalformed(out.toByteArray());
    assertMalformed(null);
    assertMalformed(new byte[0]);
    assertMalformed(new byte[AttachmentPointer.MAX_SERIALIZED_BYTES + 1]);
    assertMalformed(new byte[] {(byte) 0xFF});
  }

  /** Arbitrary bytes are either a pointer or an AttachmentException, nothing else. */
  @Test
  void garbageIsRefusedWithTheTypedException() {
    byte[] good = S.pointer.serialize();
    qt().withExamples(3000)
        .forAll(Generate.range(0, good.length - 1), Generate.range(0, 255), Generate.range(0, 3))
        .checkAssert((at, value, mode) -> {
          byte[] b;
          if (mode == 0) {
            b = good.clone();
            b[at] = (byte) value.intValue();
          } else if (mode == 1) {
            b = java.util.Arrays.copyOf(good, at);
          } else {
            b = Sealed.randomBytes(at, value);
          }
          try {
            AttachmentPointer p = AttachmentPointer.parse(b);
            assertEquals(p, AttachmentPointer.parse(p.serialize())); // a parsed pointer is sound
          } catch (AttachmentException e) {
            assertEquals(Reason.MALFORMED_POINTER, e.reason());
          }
        });
  }

  @Test
  void destroyedPointerCanNeitherSerializeNorDecrypt() throws Exception {
    Sealed s = Sealed.of(AttachmentEngine.STANDARD, 10);
    AttachmentPointer p = AttachmentPointer.parse(s.pointer.serialize());
    p.destroy();
    assertTrue(p.isDestroyed());
    assertTrue(p.key().isDestroyed());
    assertThrows(IllegalStateException.class, p::serialize);
    assertThrows(IllegalStateException.class, () -> AttachmentCipher.decrypt(p,
        new ByteArrayInputStream(s.blob), new ByteArrayOutputStream()));
  }

  private static void refuse(UnaryOperator<AttachmentProtos.AttachmentPointer.Builder> change,
      String what) {
    try {
      AttachmentProtos.AttachmentPointer.Builder b =
          AttachmentProtos.AttachmentPointer.parseFrom(S.pointer.serialize()).toBuilder();
      AttachmentException e = assertThrows(AttachmentException.class,
          () -> AttachmentPointer.parse(change.apply(b).build().toByteArray()), what);
      assertEquals(Reason.MALFORMED_POINTER, e.reason(), what);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertMalformed(byte[] b) {
    AttachmentException e = assertThrows(AttachmentException.class, () -> AttachmentPointer.parse(b));
    assertEquals(Reason.MALFORMED_POINTER, e.reason());
  }
}
