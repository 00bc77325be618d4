package io.quintet.core.attachment;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Where Tink's encrypting stream writes: the caller's sink, with every byte hashed (SHA-256)
 * and counted for the pointer. Closing flushes but leaves the caller's sink open: it is theirs.
 */
final class CiphertextOutput extends OutputStream {
  private final OutputStream sink;
  private final MessageDigest sha256 = CiphertextInput.sha256();
  private long count;

  CiphertextOutput(OutputStream sink) {
    this.sink = sink;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    sink.write(b, off, len);
    sha256.update(b, off, len);
    count += len;
  }

  @Override
  public void flush() throws IOException {
    sink.flush();
  }

  @Override
  public void close() throws IOException {
    sink.flush();
  }

  long count() {
    return count;
  }

  byte[] digest() {
    return sha256.digest();
  }
}
