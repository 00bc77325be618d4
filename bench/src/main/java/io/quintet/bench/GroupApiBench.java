package io.quintet.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Row 8 (issue 5): a group of {@code members} accounts × (1 + {@code companions}) devices,
 * every pairwise session established and answered beforehand (made once per trial).
 *
 * <ul>
 *   <li>{@code firstSend}: a send under a sender key nobody has (a new group id each time):
 *       the key pairwise to every device, then one sender-key encrypt. One op = one send.
 *   <li>{@code steadySend}: a send to the group whose key every device holds.
 * </ul>
 *
 * Quintet: the whole {@code QuintetDevice.encryptToGroup} call (device lists fetched and
 * checked, envelopes built). libsignal: the cipher work alone (see {@link LibsignalLargeGroup}).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class GroupApiBench {
  @Param({"quintet", "libsignal"})
  public String library;

  @Param({"1000"})
  public int members;

  @Param({"4"})
  public int companions;

  private LargeGroup group;
  private byte[] payload;
  private final CpuPerOp cpu = new CpuPerOp();

  @Setup(Level.Trial)
  public void init(BenchmarkParams params) throws Exception {
    payload = Payloads.kib();
    boolean answered = params.getBenchmark().endsWith(".firstSend");
    long start = System.nanoTime();
    group = library.equals("quintet")
        ? new QuintetApiGroup(members, companions, answered)
        : new LibsignalLargeGroup(members, 1 + companions, answered);
    System.out.printf("%n[setup of %d devices: %.1f s]%n", members * (1 + companions),
        (System.nanoTime() - start) / 1e9);
  }

  @TearDown(Level.Trial)
  public void check() {
    group.check();
  }

  @Setup(Level.Iteration)
  public void startCpu() {
    cpu.start();
  }

  @TearDown(Level.Iteration)
  public void reportCpu(IterationParams iteration) {
    cpu.report(iteration, library);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 4)
  @Measurement(iterations = 6)
  public Object firstSend() throws Exception {
    cpu.op();
    return group.firstSend(payload);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 5)
  @Measurement(iterations = 5, time = 4)
  public Object steadySend() throws Exception {
    cpu.op();
    return group.steadySend(payload);
  }
}
