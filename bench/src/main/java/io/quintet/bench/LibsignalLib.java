package io.quintet.bench;

import java.util.UUID;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.SessionBuilder;
import org.signal.libsignal.protocol.SessionCipher;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECKeyPair;
import org.signal.libsignal.protocol.groups.GroupCipher;
import org.signal.libsignal.protocol.groups.GroupSessionBuilder;
import org.signal.libsignal.protocol.kem.KEMKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyType;
import org.signal.libsignal.protocol.message.CiphertextMessage;
import org.signal.libsignal.protocol.message.PreKeySignalMessage;
import org.signal.libsignal.protocol.message.SenderKeyDistributionMessage;
import org.signal.libsignal.protocol.message.SignalMessage;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyBundle;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;
import org.signal.libsignal.protocol.state.impl.InMemorySignalProtocolStore;

/**
 * libsignal-client 0.86.5 (Rust behind JNI) through its Java API and its in-memory store. Both
 * sides are libsignal, so SPQR is negotiated, as between two Signal apps.
 */
final class LibsignalLib implements Library {

  /** One device: an address, an identity and a store that holds its prekeys. */
  static final class Device {
    final SignalProtocolAddress address;
    final IdentityKeyPair identity;
    final int registrationId;
    InMemorySignalProtocolStore store;
    private int nextId = 1;

    Device(String name, int registrationId) {
      this(name, 1, registrationId);
    }

    Device(String name, int deviceId, int registrationId) {
      this.address = new SignalProtocolAddress(name, deviceId);
      this.identity = IdentityKeyPair.generate();
      this.registrationId = registrationId;
      this.store = new InMemorySignalProtocolStore(identity, registrationId);
    }

    void resetStore() {
      store = new InMemorySignalProtocolStore(identity, registrationId);
    }

    /** Stores fresh prekeys (signed, one-time EC, one-time Kyber-1024); their bundle. */
    PreKeyBundle bundle() {
      int id = nextId++;
      long now = System.currentTimeMillis();
      ECKeyPair spk = ECKeyPair.generate();
      byte[] spkSig = identity.getPrivateKey().calculateSignature(spk.getPublicKey().serialize());
      ECKeyPair opk = ECKeyPair.generate();
      KEMKeyPair kem = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
      byte[] kemSig = identity.getPrivateKey().calculateSignature(kem.getPublicKey().serialize());
      store.storeSignedPreKey(id, new SignedPreKeyRecord(id, now, spk, spkSig));
      store.storePreKey(id, new PreKeyRecord(id, opk));
      store.storeKyberPreKey(id, new KyberPreKeyRecord(id, now, kem, kemSig));
      return new PreKeyBundle(
          registrationId, 1, id, opk.getPublicKey(), id, spk.getPublicKey(), spkSig,
          identity.getPublicKey(), id, kem.getPublicKey(), kemSig);
    }
  }

  static SessionCipher cipher(Device from, Device to) {
    return new SessionCipher(from.store, to.address);
  }

  static byte[] send(SessionCipher from, SessionCipher to, byte[] plaintext) throws Exception {
    CiphertextMessage m = from.encrypt(plaintext);
    return m.getType() == CiphertextMessage.PREKEY_TYPE
        ? to.decrypt(new PreKeySignalMessage(m.serialize()))
        : to.decrypt(new SignalMessage(m.serialize()));
  }

  static void handshake(Device alice, Device bob, byte[] plaintext) throws Exception {
    new SessionBuilder(alice.store, bob.address).process(bob.bundle());
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
        return alice.store.loadSession(bob.address).serialize();
      }

      @Override
      public byte[] bobRecord() {
        return bob.store.loadSession(alice.address).serialize();
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
        bundle = bob.bundle();
      }

      @Override
      public byte[] run(byte[] plaintext) throws Exception {
        new SessionBuilder(alice.store, bob.address).process(bundle);
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
        .process(alice.address, new SenderKeyDistributionMessage(skdm.serialize()));
    GroupCipher aliceCipher = new GroupCipher(alice.store, alice.address);
    GroupCipher bobCipher = new GroupCipher(bob.store, alice.address);
    return new Group() {
      @Override
      public byte[] encrypt(byte[] plaintext) throws Exception {
        return aliceCipher.encrypt(distributionId, plaintext).serialize();
      }

      @Override
      public byte[] decrypt(byte[] message) throws Exception {
        return bobCipher.decrypt(message);
      }
    };
  }
}
