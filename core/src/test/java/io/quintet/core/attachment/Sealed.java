package io.quintet.core.attachment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.SplittableRandom;

/** An encrypted test attachment: the plaintext, the blob and its pointer, and ways to open it. */
final class Sealed {
  static final AttachmentEngine TINY =
      new AttachmentEngine(AttachmentFormat.withSegmentSizeForTesting(64));

  final AttachmentEngine engine;
  final byte[] plaintext;
  final byte[] blob;
  final AttachmentPointer pointer;

  private Sealed(AttachmentEngine engine, byte[] plaintext, byte[] blob, AttachmentPointer p) {
    this.engine = engine;
    this.plaintext = plaintext;
    this.blob = blob;
    this.pointer = p;
  }

  static Sealed of(AttachmentEngine engine, byte[] plaintext, String mediaType, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      AttachmentPointer p =
          engine.encrypt(new ByteArrayInputStream(plaintext), out, mediaType, name);
      return new Sealed(engine, plaintext, out.toByteArray(), p);
    } catch (AttachmentException | IOException e) {
      throw new AssertionError(e);
    }
  }

  static Sealed of(AttachmentEngine engine, int size) {
    return of(engine, randomBytes(size, size), "video/mp4", "clip.mp4");
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] b = new byte[size];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      b[i] = (byte) r.nextInt();
    }
    return b;
  }

  /** Decrypts {@code blob} under {@code p} front to back; AttachmentException on any failure. */
  static byte[] decryptStream(AttachmentEngine engine, AttachmentPointer p, byte[] blob)
      throws AttachmentException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      engine.decrypt(p, new ByteArrayInputStream(blob), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // nothing here does real I/O
    }
    return out.toByteArray();
  }

  /** Reads the whole plaintext through the seekable channel, in one pass. */
  static byte[] decryptChannel(AttachmentEngine engine, AttachmentPointer p, byte[] blob)
      throws AttachmentException {
    try (SeekableByteChannel ch = engine.newSeekableDecryptingChannel(p, new BytesChannel(blob))) {
      return readAll(ch, p.plaintextSize());
    } catch (AttachmentStreamException e) {
      throw e.attachmentException();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] readAll(SeekableByteChannel ch, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    while (buf.hasRemaining() && ch.read(buf) != -1) {
      // keep reading
    }
    if (ch.read(ByteBuffer.allocate(1)) != -1) {
      throw new AssertionError("channel goes on past its size");
    }
    return buf.array();
  }

  /** Reads {@code in} to the end, one small read at a time, returning what came before failure. */
  static byte[] drain(InputStream in, ByteArrayOutputStream seen) throws IOException {
    byte[] buf = new byte[37];
    for (int n; (n = in.read(buf)) != -1; ) {
      seen.write(buf, 0, n);
    }
    return seen.toByteArray();
  }
}
