package io.quintet.ratchet.concurrency;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Runs concurrent test bodies so that a hang fails fast and explains itself: the body runs
 * under {@code assertTimeoutPreemptively}, and on a timeout the failure message is a dump of
 * every thread (with the locks each holds and waits for) and of any deadlock the JVM finds.
 * Timeouts are generous on purpose: they only catch a hang, no assertion depends on timing.
 */
public final class Watchdog {
  /** Far above the few seconds these tests take, even on a loaded 2-core machine. */
  public static final Duration LIMIT = Duration.ofSeconds(90);

  private Watchdog() {}

  /** Runs {@code body} within {@link #LIMIT}, then checks that no thread is deadlocked. */
  public static <T> T within(ThrowingSupplier<T> body) {
    T result = assertTimeoutPreemptively(LIMIT, body, Watchdog::dump);
    assertNoDeadlock();
    return result;
  }

  /**
   * Runs every task on its own thread, all released at once by a start gate so they overlap
   * as much as possible, and returns their results in order; the first failure is rethrown.
   */
  public static <T> List<T> runTogether(List<? extends Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch gate = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          gate.await();
          return task.call();
        }));
      }
      gate.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          results.add(f.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  public static void assertNoDeadlock() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assertNull(mx.findDeadlockedThreads(), Watchdog::dump);
  }

  /** Every live thread's stack, held locks and awaited lock. */
  public static String dump() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    StringBuilder out = new StringBuilder("timed out or deadlocked; threads:\n");
    long[] deadlocked = mx.findDeadlockedThreads();
    if (deadlocked != null) {
      out.append("DEADLOCKED thread ids: ").append(java.util.Arrays.toString(deadlocked))
          .append('\n');
    }
    for (ThreadInfo info : mx.dumpAllThreads(true, true)) {
      out.append(info.getThreadName()).append(" ").append(info.getThreadState());
      if (info.getLockName() != null) {
        out.append(" waiting for ").append(info.getLockName())
            .append(" held by ").append(info.getLockOwnerName());
      }
      out.append('\n');
      for (StackTraceElement e : info.getStackTrace()) {
        out.append("    at ").append(e).append('\n');
      }
    }
    return out.toString();
  }
}
