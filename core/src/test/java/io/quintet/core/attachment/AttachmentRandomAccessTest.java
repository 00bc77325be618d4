package io.quintet.core.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Seeking: a read at any offset returns exactly the plaintext slice there. */
class AttachmentRandomAccessTest {
  private static final int SEGMENT = AttachmentFormat.STANDARD.ciphertextSegmentSize();

  @Test
  void randomReadsOnTheRealFormatEqualThePlaintextSlice() throws Exception {
    Sealed s = Sealed.of(AttachmentEngine.STANDARD, 3 * SEGMENT + 777);
    SplittableRandom r = new SplittableRandom(42);
    try (SeekableByteChannel ch = AttachmentEngine.STANDARD.newSeekableDecryptingChannel(
        s.pointer, new BytesChannel(s.blob))) {
      assertEquals(s.plaintext.length, ch.size());
      for (int i = 0; i < 200; i++) {
        int from = r.nextInt(s.plaintext.length + 1);
        // Mostly short reads as a player makes; some span two or three segments.
        int len = i % 10 == 0 ? r.nextInt(3 * SEGMENT) : r.nextInt(1, 9000);
        checkSlice(ch, s.plaintext, from, len);
      }
      // Exactly on and around segment boundaries (the first segment is 40 bytes shorter).
      int first = SEGMENT - 16 - 40;
      for (int b : new int[] {first, first + SEGMENT - 16, first + 2 * (SEGMENT - 16)}) {
        for (int d = -2; d <= 2; d++) {
          checkSlice(ch, s.plaintext, b + d, 5);
        }
      }
      ch.position(s.plaintext.length + 10);
      assertEquals(-1, ch.read(ByteBuffer.allocate(4)));
      assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
    }
  }

  @Test
  void propertyAnySegmentSizeAnyOffset() {
    qt().withExamples(100)
        .forAll(Generate.range(57, 200), Generate.range(0, 2000), Generate.longRange(0, 1L << 40))
        .checkAssert((segment, size, seed) -> {
          AttachmentEngine engine =
              new AttachmentEngine(AttachmentFormat.withSegmentSizeForTesting(segment));
          Sealed s = Sealed.of(engine, Sealed.randomBytes(size, seed), "video/webm", null);
          SplittableRandom r = new SplittableRandom(seed);
          try (SeekableByteChannel ch =
              engine.newSeekableDecryptingChannel(s.pointer, new BytesChannel(s.blob))) {
            for (int i = 0; i < 20; i++) {
              int from = r.nextInt(size + 1);
              checkSlice(ch, s.plaintext, from, r.nextInt(0, 3 * segment));
            }
          } catch (IOException | AttachmentException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void aBlobOfTheWrongLengthIsRefusedBeforeAnyRead() {
    Sealed s = Sealed.of(Sealed.TINY, 300);
    for (int delta : new int[] {-1, 1, -64, 64}) {
      byte[] blob = Arrays.copyOf(s.blob, s.blob.length + delta);
      AttachmentException e = assertThrows(AttachmentException.class,
          () -> Sealed.TINY.newSeekableDecryptingChannel(s.pointer, new BytesChannel(blob)));
      assertEquals(Reason.SIZE_MISMATCH, e.reason());
    }
  }

  private static void checkSlice(SeekableByteChannel ch, byte[] plain, int from, int len)
      throws IOException {
    int to = Math.min(plain.length, from + len);
    ByteBuffer buf = ByteBuffer.allocate(len);
    ch.position(from);
    int got = 0;
    for (int n; buf.hasRemaining() && (n = ch.read(buf)) != -1; ) {
      got += n;
    }
    assertEquals(to - from, got, "read at " + from);
    assertEquals(to, ch.position());
    assertArrayEquals(Arrays.copyOfRange(plain, from, to), Arrays.copyOf(buf.array(), got),
        "read at " + from);
  }
}
