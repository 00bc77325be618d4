package io.quintet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The benchmark thread's CPU time per op over one measured iteration, printed into the run's
 * log as {@code [cpu <label>: <ms> ms/op over <n> ops]}: a cross-check of the wall-clock
 * score on a shared machine (other processes stretch wall time, not this thread's CPU time;
 * JNI time counts). Only meaningful when all the work runs on the benchmark thread.
 */
final class CpuPerOp {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private long start;
  private long ops;

  /** Call from {@code @Setup(Level.Iteration)}. */
  void start() {
    ops = 0;
    start = MX.getCurrentThreadCpuTime();
  }

  /** Call once per op (a field increment). */
  void op() {
    ops++;
  }

  /** Call from {@code @TearDown(Level.Iteration)}; prints measured iterations only. */
  void report(IterationParams iteration, String label) {
    long cpu = MX.getCurrentThreadCpuTime() - start;
    if (iteration.getType() == IterationType.MEASUREMENT && ops > 0) {
      System.out.printf("%n[cpu %s: %.4f ms/op over %d ops]%n", label, cpu / 1e6 / ops, ops);
    }
  }
}
