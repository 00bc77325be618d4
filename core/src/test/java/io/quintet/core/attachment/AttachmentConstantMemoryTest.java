package io.quintet.core.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypting and decrypting an attachment ten times the size of the heap succeeds: a child JVM
 * with {@code -Xmx48m} streams 512 MiB (by default; {@code -Dquintet.attachment.bigBytes=N}
 * for more, as {@code scripts/big-attachment.sh} does with 3 GiB) through {@link
 * BigAttachmentRun}, and must end with matching checksums.
 */
class AttachmentConstantMemoryTest {
  private static final long SIZE = Long.getLong("quintet.attachment.bigBytes", 512L << 20);
  private static final Pattern RESULT = Pattern.compile(
      "(OK|MISMATCH) size=(\\d+) crcIn=(\\w+) crcOut=(\\w+) maxHeap=(\\d+) peakHeap=(\\d+) .*");

  @Test
  void streamsFarMoreThanTheHeapThroughEncryptionAndDecryption(@TempDir Path tmp)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx48m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), BigAttachmentRun.class.getName(),
            Long.toString(SIZE), tmp.toString()))
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    // Generous: on a loaded 2-core machine this can take a minute; usually a few seconds.
    boolean done = child.waitFor(15, TimeUnit.MINUTES);
    if (!done) {
      child.destroyForcibly();
    }
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(done, "child timed out: " + output);
    System.out.println(output.trim()); // throughput, in the surefire report
    assertEquals(0, child.exitValue(), output);
    Matcher m = RESULT.matcher(output.trim());
    assertTrue(m.matches(), output);
    assertEquals("OK", m.group(1));
    assertEquals(SIZE, Long.parseLong(m.group(2)));
    assertEquals(m.group(3), m.group(4));
    long maxHeap = Long.parseLong(m.group(5));
    assertTrue(maxHeap <= 64L << 20, "the child's heap was not limited: " + maxHeap);
    assertTrue(SIZE >= 8 * maxHeap, "the attachment must dwarf the heap");
  }
}
