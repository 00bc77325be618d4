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
 * Row 4: one 1 KiB message encrypted for each of {@code devices} established sessions (one
 * sender, one thread; the recipients do not decrypt). One op = the whole fan-out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanOutBench {
  @Param({"libsignal", "quintet", "spj"})
  public String library;

  @Param({"10"})
  public int devices;

  private FanOut fanOut;
  private byte[] payload;

  @Setup(Level.Trial)
  public void init() throws Exception {
    fanOut = Library.named(library).fanOut(devices);
    payload = Payloads.kib();
  }

  @Benchmark
  public Object[] fanOut() throws Exception {
    return fanOut.encryptToAll(payload);
  }
}
