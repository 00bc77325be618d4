package io.quintet.bench;

import io.quintet.core.internal.crypto.X25519;
import io.quintet.core.internal.crypto.XEdDSA;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * The rows that XEdDSA dominates, as {@link CpuTimes} measures them (the benchmark thread's
 * CPU time per operation, median of one-second rounds after a warm-up), for A/B comparisons
 * of the signature code on a busy machine: run it on two builds, alternately, and compare
 * ratios. Besides sign and verify it times a verification under a key never seen before (the
 * first sighting of a key takes the exact path; see {@code XEdDSA.verify}).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.quintet.bench.SignatureCpuTimes [warmupSeconds] [rounds]
 * </pre>
 */
public final class SignatureCpuTimes {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SignatureCpuTimes() {}

  private interface Op {
    Object run() throws Exception;

    default void prepare() throws Exception {}
  }

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    byte[] payload = Payloads.kib();
    byte[] scalar = X25519.generatePrivateKey();
    byte[] u = X25519.publicKey(scalar);
    byte[] signature = XEdDSA.sign(scalar, payload);
    System.out.println("| row | CPU µs/op (median) | rounds |");
    System.out.println("|---|---:|---|");
    report("XEdDSA sign, one key", () -> XEdDSA.sign(scalar, payload), warmup, rounds);
    report("XEdDSA verify, one key", () -> XEdDSA.verify(u, payload, signature), warmup, rounds);
    byte[][] fresh = new byte[2][];
    report("XEdDSA verify, a new key each time", new Op() {
      @Override
      public void prepare() {
        byte[] k = X25519.generatePrivateKey();
        fresh[0] = X25519.publicKey(k);
        fresh[1] = XEdDSA.sign(k, payload);
      }

      @Override
      public Object run() {
        return XEdDSA.verify(fresh[0], payload, fresh[1]);
      }
    }, warmup, rounds);
    for (String lib : List.of("libsignal", "quintet")) {
      Group sendOnly = Library.named(lib).group();
      report("sender-key encrypt, " + lib, () -> sendOnly.encrypt(payload), warmup, rounds);
      Group group = Library.named(lib).group();
      report("sender-key encrypt+decrypt, " + lib, () -> group.decrypt(group.encrypt(payload)),
          warmup, rounds);
      SessionSetup setup = Library.named(lib).setup();
      report("session setup, " + lib, new Op() {
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
  }

  private static void report(String row, Op op, int warmupSeconds, int rounds) throws Exception {
    long end = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      op.prepare();
      op.run();
    }
    double[] perOp = new double[rounds];
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
      perOp[r] = cpu / 1000.0 / n;
    }
    double[] sorted = perOp.clone();
    Arrays.sort(sorted);
    System.out.printf("| %s | %.1f | %s |%n", row, sorted[rounds / 2],
        Arrays.toString(Arrays.stream(perOp).mapToLong(Math::round).toArray()));
  }
}
