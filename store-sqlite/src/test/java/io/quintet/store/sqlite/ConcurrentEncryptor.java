package io.quintet.store.sqlite;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionCipher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The second process of {@link CrossProcessTest}: opens the same database, waits for "go" on
 * stdin (after warming up on a session with Carol), encrypts to Bob from several threads at
 * once and prints one line per ciphertext
 * ("tag type hex"). Arguments: database path, store key (hex), threads, messages per thread.
 */
public final class ConcurrentEncryptor {
  private ConcurrentEncryptor() {}

  public static void main(String[] args) throws Exception {
    Path path = Path.of(args[0]);
    StoreKey key = StoreKey.of(HexFormat.of().parseHex(args[1]));
    int threads = Integer.parseInt(args[2]);
    int perThread = Integer.parseInt(args[3]);
    DeviceAddress bob = DeviceAddress.of(AccountId.of("bob"), DeviceId.PRIMARY);
    DeviceAddress carol = DeviceAddress.of(AccountId.of("carol"), DeviceId.PRIMARY);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (SqliteStore store = SqliteStore.builder(path).storeKey(key).open()) {
      // Warm up on another session, so both processes are at full speed when the race starts.
      SessionCipher warmUp = new SessionCipher(store, carol);
      for (int i = 0; i < 30; i++) {
        warmUp.encrypt(new byte[1]);
      }
      out.println("ready");
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"go".equals(in.readLine())) {
        throw new IllegalStateException("expected go");
      }
      ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
      run(threads, t -> {
        SessionCipher cipher = new SessionCipher(store, bob);
        for (int i = 0; i < perThread; i++) {
          String tag = "child-" + t + "-" + i;
          CiphertextMessage m = cipher.encrypt(tag.getBytes(StandardCharsets.UTF_8));
          lines.add(tag + " " + m.type() + " " + HexFormat.of().formatHex(m.serialize()));
          pause();
        }
      });
      lines.forEach(out::println);
    }
    out.flush();
  }

  /**
   * A few milliseconds between messages, as an app has: a process committing back to back would
   * hold the file lock almost always, and SQLite's polling busy handler would let the other in
   * only after it finished — correct, but no race at all.
   */
  static void pause() throws InterruptedException {
    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(6));
  }

  /** Work of one thread, by its index. */
  interface Job {
    void run(int thread) throws Exception;
  }

  /** Runs {@code job} on {@code threads} threads and rethrows the first failure. */
  static void run(int threads, Job job) throws Exception {
    List<Thread> started = new java.util.ArrayList<>();
    Exception[] failure = {null};
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread thread = new Thread(() -> {
        try {
          job.run(index);
        } catch (Exception e) {
          synchronized (failure) {
            failure[0] = failure[0] == null ? e : failure[0];
          }
        }
      });
      thread.start();
      started.add(thread);
    }
    for (Thread thread : started) {
      thread.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }
}
