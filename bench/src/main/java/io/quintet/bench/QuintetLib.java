package io.quintet.bench;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionBuilder;
import io.quintet.ratchet.SessionCipher;
import io.quintet.ratchet.SessionPolicy;
import io.quintet.ratchet.group.GroupCipher;
import io.quintet.ratchet.group.GroupSessionBuilder;
import java.util.UUID;

/**
 * Quintet through its public API: {@code SessionBuilder}, {@code SessionCipher} and the
 * in-memory store. {@code kem} picks the bundle's KEM prekey; {@code null} means X3DH.
 */
final class QuintetLib implements Library {
  private final KemType kem;
  private final SessionPolicy policy;

  QuintetLib(KemType kem) {
    this.kem = kem;
    this.policy = kem == null ? SessionPolicy.builder().allowX3dh(true).build() : SessionPolicy.DEFAULT;
  }

  /** One device: an address, an identity and a store that holds its prekeys. */
  static final class Device {
    final DeviceAddress address;
    final IdentityKeyPair identity;
    final int registrationId;
    InMemoryProtocolStore store;
    private int nextId = 1;

    Device(String account, int registrationId) {
      this.address = DeviceAddress.of(AccountId.of(account), DeviceId.of(1));
      this.identity = IdentityKeyPair.generate();
      this.registrationId = registrationId;
      this.store = InMemoryProtocolStore.create(identity, registrationId);
    }

    /** Forgets every session and prekey: same identity, new empty store. */
    void resetStore() {
      store = InMemoryProtocolStore.create(identity, registrationId);
    }

    /** Stores fresh prekeys (signed, one-time EC and, unless null, one-time KEM); their bundle. */
    PreKeyBundle bundle(KemType kem) {
      int id = nextId++;
      long now = System.currentTimeMillis();
      SignedPreKey spk = SignedPreKey.generate(id, now, identity);
      OneTimePreKey opk = OneTimePreKey.generate(id, now);
      store.storeSignedPreKey(spk);
      store.storePreKey(opk);
      PreKeyBundle.Builder b =
          PreKeyBundle.builder()
              .registrationId(registrationId)
              .deviceId(address.device())
              .identityKey(identity.identityKey())
              .signedPreKey(spk.id(), spk.publicKey(), spk.signature())
              .oneTimePreKey(opk.id(), opk.publicKey());
      if (kem != null) {
        KemPreKey k = KemPreKey.generate(id, now, kem, identity, false);
        store.storeKemPreKey(k);
        b.kemPreKey(k.id(), k.publicKey(), k.signature());
      }
      return b.build();
    }
  }

  private SessionCipher cipher(Device from, Device to) {
    return new SessionCipher(from.store, to.address, policy);
  }

  private static byte[] send(SessionCipher from, SessionCipher to, byte[] plaintext)
      throws Exception {
    CiphertextMessage m = from.encrypt(plaintext);
    return to.decrypt(m.type(), m.serialize());
  }

  /** Alice starts a session from Bob's bundle; the first message and the answer go through. */
  private void handshake(Device alice, Device bob, byte[] plaintext) throws Exception {
    new SessionBuilder(alice.store, bob.address, policy).process(bob.bundle(kem));
    send(cipher(alice, bob), cipher(bob, alice), plaintext);
    send(cipher(bob, alice), cipher(alice, bob), plaintext);
  }

  @Override
  public Duo duo() throws Exception {
    Device alice = new Device("alice", 1001);
    Device bob = new Device("bob", 1002);
    handshake(alice, bob, Payloads.kib());
    SessionCipher aliceToBob = cipher(alice, bob);
    SessionCipher bobToAlice = cipher(bob, alice);
    return new Duo() {
      @Override
      public byte[] aliceToBob(byte[] plaintext) throws Exception {
        return send(aliceToBob, bobToAlice, plaintext);
      }

      @Override
      public byte[] bobToAlice(byte[] plaintext) throws Exception {
        return send(bobToAlice, aliceToBob, plaintext);
      }

      @Override
      public byte[] aliceRecord() {
        return alice.store.loadSession(bob.address).orElseThrow();
      }

      @Override
      public byte[] bobRecord() {
        return bob.store.loadSession(alice.address).orElseThrow();
      }
    };
  }

  @Override
  public SessionSetup setup() {
    Device alice = new Device("alice", 1001);
    Device bob = new Device("bob", 1002);
    return new SessionSetup() {
      private PreKeyBundle bundle;

      @Override
      public void prepare() {
        alice.resetStore();
        bob.resetStore();
        bundle = bob.bundle(kem);
      }

      @Override
      public byte[] run(byte[] plaintext) throws Exception {
        new SessionBuilder(alice.store, bob.address, policy).process(bundle);
        return send(cipher(alice, bob), cipher(bob, alice), plaintext);
      }
    };
  }

  @Override
  public FanOut fanOut(int devices) throws Exception {
    Device alice = new Device("alice", 1001);
    SessionCipher[] ciphers = new SessionCipher[devices];
    for (int i = 0; i < devices; i++) {
      Device bob = new Device("bob" + i, 2000 + i);
      handshake(alice, bob, Payloads.kib());
      ciphers[i] = cipher(alice, bob);
    }
    return plaintext -> {
      Object[] out = new Object[ciphers.length];
      for (int i = 0; i < ciphers.length; i++) {
        out[i] = ciphers[i].encrypt(plaintext).serialize();
      }
      return out;
    };
  }

  @Override
  public Group group() throws Exception {
    Device alice = new Device("alice", 1001);
    Device bob = new Device("bob", 1002);
    UUID distributionId = UUID.nameUUIDFromBytes(new byte[] {42});
    SenderKeyDistributionMessage skdm =
        new GroupSessionBuilder(alice.store).create(alice.address, distributionId);
    new GroupSessionBuilder(bob.store)
        .process(alice.address, SenderKeyDistributionMessage.parse(skdm.serialize()));
    GroupCipher aliceCipher = new GroupCipher(alice.store, alice.address);
    GroupCipher bobCipher = new GroupCipher(bob.store, bob.address);
    return new Group() {
      @Override
      public byte[] encrypt(byte[] plaintext) throws Exception {
        return aliceCipher.encrypt(distributionId, plaintext);
      }

      @Override
      public byte[] decrypt(byte[] message) throws Exception {
        return bobCipher.decrypt(alice.address, message);
      }
    };
  }
}
