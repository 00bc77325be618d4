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
 * Row 2: on an established session, Alice encrypts 1 KiB and Bob decrypts it, always in that
 * direction: symmetric chain steps only, no DH ratchet. One op = one message both ways through
 * the store (load, parse, step, serialize, store on each side).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OneWayBench {
  @Param({"libsignal", "quintet", "spj"})
  public String library;

  private Duo duo;
  private byte[] payload;

  @Setup(Level.Trial)
  public void init() throws Exception {
    duo = Library.named(library).duo();
    payload = Payloads.kib();
  }

  @Benchmark
  public byte[] oneWay() throws Exception {
    return duo.aliceToBob(payload);
  }
}
