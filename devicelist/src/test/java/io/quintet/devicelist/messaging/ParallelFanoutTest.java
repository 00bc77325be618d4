package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fan-out large enough to use the executor: helpers and the calling thread share the
 * devices, every device gets exactly one ciphertext that decrypts, in address order, and an
 * executor that refuses work only means the caller does it all. A small fan-out never touches
 * the executor.
 */
class ParallelFanoutTest {
  private static final int ACCOUNTS = 2 * Fanout.PARALLEL_FROM;
  private final Accounts world = new Accounts();
  private final ExecutorService pool = Executors.newFixedThreadPool(3);
  private final AtomicInteger handedOut = new AtomicInteger();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private QuintetDevice sender(java.util.concurrent.Executor executor) throws Exception {
    QuintetDevice d = world.builder(Accounts.newStore()).executor(executor)
        .createPrimary(AccountId.of("alice"));
    world.upload(d);
    return d;
  }

  private List<QuintetDevice> recipients(int n) throws Exception {
    List<QuintetDevice> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(world.primary(String.format("r%03d", i)));
    }
    return out;
  }

  private static List<AccountId> accountsOf(List<QuintetDevice> devices) {
    return devices.stream().map(d -> d.address().orElseThrow().account()).collect(Collectors.toList());
  }

  private void checkEveryoneReads(Outgoing out, List<QuintetDevice> to, String text) throws Exception {
    List<DeviceAddress> order = out.envelopes().stream().map(Envelope::recipient).collect(Collectors.toList());
    List<DeviceAddress> sorted = new ArrayList<>(order);
    sorted.sort(null);
    assertEquals(sorted, order, "envelopes in address order");
    assertEquals(to.size(), Set.copyOf(order).size());
    world.server.deliverAll(out.envelopes());
    for (QuintetDevice d : to) {
      List<Received> got = world.receive(d);
      assertEquals(1, got.size());
      assertEquals(text, assertInstanceOf(Received.Delivered.class, got.get(0)).payload().text());
    }
  }

  @Test
  void helpersAndTheCallerShareALargeFanOut() throws Exception {
    QuintetDevice alice = sender(task -> {
      handedOut.incrementAndGet();
      pool.execute(task);
    });
    List<QuintetDevice> to = recipients(ACCOUNTS);
    for (String text : List.of("first (sessions built)", "second (sessions steady)")) {
      checkEveryoneReads(alice.encrypt(accountsOf(to), Payload.text(text)), to, text);
    }
    assertTrue(handedOut.get() > 0, "a large fan-out hands work to the executor");
  }

  @Test
  void anExecutorThatRefusesLeavesTheWorkToTheCaller() throws Exception {
    QuintetDevice alice = sender(task -> {
      handedOut.incrementAndGet();
      throw new RejectedExecutionException("full");
    });
    List<QuintetDevice> to = recipients(ACCOUNTS);
    checkEveryoneReads(alice.encrypt(accountsOf(to), Payload.text("hi")), to, "hi");
    assertTrue(handedOut.get() > 0);
  }

  @Test
  void aSmallFanOutStaysOnTheCallingThread() throws Exception {
    QuintetDevice alice = sender(task -> {
      handedOut.incrementAndGet();
      pool.execute(task);
    });
    List<QuintetDevice> to = recipients(Fanout.PARALLEL_FROM - 1);
    checkEveryoneReads(alice.encrypt(accountsOf(to), Payload.text("few")), to, "few");
    assertEquals(0, handedOut.get());
  }
}
