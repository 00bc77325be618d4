package io.quintet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.whispersystems.libsignal.IdentityKeyPair;
import org.whispersystems.libsignal.SessionBuilder;
import org.whispersystems.libsignal.SessionCipher;
import org.whispersystems.libsignal.SignalProtocolAddress;
import org.whispersystems.libsignal.ecc.Curve;
import org.whispersystems.libsignal.ecc.ECKeyPair;
import org.whispersystems.libsignal.groups.GroupCipher;
import org.whispersystems.libsignal.groups.GroupSessionBuilder;
import org.whispersystems.libsignal.groups.SenderKeyName;
import org.whispersystems.libsignal.groups.state.SenderKeyRecord;
import org.whispersystems.libsignal.groups.state.SenderKeyStore;
import org.whispersystems.libsignal.protocol.CiphertextMessage;
import org.whispersystems.libsignal.protocol.PreKeySignalMessage;
import org.whispersystems.libsignal.protocol.SenderKeyDistributionMessage;
import org.whispersystems.libsignal.protocol.SignalMessage;
import org.whispersystems.libsignal.state.PreKeyBundle;
import org.whispersystems.libsignal.state.PreKeyRecord;
import org.whispersystems.libsignal.state.SignedPreKeyRecord;
import org.whispersystems.libsignal.state.impl.InMemorySignalProtocolStore;
import org.whispersystems.libsignal.util.KeyHelper;

/**
 * signal-protocol-java 2.8.1, the last pure-Java libsignal (X3DH only, no KEM), through its
 * API and its in-memory store. Its Curve25519 is curve25519-java's pure-Java provider (the
 * optional native one is not on the classpath).
 */
final class SpjLib implements Library {

  /** One device: an address, an identity and a store that holds its prekeys. */
  static final class Device {
    final SignalProtocolAddress address;
    final IdentityKeyPair identity;
    final int registrationId;
    InMemorySignalProtocolStore store;
    private int nextId = 1;

    Device(String name, int registrationId) {
      this.address = new SignalProtocolAddress(name, 1);
      this.identity = KeyHelper.generateIdentityKeyPair();
      this.registrationId = registrationId;
      this.store = new InMemorySignalProtocolStore(identity, registrationId);
    }

    void resetStore() {
      store = new InMemorySignalProtocolStore(identity, registrationId);
    }

    /** Stores fresh prekeys (signed and one-time EC); their X3DH bundle. */
    PreKeyBundle bundle() throws Exception {
      int id = nextId++;
      ECKeyPair spk = Curve.generateKeyPair();
      byte[] spkSig =
          Curve.calculateSignature(identity.getPrivateKey(), spk.getPublicKey().serialize());
      ECKeyPair opk = Curve.generateKeyPair();
      store.storeSignedPreKey(id, new SignedPreKeyRecord(id, System.currentTimeMillis(), spk, spkSig));
      store.storePreKey(id, new PreKeyRecord(id, opk));
      return new PreKeyBundle(
          registrationId, 1, id, opk.getPublicKey(), id, spk.getPublicKey(), spkSig,
          identity.getPublicKey());
    }
  }

  private static SessionCipher cipher(Device from, Device to) {
    return new SessionCipher(from.store, to.address);
  }

  private static byte[] send(SessionCipher from, SessionCipher to, byte[] plaintext)
      throws Exception {
    CiphertextMessage m = from.encrypt(plaintext);
    return m.getType() == CiphertextMessage.PREKEY_TYPE
        ? to.decrypt(new PreKeySignalMessage(m.serialize()))
        : to.decrypt(new SignalMessage(m.serialize()));
  }

  private static void handshake(Device alice, Device bob, byte[] plaintext) throws Exception {
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
      public void prepare() throws Exception {
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

  /**
   * 2.8.1 ships no in-memory sender-key store outside its tests; this one keeps serialized
   * records, as the session stores of all three libraries do.
   */
  private static final class InMemorySenderKeyStore implements SenderKeyStore {
    private final Map<SenderKeyName, byte[]> records = new HashMap<>();

    @Override
    public void storeSenderKey(SenderKeyName name, SenderKeyRecord record) {
      records.put(name, record.serialize());
    }

    @Override
    public SenderKeyRecord loadSenderKey(SenderKeyName name) {
      byte[] b = records.get(name);
      try {
        return b == null ? new SenderKeyRecord() : new SenderKeyRecord(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public Group group() throws Exception {
    InMemorySenderKeyStore aliceStore = new InMemorySenderKeyStore();
    InMemorySenderKeyStore bobStore = new InMemorySenderKeyStore();
    SenderKeyName name = new SenderKeyName("group-42", new SignalProtocolAddress("alice", 1));
    SenderKeyDistributionMessage skdm = new GroupSessionBuilder(aliceStore).create(name);
    new GroupSessionBuilder(bobStore)
        .process(name, new SenderKeyDistributionMessage(skdm.serialize()));
    GroupCipher aliceCipher = new GroupCipher(aliceStore, name);
    GroupCipher bobCipher = new GroupCipher(bobStore, name);
    return new Group() {
      @Override
      public byte[] encrypt(byte[] plaintext) throws Exception {
        return aliceCipher.encrypt(plaintext);
      }

      @Override
      public byte[] decrypt(byte[] message) throws Exception {
        return bobCipher.decrypt(message);
      }
    };
  }
}
