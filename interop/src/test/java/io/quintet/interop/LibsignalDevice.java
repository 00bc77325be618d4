package io.quintet.interop;

import io.quintet.core.DeviceId;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.KemPublicKey;
import org.signal.libsignal.protocol.DuplicateMessageException;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.SessionBuilder;
import org.signal.libsignal.protocol.SessionCipher;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECKeyPair;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signal.libsignal.protocol.kem.KEMKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyType;
import org.signal.libsignal.protocol.kem.KEMPublicKey;
import org.signal.libsignal.protocol.message.CiphertextMessage;
import org.signal.libsignal.protocol.message.PreKeySignalMessage;
import org.signal.libsignal.protocol.message.SignalMessage;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyBundle;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;
import org.signal.libsignal.protocol.state.impl.InMemorySignalProtocolStore;
import org.signal.libsignal.protocol.util.KeyHelper;

/** A libsignal-client (0.86.5, Rust behind JNI) device with its own in-memory store. */
final class LibsignalDevice {
  private final String name;
  private final InMemorySignalProtocolStore store;
  private int nextPreKeyId = 1;

  LibsignalDevice(String name) {
    this.name = name;
    this.store =
        new InMemorySignalProtocolStore(
            IdentityKeyPair.generate(), KeyHelper.generateRegistrationId(false));
  }

  static SignalProtocolAddress address(String account) {
    return new SignalProtocolAddress(account, QuintetDevice.DEVICE_ID);
  }

  InMemorySignalProtocolStore store() {
    return store;
  }

  /**
   * Generates and stores libsignal's own prekeys (always with a Kyber-1024 prekey, which
   * 0.86.5 requires) and returns the bundle as Quintet parses it from the server.
   */
  io.quintet.core.keys.PreKeyBundle publishBundle(boolean oneTimePreKey) throws Exception {
    IdentityKeyPair identity = store.getIdentityKeyPair();
    long now = System.currentTimeMillis();
    int spkId = nextPreKeyId++;
    ECKeyPair spk = ECKeyPair.generate();
    byte[] spkSignature = identity.getPrivateKey().calculateSignature(spk.getPublicKey().serialize());
    store.storeSignedPreKey(spkId, new SignedPreKeyRecord(spkId, now, spk, spkSignature));
    int kemId = nextPreKeyId++;
    KEMKeyPair kem = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
    byte[] kemSignature = identity.getPrivateKey().calculateSignature(kem.getPublicKey().serialize());
    store.storeKyberPreKey(kemId, new KyberPreKeyRecord(kemId, now, kem, kemSignature));
    io.quintet.core.keys.PreKeyBundle.Builder b =
        io.quintet.core.keys.PreKeyBundle.builder()
            .registrationId(store.getLocalRegistrationId())
            .deviceId(DeviceId.of(QuintetDevice.DEVICE_ID))
            .identityKey(
                io.quintet.core.keys.IdentityKey.parse(identity.getPublicKey().serialize()))
            .signedPreKey(spkId, Curve25519PublicKey.parse(spk.getPublicKey().serialize()),
                spkSignature)
            .kemPreKey(kemId, KemPublicKey.parse(kem.getPublicKey().serialize()), kemSignature);
    if (oneTimePreKey) {
      int opkId = nextPreKeyId++;
      ECKeyPair opk = ECKeyPair.generate();
      store.storePreKey(opkId, new PreKeyRecord(opkId, opk));
      b.oneTimePreKey(opkId, Curve25519PublicKey.parse(opk.getPublicKey().serialize()));
    }
    return b.build();
  }

  /** Builds a session to {@code peer} from a bundle a Quintet device published. */
  void process(String peer, io.quintet.core.keys.PreKeyBundle bundle) throws Exception {
    new SessionBuilder(store, address(peer)).process(toLibsignal(bundle));
  }

  /**
   * The bundle as libsignal's type. libsignal 0.86.5 declares the Kyber prekey non-null, so an
   * X3DH-only bundle fails right here (Kotlin's null check) — see the refusal tests.
   */
  static PreKeyBundle toLibsignal(io.quintet.core.keys.PreKeyBundle b) throws Exception {
    ECPublicKey opk =
        b.oneTimePreKey().isPresent() ? new ECPublicKey(b.oneTimePreKey().get().serialize()) : null;
    KEMPublicKey kem =
        b.kemPreKey().isPresent() ? new KEMPublicKey(b.kemPreKey().get().serialize()) : null;
    return new PreKeyBundle(
        b.registrationId(),
        b.deviceId().value(),
        b.oneTimePreKeyId().orElse(PreKeyBundle.NULL_PRE_KEY_ID),
        opk,
        b.signedPreKeyId(),
        new ECPublicKey(b.signedPreKey().serialize()),
        b.signedPreKeySignature(),
        new IdentityKey(b.identityKey().serialize()),
        b.kemPreKeyId().orElse(PreKeyBundle.NULL_PRE_KEY_ID),
        kem,
        b.kemPreKeySignature());
  }

  /** The session with {@code peer}, as a {@link Peer}. */
  Peer session(String peer) {
    SessionCipher cipher = new SessionCipher(store, address(peer));
    String label = "libsignal(" + name + ")";
    return new Peer() {
      @Override
      public String name() {
        return label;
      }

      @Override
      public Wire encrypt(byte[] plaintext) throws Exception {
        CiphertextMessage m = cipher.encrypt(plaintext);
        return new Wire(m.getType(), m.serialize());
      }

      @Override
      public byte[] decrypt(Wire message) throws Exception {
        return message.type() == Wire.PREKEY
            ? cipher.decrypt(new PreKeySignalMessage(message.bytes()))
            : cipher.decrypt(new SignalMessage(message.bytes()));
      }

      @Override
      public int remoteRegistrationId() throws Exception {
        return cipher.getRemoteRegistrationId();
      }

      @Override
      public Class<? extends Exception> duplicateError() {
        return DuplicateMessageException.class;
      }
    };
  }
}
