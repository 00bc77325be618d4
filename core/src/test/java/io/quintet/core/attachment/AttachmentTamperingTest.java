package io.quintet.core.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Altered, truncated, extended and reordered blobs. Most cases use 64-byte segments (8
 * plaintext bytes in the first, 48 in the others) so every byte of many segments can be hit;
 * a sample runs on the real 1 MiB format.
 */
class AttachmentTamperingTest {
  private static final AttachmentFormat TINY_FORMAT = AttachmentFormat.withSegmentSizeForTesting(64);
  private static final AttachmentEngine TINY = new AttachmentEngine(TINY_FORMAT);
  private static final int SEG = 64;
  /** 8 + 4 × 48: five segments, the last one full. */
  private static final Sealed FIVE = Sealed.of(TINY, 200);
  /** Six segments, the last one holding 5 bytes. */
  private static final Sealed SIX = Sealed.of(TINY, 205);

  @Test
  void everySingleByteFlipFailsBothWaysAndHandsOutNothingFromTheBadSegment() throws Exception {
    for (Sealed s : new Sealed[] {FIVE, SIX, Sealed.of(TINY, 0), Sealed.of(TINY, 7)}) {
      for (int at = 0; at < s.blob.length; at++) {
        for (int mask : new int[] {0x01, 0x80, 0xFF}) {
          byte[] bad = s.blob.clone();
          bad[at] ^= (byte) mask;
          ByteArrayOutputStream seen = new ByteArrayOutputStream();
          AttachmentStreamException e = assertThrows(AttachmentStreamException.class,
              () -> Sealed.drain(s.engine.newDecryptingStream(s.pointer,
                  new ByteArrayInputStream(bad)), seen), "flip at " + at);
          assertEquals(Reason.AUTHENTICATION_FAILED, e.reason(), "flip at " + at);
          // Only whole segments before the altered one may have come out, and unaltered.
          int good = plaintextBefore(segmentOf(at));
          assertTrue(seen.size() <= good, "flip at " + at + " leaked " + seen.size());
          assertArrayEquals(Arrays.copyOf(s.plaintext, seen.size()), seen.toByteArray());
          assertFails(Reason.AUTHENTICATION_FAILED,
              () -> Sealed.decryptChannel(TINY, s.pointer, bad), "channel, flip at " + at);
        }
      }
    }
  }

  /** Random access reads of the other segments still work; the altered one fails when read. */
  @Test
  void anAlteredSegmentFailsWhenReadAndOnlyThen() throws Exception {
    Sealed s = SIX;
    int segments = (s.blob.length + SEG - 1) / SEG;
    for (int bad = 1; bad < segments; bad++) {
      byte[] blob = s.blob.clone();
      blob[bad * SEG + 3] ^= 1;
      for (int read = 0; read < segments; read++) {
        int from = plaintextBefore(read);
        int to = Math.min(plaintextBefore(read + 1), s.plaintext.length);
        try (SeekableByteChannel ch =
            TINY.newSeekableDecryptingChannel(s.pointer, new BytesChannel(blob))) {
          ByteBuffer buf = ByteBuffer.allocate(to - from);
          ch.position(from);
          if (read == bad) {
            AttachmentStreamException e =
                assertThrows(AttachmentStreamException.class, () -> ch.read(buf));
            assertEquals(Reason.AUTHENTICATION_FAILED, e.reason());
            assertEquals(0, buf.position());
            assertThrows(AttachmentStreamException.class, () -> ch.read(buf)); // stays failed
          } else {
            while (buf.hasRemaining()) {
              ch.read(buf);
            }
            assertArrayEquals(Arrays.copyOfRange(s.plaintext, from, to), buf.array());
          }
        }
      }
    }
  }

  /** Every shorter blob fails, whether the pointer is the real one or forged to fit the length. */
  @Test
  void truncationAnywhereFails() throws Exception {
    for (Sealed s : new Sealed[] {FIVE, SIX}) {
      for (int len = 0; len < s.blob.length; len++) {
        byte[] cut = Arrays.copyOf(s.blob, len);
        assertFails(EnumSet.of(Reason.AUTHENTICATION_FAILED, Reason.SIZE_MISMATCH),
            () -> Sealed.decryptStream(TINY, s.pointer, cut), "stream, cut at " + len);
        assertFails(EnumSet.of(Reason.SIZE_MISMATCH),
            () -> Sealed.decryptChannel(TINY, s.pointer, cut), "channel, cut at " + len);
        AttachmentPointer fitted = fittedPointer(s.pointer, cut);
        if (fitted != null) { // sizes and digest made to fit: only the tags can tell
          assertFails(Reason.AUTHENTICATION_FAILED,
              () -> Sealed.decryptStream(TINY, fitted, cut), "forged stream, cut at " + len);
          assertFails(Reason.AUTHENTICATION_FAILED,
              () -> Sealed.decryptChannel(TINY, fitted, cut), "forged channel, cut at " + len);
        }
      }
    }
  }

  @Test
  void extendedBlobsFail() throws Exception {
    for (byte[] extra : new byte[][] {{0}, new byte[SEG], Arrays.copyOfRange(FIVE.blob, SEG, 2 * SEG)}) {
      byte[] longer = concat(FIVE.blob, extra);
      assertFails(Reason.SIZE_MISMATCH, () -> Sealed.decryptStream(TINY, FIVE.pointer, longer), "");
      assertFails(Reason.SIZE_MISMATCH, () -> Sealed.decryptChannel(TINY, FIVE.pointer, longer), "");
      AttachmentPointer fitted = fittedPointer(FIVE.pointer, longer);
      if (fitted != null) {
        assertFails(Reason.AUTHENTICATION_FAILED,
            () -> Sealed.decryptStream(TINY, fitted, longer), "forged, extended");
      }
    }
  }

  @Test
  void reorderedDroppedOrRepeatedSegmentsFail() throws Exception {
    byte[] b = FIVE.blob; // segments 1..4 are whole 64-byte segments
    byte[] swapped = concat(seg(b, 0), seg(b, 2), seg(b, 1), seg(b, 3), seg(b, 4));
    byte[] dropped = concat(seg(b, 0), seg(b, 1), seg(b, 3), seg(b, 4));
    byte[] repeated = concat(seg(b, 0), seg(b, 1), seg(b, 1), seg(b, 3), seg(b, 4));
    byte[] lastMoved = concat(seg(b, 0), seg(b, 1), seg(b, 2), seg(b, 4), seg(b, 3));
    for (byte[] bad : new byte[][] {swapped, dropped, repeated, lastMoved}) {
      AttachmentPointer p = fittedPointer(FIVE.pointer, bad);
      assertFails(Reason.AUTHENTICATION_FAILED, () -> Sealed.decryptStream(TINY, p, bad), "stream");
      assertFails(Reason.AUTHENTICATION_FAILED, () -> Sealed.decryptChannel(TINY, p, bad), "channel");
    }
  }

  @Test
  void segmentsOfAnotherAttachmentUnderTheSameKeyCannotBeSplicedIn() throws Exception {
    // Two encryptions never share a per-file key: each has its own random HKDF salt.
    Sealed other = Sealed.of(TINY, 200);
    byte[] spliced = concat(seg(FIVE.blob, 0), seg(other.blob, 1), seg(FIVE.blob, 2),
        seg(FIVE.blob, 3), seg(FIVE.blob, 4));
    AttachmentPointer p = fittedPointer(FIVE.pointer, spliced);
    assertFails(Reason.AUTHENTICATION_FAILED, () -> Sealed.decryptStream(TINY, p, spliced), "");
  }

  @Test
  void realFormatSample() throws Exception {
    int segment = AttachmentFormat.STANDARD.ciphertextSegmentSize();
    Sealed s = Sealed.of(AttachmentEngine.STANDARD, 3 * segment + segment / 2);
    int n = s.blob.length;
    for (int at : new int[] {0, 1, 39, 40, segment - 1, segment, 2 * segment + 12345, n - 17, n - 1}) {
      byte[] bad = s.blob.clone();
      bad[at] ^= 0x40;
      assertFails(Reason.AUTHENTICATION_FAILED,
          () -> Sealed.decryptStream(AttachmentEngine.STANDARD, s.pointer, bad), "flip " + at);
      assertFails(Reason.AUTHENTICATION_FAILED,
          () -> Sealed.decryptChannel(AttachmentEngine.STANDARD, s.pointer, bad), "flip " + at);
    }
    for (int len : new int[] {0, 39, 40, segment, 2 * segment, 3 * segment, n - 1}) {
      byte[] cut = Arrays.copyOf(s.blob, len);
      assertFails(EnumSet.of(Reason.AUTHENTICATION_FAILED, Reason.SIZE_MISMATCH),
          () -> Sealed.decryptStream(AttachmentEngine.STANDARD, s.pointer, cut), "cut " + len);
      AttachmentPointer fitted = fittedPointer(s.pointer, cut, AttachmentFormat.STANDARD);
      if (fitted != null) {
        assertFails(Reason.AUTHENTICATION_FAILED,
            () -> Sealed.decryptStream(AttachmentEngine.STANDARD, fitted, cut), "forged " + len);
      }
    }
  }

  /** The caller's own I/O errors come out as themselves, not as a verdict on the attachment. */
  @Test
  void sourceFailuresAreNotReportedAsTampering() throws Exception {
    IOException boom = new IOException("network down");
    InputStream failing = new InputStream() {
      private int at;

      @Override
      public int read() throws IOException {
        if (at == 100) {
          throw boom; // and again on every later call
        }
        return FIVE.blob[at++] & 0xFF;
      }
    };
    IOException e = assertThrows(IOException.class,
        () -> TINY.decrypt(FIVE.pointer, failing, new ByteArrayOutputStream()));
    assertTrue(e == boom, "got " + e);
    try (SeekableByteChannel ch = TINY.newSeekableDecryptingChannel(FIVE.pointer,
        new BytesChannel(FIVE.blob) {
          @Override
          public int read(ByteBuffer dst) throws java.nio.channels.ClosedChannelException {
            if (position() > 100) {
              throw new java.nio.channels.ClosedChannelException();
            }
            return super.read(dst);
          }
        })) {
      IOException c = assertThrows(IOException.class, () -> ch.read(ByteBuffer.allocate(200)));
      assertEquals(java.nio.channels.ClosedChannelException.class, c.getClass());
    }
  }

  private static int segmentOf(int ciphertextOffset) {
    return ciphertextOffset < AttachmentFormat.HEADER_LENGTH ? 0 : ciphertextOffset / SEG;
  }

  /** Plaintext bytes in the segments before {@code segment}; a header change breaks them all. */
  private static int plaintextBefore(int segment) {
    return segment == 0 ? 0 : 8 + 48 * (segment - 1);
  }

  private static AttachmentPointer fittedPointer(AttachmentPointer p, byte[] blob) throws Exception {
    return fittedPointer(p, blob, TINY_FORMAT);
  }

  /** A pointer with the real key and metadata whose sizes and digest fit {@code blob}, if any can. */
  static AttachmentPointer fittedPointer(AttachmentPointer p, byte[] blob, AttachmentFormat f)
      throws Exception {
    for (long size = Math.max(0, blob.length - 1000); size <= blob.length; size++) {
      if (f.ciphertextSize(size) == blob.length) {
        return new AttachmentPointer(p.key(), MessageDigest.getInstance("SHA-256").digest(blob),
            size, blob.length, p.mediaType(), p.fileName().orElse(null));
      }
    }
    return null;
  }

  private static byte[] seg(byte[] blob, int i) {
    return Arrays.copyOfRange(blob, i * SEG, Math.min(blob.length, (i + 1) * SEG));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  interface Decryption {
    byte[] run() throws AttachmentException;
  }

  static void assertFails(Reason reason, Decryption d, String what) {
    assertFails(EnumSet.of(reason), d, what);
  }

  static void assertFails(Set<Reason> reasons, Decryption d, String what) {
    try {
      d.run();
      fail("decrypted: " + what);
    } catch (AttachmentException e) {
      assertTrue(reasons.contains(e.reason()), what + ": " + e.reason() + " " + e.getMessage());
    }
  }
}
