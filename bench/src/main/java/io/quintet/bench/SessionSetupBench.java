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
 * Row 1: bundle → first message → decrypt. Each invocation starts from fresh stores and a
 * fresh bundle (made in an untimed per-invocation setup: a session setup takes milliseconds,
 * so JMH's per-invocation timestamps are noise). Timed: Alice verifies the bundle and runs
 * the agreement, encrypts 1 KiB into a PREKEY message; Bob decrypts it, building his side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionSetupBench {
  @Param({"libsignal", "quintet", "quintet-mlkem", "quintet-x3dh", "spj"})
  public String library;

  private SessionSetup setup;
  private byte[] payload;

  @Setup(Level.Trial)
  public void init() throws Exception {
    setup = Library.named(library).setup();
    payload = Payloads.kib();
  }

  @Setup(Level.Invocation)
  public void freshBundle() throws Exception {
    setup.prepare();
  }

  @Benchmark
  public byte[] sessionSetup() throws Exception {
    return setup.run(payload);
  }
}
