package io.quintet.store.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An epoch anchor in a file beside the database (a stand-in for a keystore): written to a
 * temporary file, forced, then renamed over the old one, so a kill leaves the old value or the
 * new one.
 */
final class FileAnchor implements EpochAnchor {
  private final Path file;

  FileAnchor(Path file) {
    this.file = file;
  }

  @Override
  public long read() throws IOException {
    return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0;
  }

  @Override
  public void advance(long epoch) throws IOException {
    long value = Math.max(epoch, read());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(Long.toString(value).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
