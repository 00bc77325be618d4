package io.quintet.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Row 5: sender keys. {@code encrypt}: Alice encrypts and signs one 1 KiB group message (what
 * a steady group send costs, whatever the group's size). {@code encryptDecrypt}: that, then
 * Bob verifies the signature and decrypts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GroupBench {
  @Param({"libsignal", "quintet", "spj"})
  public String library;

  private Group group;
  private byte[] payload;

  @Setup(Level.Trial)
  public void init() throws Exception {
    group = Library.named(library).group();
    payload = Payloads.kib();
  }

  @Benchmark
  public byte[] encrypt() throws Exception {
    return group.encrypt(payload);
  }

  @Benchmark
  public byte[] encryptDecrypt() throws Exception {
    return group.decrypt(group.encrypt(payload));
  }
}
