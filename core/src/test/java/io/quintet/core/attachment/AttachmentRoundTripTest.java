package io.quintet.core.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Encrypt then decrypt, three ways, over sizes on and around every segment boundary. */
class AttachmentRoundTripTest {
  private static final int SEGMENT = AttachmentFormat.STANDARD.ciphertextSegmentSize();
  private static final int PLAIN_SEGMENT = SEGMENT - AttachmentFormat.TAG_LENGTH;
  /** The first segment also carries the 40-byte header. */
  private static final int FIRST = PLAIN_SEGMENT - AttachmentFormat.HEADER_LENGTH;

  @Test
  void standardFormatAroundSegmentBoundaries() throws Exception {
    List<Integer> sizes = List.of(0, 1, 2, 1000, FIRST - 1, FIRST, FIRST + 1,
        FIRST + PLAIN_SEGMENT - 1, FIRST + PLAIN_SEGMENT, FIRST + PLAIN_SEGMENT + 1,
        FIRST + 3 * PLAIN_SEGMENT + 12_345);
    for (int size : sizes) {
      checkRoundTrip(Sealed.of(AttachmentEngine.STANDARD, size), AttachmentFormat.STANDARD);
    }
  }

  /** Segments of 64 bytes (8 plaintext bytes in the first, 48 in the others): every size up to 7 segments. */
  @Test
  void tinySegmentsEverySize() throws Exception {
    AttachmentFormat tiny = AttachmentFormat.withSegmentSizeForTesting(64);
    AttachmentEngine engine = new AttachmentEngine(tiny);
    for (int size = 0; size <= 300; size++) {
      checkRoundTrip(Sealed.of(engine, size), tiny);
    }
  }

  @Test
  void ciphertextLengthsAreTheFormatsAndTinksForAnySize() throws Exception {
    byte[] key = new byte[32];
    var tink = new com.google.crypto.tink.subtle.AesGcmHkdfStreaming(key, "HmacSha256", 32,
        SEGMENT, 0);
    qt().forAll(Generate.longRange(0, AttachmentPointer.MAX_PLAINTEXT_BYTES))
        .checkAssert(size -> assertEquals(tink.expectedCiphertextSize(size),
            AttachmentFormat.STANDARD.ciphertextSize(size)));
    assertEquals(56, AttachmentFormat.STANDARD.ciphertextSize(0)); // header + one empty tag
    assertEquals(SEGMENT, AttachmentFormat.STANDARD.ciphertextSize(FIRST));
    assertEquals(SEGMENT + 17, AttachmentFormat.STANDARD.ciphertextSize(FIRST + 1));
  }

  /** Random contents and sizes, written in random pieces, with random segment sizes. */
  @Test
  void propertyAnyChunkingAnySegmentSize() {
    qt().withExamples(150)
        .forAll(Generate.range(57, 300), Generate.range(0, 3000), Generate.longRange(0, 1L << 40))
        .checkAssert((segment, size, seed) -> {
          AttachmentEngine engine =
              new AttachmentEngine(AttachmentFormat.withSegmentSizeForTesting(segment));
          byte[] plain = Sealed.randomBytes(size, seed);
          ByteArrayOutputStream sink = new ByteArrayOutputStream();
          AttachmentPointer p;
          try (AttachmentOutputStream out = engine.newEncryptingStream(sink, "image/png", null)) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int at = 0; at < size; ) {
              int n = Math.min(size - at, r.nextInt(0, 200));
              if (n == 1 && r.nextBoolean()) {
                out.write(plain[at]);
              } else {
                out.write(plain, at, n);
              }
              at += n;
            }
            p = out.finish();
          } catch (IOException e) {
            throw new AssertionError(e);
          }
          byte[] blob = sink.toByteArray();
          assertEquals((long) size, p.plaintextSize());
          assertEquals(blob.length, p.ciphertextSize());
          try {
            assertArrayEquals(plain, Sealed.decryptStream(engine, p, blob));
            assertArrayEquals(plain, Sealed.decryptChannel(engine, p, blob));
          } catch (AttachmentException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void finishTwiceGivesTheSamePointerAndWritingAfterwardsFails() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    AttachmentOutputStream out = AttachmentCipher.newEncryptingStream(sink, "text/plain", null);
    out.write(new byte[] {1, 2, 3});
    AttachmentPointer p = out.finish();
    int written = sink.size();
    assertEquals(p, out.finish());
    assertEquals(written, sink.size());
    assertThrows(IOException.class, () -> out.write(4));
    out.close();
    assertEquals(false, p.isDestroyed()); // closing after finish leaves the pointer usable
  }

  @Test
  void closingWithoutFinishAbandonsTheAttachment() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    AttachmentOutputStream out = AttachmentCipher.newEncryptingStream(sink, "text/plain", null);
    out.write(new byte[3 * SEGMENT]);
    out.close();
    assertThrows(IOException.class, out::finish);
    assertThrows(IOException.class, () -> out.write(1));
    // The last segment was never written: the sink holds whole non-final segments only.
    assertEquals(0, sink.size() % SEGMENT);
    assertEquals(true, sink.size() < AttachmentFormat.STANDARD.ciphertextSize(3 * SEGMENT));
  }

  @Test
  void encryptRefusesBadMetadataBeforeWritingAnything() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    for (String badType : new String[] {null, "", "video", "video/", "/mp4", "vid eo/mp4",
        "video/mp4\n", "a/" + "b".repeat(300)}) {
      assertThrows(IllegalArgumentException.class,
          () -> AttachmentCipher.encrypt(InputStream.nullInputStream(), sink, badType, null),
          String.valueOf(badType));
    }
    for (String badName : new String[] {"", ".", "..", "a/b", "a\\b", "a\u0000b", "x\u202Egpj.exe",
        "n".repeat(256), "\uD800"}) {
      assertThrows(IllegalArgumentException.class,
          () -> AttachmentCipher.encrypt(InputStream.nullInputStream(), sink, "image/jpeg", badName),
          badName);
    }
    assertEquals(0, sink.size());
  }

  private static void checkRoundTrip(Sealed s, AttachmentFormat format) throws Exception {
    int size = s.plaintext.length;
    AttachmentPointer p = s.pointer;
    assertEquals((long) size, p.plaintextSize());
    assertEquals(s.blob.length, p.ciphertextSize(), "size " + size);
    assertEquals(format.ciphertextSize(size), p.ciphertextSize(), "size " + size);
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(s.blob), p.digest());
    assertEquals("video/mp4", p.mediaType());
    assertEquals(Optional.of("clip.mp4"), p.fileName());

    assertArrayEquals(s.plaintext, Sealed.decryptStream(s.engine, p, s.blob), "size " + size);
    assertArrayEquals(s.plaintext, Sealed.decryptChannel(s.engine, p, s.blob), "size " + size);
    try (InputStream in = s.engine.newDecryptingStream(p, new ByteArrayInputStream(s.blob))) {
      assertArrayEquals(s.plaintext, Sealed.drain(in, new ByteArrayOutputStream()));
      assertEquals(-1, in.read()); // stays at the end
    }
    AttachmentEngine.verifyDigest(new ByteArrayInputStream(s.blob), p.digest(), s.blob.length);
    if (format == AttachmentFormat.STANDARD) {
      AttachmentPointer parsed = AttachmentPointer.parse(p.serialize());
      assertEquals(p, parsed);
      assertArrayEquals(s.plaintext, Sealed.decryptStream(s.engine, parsed, s.blob));
    }
  }
}
