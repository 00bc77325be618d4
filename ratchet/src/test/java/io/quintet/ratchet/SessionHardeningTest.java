package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.Limits;
import io.quintet.core.QuintetException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.wire.SignalMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Regression tests for the hostile review of the session layer (findings A1–A6). */
class SessionHardeningTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);

  /** A bundle with no one-time prekey and a last-resort KEM prekey: nothing is consumed. */
  private PreKeyBundle lastResortBundle() {
    IdentityKeyPair id = bob.store.identityKeyPair();
    SignedPreKey spk = SignedPreKey.generate(77, 0, id);
    KemPreKey kem = KemPreKey.generate(78, 0, KemType.KYBER_1024, id, true);
    bob.store.storeSignedPreKey(spk);
    bob.store.storeKemPreKey(kem);
    return PreKeyBundle.builder().registrationId(9).deviceId(bob.address.device())
        .identityKey(id.identityKey()).signedPreKey(spk.id(), spk.publicKey(), spk.signature())
        .kemPreKey(kem.id(), kem.publicKey(), kem.signature()).build();
  }

  @Test
  void aFirstMessageOnALastResortKemPreKeyCannotBeReplayed() throws Exception {
    new SessionBuilder(alice.store, bob.address).process(lastResortBundle());
    CiphertextMessage first = alice.cipherTo(bob).encrypt("transfer $100".getBytes());
    bob.cipherTo(alice).decrypt(first.type(), first.serialize());
    DeviceAddress mallory = DeviceAddress.of(AccountId.of("mallory"), DeviceId.of(1));
    assertThrows(InvalidMessageException.class,
        () -> new SessionCipher(bob.store, mallory).decrypt(first.type(), first.serialize()));
    bob.store.deleteSession(alice.address);
    assertThrows(InvalidMessageException.class,
        () -> bob.cipherTo(alice).decrypt(first.type(), first.serialize()));
    assertTrue(bob.store.loadSession(mallory).isEmpty());
    assertEquals(1, bob.store.kemPreKeys().size(), "the last-resort key itself stays");
  }

  @Test
  void aOneTimePreKeyIsConsumedOnceEvenUnderARaceFromManySenders() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {1});
    int senders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger accepted = new AtomicInteger();
    List<Future<?>> jobs = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      DeviceAddress claimed = DeviceAddress.of(AccountId.of("sender" + i), DeviceId.of(1));
      jobs.add(pool.submit(() -> {
        go.await();
        try {
          new SessionCipher(bob.store, claimed).decrypt(first.type(), first.serialize());
          accepted.incrementAndGet();
        } catch (QuintetException refused) {
          // all but one must end here
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : jobs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(1, accepted.get());
    assertEquals(0, bob.store.countPreKeys());
  }

  @Test
  void twoStoreObjectsOverOneDatabaseNeverReuseAMessageKey() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage hello = alice.cipherTo(bob).encrypt(new byte[] {0});
    bob.cipherTo(alice).decrypt(hello.type(), hello.serialize());
    CiphertextMessage reply = bob.cipherTo(alice).encrypt(new byte[] {0});
    alice.cipherTo(bob).decrypt(reply.type(), reply.serialize()); // from now on WHISPER messages
    SessionCipher viaA = new SessionCipher(new ForwardingStore(alice.store), bob.address);
    SessionCipher viaB = new SessionCipher(new ForwardingStore(alice.store), bob.address);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<CiphertextMessage> sent = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> jobs = new ArrayList<>();
    for (SessionCipher c : List.of(viaA, viaB)) {
      jobs.add(pool.submit(() -> {
        for (int i = 0; i < 100; i++) {
          sent.add(c.encrypt(new byte[16]));
        }
        return null;
      }));
    }
    for (Future<?> f : jobs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    Set<String> ciphertexts = new HashSet<>();
    for (CiphertextMessage m : sent) {
      SignalMessage parsed = SignalMessage.parse(m.serialize());
      assertTrue(ciphertexts.add(parsed.ratchetKey() + "/" + parsed.counter()),
          "two messages share a chain position, hence a key and IV");
      assertArrayEquals(new byte[16], bob.cipherTo(alice).decrypt(m.type(), m.serialize()));
    }
    assertEquals(200, ciphertexts.size());
  }

  @Test
  void callingTheLibraryInsideTheStoresTransactionIsRefusedNotDeadlocked() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> alice.store.atomically(() -> alice.cipherTo(bob).encrypt(new byte[] {1})));
    assertTrue(e.getMessage().contains("atomically"), e.getMessage());
  }

  @Test
  void aThrowingPreKeyListenerDoesNotLoseTheMessage() throws Exception {
    SessionPolicy policy = SessionPolicy.builder()
        .preKeyListener((ec, kem) -> { throw new IllegalStateException("listener bug"); }).build();
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {42});
    assertArrayEquals(new byte[] {42},
        new SessionCipher(bob.store, alice.address, policy).decrypt(first.type(), first.serialize()));
  }

  @Test
  void anOversizedPlaintextIsRefusedBeforeTheChainMoves() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    byte[] before = alice.sessionWith(bob);
    assertThrows(IllegalArgumentException.class,
        () -> alice.cipherTo(bob).encrypt(new byte[Limits.MAX_PLAINTEXT_BYTES + 1]));
    assertArrayEquals(before, alice.sessionWith(bob));
    CiphertextMessage largest = alice.cipherTo(bob).encrypt(new byte[Limits.MAX_PLAINTEXT_BYTES]);
    assertEquals(Limits.MAX_PLAINTEXT_BYTES,
        bob.cipherTo(alice).decrypt(largest.type(), largest.serialize()).length);
  }
}
