package io.quintet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cross-check of the JMH rows that holds up on a busy machine: the benchmark thread's own
 * CPU time per operation (JNI code that libsignal runs on the calling thread included), so
 * time stolen by other processes does not count. Same operations and inputs as the JMH
 * benchmarks; each case warms up for {@code warmupSeconds}, then reports the median of
 * {@code rounds} one-second rounds.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.quintet.bench.CpuTimes [warmupSeconds] [rounds]
 * </pre>
 */
public final class CpuTimes {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimes() {}

  /** One timed operation; {@link #prepare} runs untimed before each call. */
  private interface Op {
    Object run() throws Exception;

    default void prepare() throws Exception {}
  }

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    byte[] payload = Payloads.kib();
    System.out.println("| row | library | CPU µs/op (median) | ops per CPU-second |");
    System.out.println("|---|---|---:|---:|");
    for (String lib : List.of("libsignal", "quintet", "quintet-mlkem", "quintet-x3dh", "spj")) {
      SessionSetup setup = Library.named(lib).setup();
      report("session setup", lib, new Op() {
        @Override
        public void prepare() throws Exception {
          setup.prepare();
        }

        @Override
        public Object run() throws Exception {
          return setup.run(payload);
        }
      }, warmup, rounds);
    }
    for (String lib : List.of("libsignal", "quintet", "spj")) {
      Library library = Library.named(lib);
      Duo oneWay = library.duo();
      report("one-way", lib, () -> oneWay.aliceToBob(payload), warmup, rounds);
      Duo pingPong = library.duo();
      boolean[] fromAlice = {false};
      report("ping-pong", lib, () -> {
        fromAlice[0] = !fromAlice[0];
        return fromAlice[0] ? pingPong.aliceToBob(payload) : pingPong.bobToAlice(payload);
      }, warmup, rounds);
      FanOut fanOut = library.fanOut(10);
      report("fan-out to 10", lib, () -> fanOut.encryptToAll(payload), warmup, rounds);
      Group sendOnly = library.group();
      report("sender-key encrypt", lib, () -> sendOnly.encrypt(payload), warmup, rounds);
      Group group = library.group();
      report("sender-key encrypt+decrypt", lib,
          () -> group.decrypt(group.encrypt(payload)), warmup, rounds);
    }
  }

  private static void report(String row, String lib, Op op, int warmupSeconds, int rounds)
      throws Exception {
    long end = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      op.prepare();
      op.run();
    }
    List<Double> perOp = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      long cpu = 0;
      long n = 0;
      long roundEnd = System.nanoTime() + 1_000_000_000L;
      while (System.nanoTime() < roundEnd) {
        op.prepare();
        long start = THREADS.getCurrentThreadCpuTime();
        op.run();
        cpu += THREADS.getCurrentThreadCpuTime() - start;
        n++;
      }
      perOp.add(cpu / 1000.0 / n);
    }
    double[] sorted = perOp.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = sorted[sorted.length / 2];
    System.out.printf("| %s | %s | %.1f | %,.0f |   (rounds: %s)%n", row, lib, median,
        1_000_000 / median, Arrays.toString(perOp.stream().mapToLong(Math::round).toArray()));
  }
}
