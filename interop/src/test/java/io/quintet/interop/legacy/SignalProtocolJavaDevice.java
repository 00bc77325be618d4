package io.quintet.interop.legacy;

import io.quintet.core.DeviceId;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.interop.LegacyDevice;
import io.quintet.interop.Peer;
import io.quintet.interop.Wire;
import org.whispersystems.libsignal.DuplicateMessageException;
import org.whispersystems.libsignal.IdentityKey;
import org.whispersystems.libsignal.IdentityKeyPair;
import org.whispersystems.libsignal.SessionBuilder;
import org.whispersystems.libsignal.SessionCipher;
import org.whispersystems.libsignal.SignalProtocolAddress;
import org.whispersystems.libsignal.ecc.Curve;
import org.whispersystems.libsignal.ecc.ECPublicKey;
import org.whispersystems.libsignal.protocol.CiphertextMessage;
import org.whispersystems.libsignal.protocol.PreKeySignalMessage;
import org.whispersystems.libsignal.protocol.SignalMessage;
import org.whispersystems.libsignal.state.PreKeyBundle;
import org.whispersystems.libsignal.state.PreKeyRecord;
import org.whispersystems.libsignal.state.SignedPreKeyRecord;
import org.whispersystems.libsignal.state.impl.InMemorySignalProtocolStore;
import org.whispersystems.libsignal.util.KeyHelper;

/**
 * The signal-protocol-java side of {@link LegacyDevice}. Loaded only by the interop module's
 * isolating class loader (never directly: its protobuf runtime would clash with Quintet's).
 */
public final class SignalProtocolJavaDevice implements LegacyDevice {
  private static final int DEVICE_ID = 1;

  private final String name;
  private final InMemorySignalProtocolStore store;
  private int nextPreKeyId = 1;

  public SignalProtocolJavaDevice(String name) {
    this.name = name;
    this.store =
        new InMemorySignalProtocolStore(
            KeyHelper.generateIdentityKeyPair(), KeyHelper.generateRegistrationId(false));
  }

  private static SignalProtocolAddress address(String account) {
    return new SignalProtocolAddress(account, DEVICE_ID);
  }

  @Override
  public io.quintet.core.keys.PreKeyBundle publishBundle(boolean oneTimePreKey)
      throws Exception {
    IdentityKeyPair identity = store.getIdentityKeyPair();
    SignedPreKeyRecord spk = KeyHelper.generateSignedPreKey(identity, nextPreKeyId++);
    store.storeSignedPreKey(spk.getId(), spk);
    io.quintet.core.keys.PreKeyBundle.Builder b =
        io.quintet.core.keys.PreKeyBundle.builder()
            .registrationId(store.getLocalRegistrationId())
            .deviceId(DeviceId.of(DEVICE_ID))
            .identityKey(
                io.quintet.core.keys.IdentityKey.parse(identity.getPublicKey().serialize()))
            .signedPreKey(spk.getId(),
                Curve25519PublicKey.parse(spk.getKeyPair().getPublicKey().serialize()),
                spk.getSignature());
    if (oneTimePreKey) {
      PreKeyRecord opk = new PreKeyRecord(nextPreKeyId++, Curve.generateKeyPair());
      store.storePreKey(opk.getId(), opk);
      b.oneTimePreKey(opk.getId(),
          Curve25519PublicKey.parse(opk.getKeyPair().getPublicKey().serialize()));
    }
    return b.build();
  }

  @Override
  public void process(String peer, io.quintet.core.keys.PreKeyBundle bundle) throws Exception {
    ECPublicKey opk =
        bundle.oneTimePreKey().isPresent()
            ? Curve.decodePoint(bundle.oneTimePreKey().get().serialize(), 0)
            : null;
    PreKeyBundle legacy =
        new PreKeyBundle(
            bundle.registrationId(),
            bundle.deviceId().value(),
            bundle.oneTimePreKeyId().orElse(-1),
            opk,
            bundle.signedPreKeyId(),
            Curve.decodePoint(bundle.signedPreKey().serialize(), 0),
            bundle.signedPreKeySignature(),
            new IdentityKey(bundle.identityKey().serialize(), 0));
    new SessionBuilder(store, address(peer)).process(legacy);
  }

  @Override
  public int registrationId() {
    return store.getLocalRegistrationId();
  }

  @Override
  public byte[] identityKey() {
    return store.getIdentityKeyPair().getPublicKey().serialize();
  }

  @Override
  public byte[] sign(byte[] message) throws Exception {
    return Curve.calculateSignature(store.getIdentityKeyPair().getPrivateKey(), message);
  }

  @Override
  public boolean verify(byte[] serializedKey, byte[] message, byte[] signature)
      throws Exception {
    return Curve.verifySignature(Curve.decodePoint(serializedKey, 0), message, signature);
  }

  @Override
  public Peer session(String peer) {
    SessionCipher cipher = new SessionCipher(store, address(peer));
    String label = "signal-protocol-java(" + name + ")";
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
