package io.quintet.bench;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.devicelist.messaging.Envelope;
import io.quintet.devicelist.messaging.Outgoing;
import io.quintet.devicelist.messaging.Payload;
import io.quintet.devicelist.messaging.QuintetDevice;
import io.quintet.ratchet.SessionCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
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
import org.openjdk.jmh.infra.IterationParams;

/**
 * Row 7 (issue 5): one 1 KiB message to two accounts of five devices each (a primary and four
 * companions linked by QR code); the sender's account is a primary alone, so it has no own
 * devices to copy. Sessions are established and answered, and the sender has accepted both
 * lists before (steady state). One op = one fan-out of 10 ciphertexts.
 *
 * <ul>
 *   <li>{@code quintet-api}: {@code QuintetDevice.encrypt(List.of(bob, carol), payload)} with
 *       the sessions advanced on the calling thread: the whole app-facing call, i.e. fetching
 *       both lists from the (in-memory) server, checking them against the accepted ones, the
 *       content framing, 10 session encrypts and 10 envelopes.
 *   <li>{@code quintet-api-pool}: the same call with the builder's default executor
 *       ({@code ForkJoinPool.commonPool()}), what an app gets without choosing.
 *   <li>{@code quintet-sessions}: the 10 session encrypts alone ({@code SessionCipher} on the
 *       same sender store and sessions), so the difference to {@code quintet-api} is the
 *       device-list layer.
 *   <li>{@code libsignal}: 10 {@code SessionCipher} encrypts over answered sessions, the work
 *       libsignal-client can do here (it has no device lists: the app fetches and trusts the
 *       server's device ids).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 2)
public class ApiFanOutBench {
  static final int COMPANIONS = 4;

  @Param({"quintet-api", "quintet-api-pool", "quintet-sessions", "libsignal"})
  public String variant;

  private Op op;
  private byte[] payload;
  private final CpuPerOp cpu = new CpuPerOp();

  private interface Op {
    Object run(byte[] plaintext) throws Exception;
  }

  @Setup(Level.Trial)
  public void init() throws Exception {
    payload = Payloads.kib();
    if (variant.equals("libsignal")) {
      FanOut f = Library.named("libsignal").fanOut(2 * (1 + COMPANIONS));
      op = f::encryptToAll;
      return;
    }
    ApiAccounts accounts = new ApiAccounts();
    ApiAccounts.Device alice = accounts.primary("alice",
        variant.equals("quintet-api-pool") ? ForkJoinPool.commonPool() : Runnable::run);
    List<AccountId> to = List.of(AccountId.of("bob"), AccountId.of("carol"));
    for (AccountId a : to) {
      accounts.account(a.value(), COMPANIONS);
    }
    Payload message = Payload.data("application/octet-stream", payload);
    Outgoing first = alice.api.encrypt(to, message);
    ApiAccounts.checkSteady(first, 2 * (1 + COMPANIONS), Envelope.Type.PREKEY);
    accounts.establish(alice, first);
    ApiAccounts.checkSteady(alice.api.encrypt(to, message), 2 * (1 + COMPANIONS),
        Envelope.Type.WHISPER);
    if (variant.equals("quintet-sessions")) {
      List<SessionCipher> ciphers = new ArrayList<>();
      for (Envelope e : first.envelopes()) {
        ciphers.add(new SessionCipher(alice.store, e.recipient()));
      }
      op = plaintext -> {
        Object[] out = new Object[ciphers.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = ciphers.get(i).encrypt(plaintext).serialize();
        }
        return out;
      };
    } else {
      QuintetDevice sender = alice.api;
      op = plaintext -> sender.encrypt(to, Payload.data("application/octet-stream", plaintext));
    }
  }

  @Setup(Level.Iteration)
  public void startCpu() {
    cpu.start();
  }

  /** Not for {@code quintet-api-pool}: its session encrypts run on a pool thread. */
  @TearDown(Level.Iteration)
  public void reportCpu(IterationParams iteration) {
    if (!variant.equals("quintet-api-pool")) {
      cpu.report(iteration, variant);
    }
  }

  @Benchmark
  public Object fanOut() throws Exception {
    cpu.op();
    return op.run(payload);
  }
}
