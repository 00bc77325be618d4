package io.quintet.core.attachment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Run in a child JVM with a small heap by {@link AttachmentConstantMemoryTest} (and by
 * {@code scripts/big-attachment.sh} for bigger sizes): streams a generated plaintext of the
 * given size through encryption to a temporary file and back through decryption, comparing
 * running CRC32C checksums, then reads a few slices through the seekable channel (beyond 2^31
 * when the size allows). Prints one line of results; exits non-zero on any mismatch.
 */
public final class BigAttachmentRun {
  private static final int CHUNK = 64 * 1024;

  private BigAttachmentRun() {}

  public static void main(String[] args) throws Exception {
    long size = Long.parseLong(args[0]);
    Path blob = Files.createTempFile(Path.of(args[1]), "big-attachment", ".bin");
    try {
      run(size, blob);
    } finally {
      Files.deleteIfExists(blob);
    }
  }

  private static void run(long size, Path blob) throws Exception {
    byte[] pattern = new byte[CHUNK];
    new SplittableRandom(7).nextBytes(pattern);
    CRC32C written = new CRC32C();
    long t0 = System.nanoTime();
    AttachmentPointer pointer;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(blob), CHUNK);
        AttachmentOutputStream out =
            AttachmentCipher.newEncryptingStream(file, "video/mp4", "big.mp4")) {
      byte[] chunk = new byte[CHUNK];
      for (long at = 0; at < size; at += CHUNK) {
        int n = (int) Math.min(CHUNK, size - at);
        fill(chunk, pattern, at);
        written.update(chunk, 0, n);
        out.write(chunk, 0, n);
      }
      pointer = out.finish();
    }
    long t1 = System.nanoTime();
    CRC32C read = new CRC32C();
    long count = 0;
    try (InputStream in = AttachmentCipher.newDecryptingStream(pointer,
        new BufferedInputStream(Files.newInputStream(blob), CHUNK))) {
      byte[] buf = new byte[CHUNK];
      for (int n; (n = in.read(buf)) != -1; ) {
        read.update(buf, 0, n);
        count += n;
      }
    }
    long t2 = System.nanoTime();
    boolean slicesOk = checkSlices(pointer, blob, pattern, size);
    boolean ok = count == size && written.getValue() == read.getValue()
        && Files.size(blob) == pointer.ciphertextSize() && slicesOk;
    System.out.printf("%s size=%d crcIn=%08x crcOut=%08x maxHeap=%d peakHeap=%d encMBps=%.0f "
            + "decMBps=%.0f%n", ok ? "OK" : "MISMATCH", size, written.getValue(), read.getValue(),
        Runtime.getRuntime().maxMemory(), peakHeap(), mbps(size, t1 - t0), mbps(size, t2 - t1));
    System.exit(ok ? 0 : 1);
  }

  /** Chunk {@code at / CHUNK}: the pattern with the chunk's number in its first bytes. */
  private static void fill(byte[] chunk, byte[] pattern, long at) {
    System.arraycopy(pattern, 0, chunk, 0, CHUNK);
    ByteBuffer.wrap(chunk).putLong(0, pattern[8] ^ (at / CHUNK));
  }

  private static boolean checkSlices(AttachmentPointer pointer, Path blob, byte[] pattern,
      long size) throws Exception {
    if (size < 2 * CHUNK) {
      return true;
    }
    long[] offsets = {0, size / 3, size - CHUNK - 5, Math.min(size - CHUNK, (1L << 31) + 12345)};
    try (SeekableByteChannel ch = AttachmentCipher.newSeekableDecryptingChannel(
        pointer, FileChannel.open(blob, StandardOpenOption.READ))) {
      byte[] chunk = new byte[CHUNK];
      for (long off : offsets) {
        ByteBuffer got = ByteBuffer.allocate(CHUNK);
        ch.position(off);
        while (got.hasRemaining() && ch.read(got) != -1) {
          // fill
        }
        // Expected bytes: from the generated chunks covering [off, off + CHUNK).
        byte[] want = new byte[CHUNK];
        for (int i = 0; i < CHUNK; ) {
          long at = off + i;
          long chunkStart = at - at % CHUNK;
          fill(chunk, pattern, chunkStart);
          int from = (int) (at - chunkStart);
          int n = Math.min(CHUNK - from, CHUNK - i);
          System.arraycopy(chunk, from, want, i, n);
          i += n;
        }
        if (!Arrays.equals(want, got.array())) {
          return false;
        }
      }
    }
    return true;
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static double mbps(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }
}
