package io.quintet.core.attachment;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * Random access to an attachment's plaintext, for players that seek. A read decrypts and
 * authenticates only the segments it touches (Tink's seekable decrypter), so a segment that
 * was altered fails when it is read, and the last segment's flag is checked whenever the end is
 * read. The blob's length was checked against the pointer before this channel was opened; its
 * digest is not checked here (that needs every byte: use the stream for that).
 */
final class DecryptingChannel implements SeekableByteChannel {
  private final SeekableByteChannel tink;
  private final long size;
  private AttachmentException failure;

  DecryptingChannel(SeekableByteChannel tink, long size) {
    this.tink = tink;
    this.size = size;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (failure != null) {
      throw new AttachmentStreamException(failure);
    }
    int start = dst.position();
    try {
      return tink.read(dst);
    } catch (SourceFailure e) {
      throw e.original();
    } catch (IOException e) {
      dst.position(start); // hand out nothing from a segment that failed
      failure = new AttachmentException(Reason.AUTHENTICATION_FAILED,
          "attachment segment does not authenticate: altered, truncated, or another key");
      throw new AttachmentStreamException(failure);
    }
  }

  @Override
  public long position() throws IOException {
    return tink.position();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    tink.position(newPosition);
    return this;
  }

  /** The plaintext size, as the pointer says (and the blob's length agrees). */
  @Override
  public long size() {
    return size;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return tink.isOpen();
  }

  @Override
  public void close() throws IOException {
    try {
      tink.close();
    } catch (SourceFailure e) {
      throw e.original();
    }
  }
}
