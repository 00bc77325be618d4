package io.quintet.core.attachment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * The caller's ciphertext channel as Tink's seekable decrypter sees it: read-only, with the
 * caller's own I/O failures marked as {@link SourceFailure}.
 */
final class CiphertextChannel implements SeekableByteChannel {
  private final SeekableByteChannel source;

  CiphertextChannel(SeekableByteChannel source) {
    this.source = source;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return source.read(dst);
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
  }

  @Override
  public long position() throws IOException {
    try {
      return source.position();
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    try {
      source.position(newPosition);
      return this;
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
  }

  @Override
  public long size() throws IOException {
    try {
      return source.size();
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
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
    return source.isOpen();
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
  }
}
