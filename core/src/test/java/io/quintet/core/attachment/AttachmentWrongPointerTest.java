package io.quintet.core.attachment;

import static io.quintet.core.attachment.AttachmentTamperingTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * An intact blob opened with a pointer that is not its own: another key, other metadata, other
 * sizes or digest. Every field of the pointer is checked: the key and the media type and file
 * name by authentication, the sizes against the blob, the digest against its hash.
 */
class AttachmentWrongPointerTest {
  private static final AttachmentEngine TINY =
      new AttachmentEngine(AttachmentFormat.withSegmentSizeForTesting(64));
  private static final Sealed S = Sealed.of(TINY, 150);

  @Test
  void anotherKeyFails() {
    for (int i = 0; i < 20; i++) {
      AttachmentPointer p = with(AttachmentKey.generate(), S.pointer.mediaType(), "clip.mp4");
      assertFails(Reason.AUTHENTICATION_FAILED, () -> Sealed.decryptStream(TINY, p, S.blob), "");
      assertFails(Reason.AUTHENTICATION_FAILED, () -> Sealed.decryptChannel(TINY, p, S.blob), "");
    }
  }

  @Test
  void aKeyOneBitAwayFails() {
    byte[] key = S.pointer.key().bytesUnsafe().clone();
    for (int bit = 0; bit < 256; bit += 7) {
      byte[] k = key.clone();
      k[bit / 8] ^= (byte) (1 << (bit % 8));
      AttachmentPointer p = with(AttachmentKey.of(k), "video/mp4", "clip.mp4");
      assertFails(Reason.AUTHENTICATION_FAILED, () -> Sealed.decryptStream(TINY, p, S.blob), "bit " + bit);
    }
  }

  @Test
  void otherMediaTypeOrFileNameFails() {
    String[][] swaps = {
      {"video/quicktime", "clip.mp4"}, {"VIDEO/MP4", "clip.mp4"}, {"video/mp4; codecs=avc1", "clip.mp4"},
      {"video/mp4", "clip.mp5"}, {"video/mp4", "Clip.mp4"}, {"video/mp4", null},
      {"video/mp4", "clip.mp4 "},
    };
    for (String[] swap : swaps) {
      AttachmentPointer p = with(S.pointer.key(), swap[0], swap[1]);
      String what = swap[0] + " " + swap[1];
      assertFails(Reason.AUTHENTICATION_FAILED, () -> Sealed.decryptStream(TINY, p, S.blob), what);
      assertFails(Reason.AUTHENTICATION_FAILED, () -> Sealed.decryptChannel(TINY, p, S.blob), what);
    }
    // And a name added where there was none.
    Sealed nameless = Sealed.of(TINY, Sealed.randomBytes(99, 1), "image/gif", null);
    AttachmentPointer named = new AttachmentPointer(nameless.pointer.key(),
        nameless.pointer.digest(), 99, nameless.blob.length, "image/gif", "x.gif");
    assertFails(Reason.AUTHENTICATION_FAILED,
        () -> Sealed.decryptStream(TINY, named, nameless.blob), "name added");
  }

  /** The length-prefixed encoding keeps "a/b" + "c" apart from "a/bc" + nothing, and the like. */
  @Test
  void associatedDataIsInjective() {
    assertTrue(!Arrays.equals(AttachmentFormat.associatedData("a/b", "c"),
        AttachmentFormat.associatedData("a/bc", null)));
    assertTrue(!Arrays.equals(AttachmentFormat.associatedData("a/b", null),
        AttachmentFormat.associatedData("a/b", "\u0000")));
  }

  @Test
  void otherSizesFail() throws Exception {
    AttachmentFormat tiny = AttachmentFormat.withSegmentSizeForTesting(64);
    for (long size : new long[] {149, 151, 0, 1000}) {
      AttachmentPointer p = new AttachmentPointer(S.pointer.key(), S.pointer.digest(), size,
          tiny.ciphertextSize(size), "video/mp4", "clip.mp4");
      assertFails(Reason.SIZE_MISMATCH, () -> Sealed.decryptStream(TINY, p, S.blob), "size " + size);
      assertFails(Reason.SIZE_MISMATCH, () -> Sealed.decryptChannel(TINY, p, S.blob), "size " + size);
    }
    // Sizes that do not fit each other are refused before any byte is read.
    AttachmentPointer inconsistent = new AttachmentPointer(S.pointer.key(), S.pointer.digest(),
        150, S.blob.length + 1, "video/mp4", "clip.mp4");
    InputStream untouchable = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read before the pointer was checked");
      }
    };
    AttachmentException e = assertThrows(AttachmentException.class,
        () -> TINY.newDecryptingStream(inconsistent, untouchable));
    assertEquals(Reason.SIZE_MISMATCH, e.reason());
  }

  @Test
  void anotherDigestFailsAtTheEndOfTheStream() throws Exception {
    byte[] digest = S.pointer.digest();
    digest[31] ^= 1;
    AttachmentPointer p = new AttachmentPointer(S.pointer.key(), digest, 150, S.blob.length,
        "video/mp4", "clip.mp4");
    assertFails(Reason.DIGEST_MISMATCH, () -> Sealed.decryptStream(TINY, p, S.blob), "");
    // The stream hands out the authenticated plaintext but never end-of-stream.
    InputStream in = TINY.newDecryptingStream(p, new ByteArrayInputStream(S.blob));
    assertArrayEquals(S.plaintext, in.readNBytes(150));
    AttachmentStreamException end = assertThrows(AttachmentStreamException.class, in::read);
    assertEquals(Reason.DIGEST_MISMATCH, end.reason());
    assertThrows(AttachmentStreamException.class, in::read); // and stays failed
    // Random access does not read every byte, so it cannot check the digest (documented).
    assertArrayEquals(S.plaintext, Sealed.decryptChannel(TINY, p, S.blob));
  }

  @Test
  void anotherAttachmentsPointerFails() {
    Sealed other = Sealed.of(TINY, 150);
    assertFails(Reason.AUTHENTICATION_FAILED,
        () -> Sealed.decryptStream(TINY, other.pointer, S.blob), "");
  }

  @Test
  void verifyDigestChecksLengthAndHash() throws Exception {
    byte[] d = S.pointer.digest();
    AttachmentEngine.verifyDigest(new ByteArrayInputStream(S.blob), d, S.blob.length);
    byte[] flipped = S.blob.clone();
    flipped[77] ^= 4;
    assertDigestFails(Reason.DIGEST_MISMATCH, flipped, d, S.blob.length);
    assertDigestFails(Reason.SIZE_MISMATCH, Arrays.copyOf(S.blob, S.blob.length - 1), d,
        S.blob.length);
    assertDigestFails(Reason.SIZE_MISMATCH, Arrays.copyOf(S.blob, S.blob.length + 1), d,
        S.blob.length);
    assertThrows(IllegalArgumentException.class,
        () -> AttachmentCipher.verifyDigest(new ByteArrayInputStream(S.blob), new byte[31], 5));
  }

  private static void assertDigestFails(Reason reason, byte[] blob, byte[] digest, long size) {
    AttachmentException e = assertThrows(AttachmentException.class,
        () -> AttachmentCipher.verifyDigest(new ByteArrayInputStream(blob), digest, size));
    assertEquals(reason, e.reason());
  }

  private static AttachmentPointer with(AttachmentKey key, String mediaType, String fileName) {
    return new AttachmentPointer(key, S.pointer.digest(), S.pointer.plaintextSize(),
        S.pointer.ciphertextSize(), mediaType, fileName);
  }
}
