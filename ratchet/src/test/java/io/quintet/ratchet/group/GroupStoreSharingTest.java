package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.core.wire.SenderKeyMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two GroupCipher instances over one database (an app and its notification extension) never
 * step one sender chain twice, and library calls inside the store's transaction are refused.
 */
class GroupStoreSharingTest {
  private final DeviceAddress self = DeviceAddress.of(AccountId.of("alice"), DeviceId.of(1));
  private final InMemoryProtocolStore store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1);

  @Test
  void concurrentSendersOnOneDatabaseUseEveryIterationOnce() throws Exception {
    UUID group = UUID.randomUUID();
    new GroupSessionBuilder(store).create(self, group);
    List<byte[]> sent = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> jobs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      GroupCipher cipher = new GroupCipher(store, self); // a separate instance per "process"
      jobs.add(pool.submit(() -> {
        for (int i = 0; i < 50; i++) {
          sent.add(cipher.encrypt(group, new byte[] {(byte) i}));
        }
        return null;
      }));
    }
    for (Future<?> f : jobs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    Set<Integer> iterations = new HashSet<>();
    for (byte[] m : sent) {
      assertTrue(iterations.add(SenderKeyMessage.parse(m).iteration()), "an iteration was used twice");
    }
    assertEquals(200, iterations.size());
  }

  @Test
  void groupOperationsInsideTheStoresTransactionAreRefused() {
    UUID group = UUID.randomUUID();
    assertThrows(IllegalStateException.class,
        () -> store.atomically(() -> new GroupSessionBuilder(store).create(self, group)));
  }
}
