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
 * Row 3: messages alternate direction, so every decrypt meets a new ratchet key and takes a
 * DH ratchet step (two X25519 agreements and a key generation in the classic protocol). One
 * op = one 1 KiB message encrypted by one side and decrypted by the other.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PingPongBench {
  @Param({"libsignal", "quintet", "spj"})
  public String library;

  private Duo duo;
  private byte[] payload;
  private boolean fromAlice;

  @Setup(Level.Trial)
  public void init() throws Exception {
    duo = Library.named(library).duo();
    payload = Payloads.kib();
  }

  @Benchmark
  public byte[] pingPong() throws Exception {
    fromAlice = !fromAlice;
    return fromAlice ? duo.aliceToBob(payload) : duo.bobToAlice(payload);
  }
}
