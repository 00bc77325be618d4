package io.quintet.core.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The size limit, reached with a format whose limit is 100 bytes instead of 16 GiB. */
class AttachmentLimitsTest {
  private static final AttachmentFormat SMALL = AttachmentFormat.forTesting(64, 100);
  private static final AttachmentEngine ENGINE = new AttachmentEngine(SMALL);

  @Test
  void exactlyTheLimitIsFineOneMoreIsTooLarge() throws Exception {
    Sealed s = Sealed.of(ENGINE, 100);
    assertArrayEquals(s.plaintext, Sealed.decryptStream(ENGINE, s.pointer, s.blob));

    AttachmentException e = assertThrows(AttachmentException.class, () -> ENGINE.encrypt(
        new ByteArrayInputStream(new byte[101]), new ByteArrayOutputStream(), "a/b", null));
    assertEquals(Reason.TOO_LARGE, e.reason());

    try (AttachmentOutputStream out =
        ENGINE.newEncryptingStream(new ByteArrayOutputStream(), "a/b", null)) {
      out.write(new byte[60]);
      AttachmentStreamException w =
          assertThrows(AttachmentStreamException.class, () -> out.write(new byte[41]));
      assertEquals(Reason.TOO_LARGE, w.reason());
      out.write(new byte[40]); // the refused write wrote nothing
      assertEquals(100, out.finish().plaintextSize());
    }
  }

  @Test
  void aPointerClaimingMoreThanTheLimitIsRefusedBeforeReading() {
    Sealed s = Sealed.of(ENGINE, 100);
    AttachmentPointer big = new AttachmentPointer(s.pointer.key(), s.pointer.digest(), 101,
        SMALL.ciphertextSize(101), "video/mp4", "clip.mp4");
    AttachmentException e = assertThrows(AttachmentException.class,
        () -> ENGINE.newDecryptingStream(big, new ByteArrayInputStream(s.blob)));
    assertEquals(Reason.TOO_LARGE, e.reason());
    assertEquals(Reason.TOO_LARGE, assertThrows(AttachmentException.class,
        () -> ENGINE.newSeekableDecryptingChannel(big, new BytesChannel(s.blob))).reason());
  }

  @Test
  void destroyedPointersCompareWithoutThrowing() {
    Sealed s = Sealed.of(ENGINE, 3);
    AttachmentPointer copy = new AttachmentPointer(AttachmentKey.of(s.pointer.key().bytesUnsafe()),
        s.pointer.digest(), 3, s.pointer.ciphertextSize(), "video/mp4", "clip.mp4");
    assertEquals(s.pointer, copy);
    copy.destroy();
    assertNotEquals(s.pointer, copy);
    assertEquals(copy, copy);
  }
}
