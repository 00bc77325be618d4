package io.quintet.store.sqlite;

import io.quintet.core.DeviceAddress;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.core.wire.SignalMessage;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionBuilder;
import java.util.HexFormat;

/** Session set-up and message inspection shared by the tests that run real sessions. */
final class Peers {
  private Peers() {}

  /** A PQXDH bundle of {@code owner} with fresh keys numbered {@code id}, stored in its store. */
  static PreKeyBundle bundle(ProtocolStore owner, DeviceAddress address, int id) {
    SignedPreKey spk = SignedPreKey.generate(id, System.currentTimeMillis(), owner.identityKeyPair());
    OneTimePreKey opk = OneTimePreKey.generate(id, System.currentTimeMillis());
    KemPreKey kem = KemPreKey.generate(
        id, System.currentTimeMillis(), KemType.ML_KEM_1024, owner.identityKeyPair(), false);
    owner.atomically(() -> {
      owner.storeSignedPreKey(spk);
      owner.storePreKey(opk);
      owner.storeKemPreKey(kem);
      return null;
    });
    return PreKeyBundle.builder()
        .registrationId(owner.localRegistrationId())
        .deviceId(address.device())
        .identityKey(owner.identityKeyPair().identityKey())
        .signedPreKey(spk.id(), spk.publicKey(), spk.signature())
        .oneTimePreKey(opk.id(), opk.publicKey())
        .kemPreKey(kem.id(), kem.publicKey(), kem.signature())
        .build();
  }

  /** {@code from} builds a session to {@code to} from a fresh bundle of {@code to}. */
  static void connect(ProtocolStore from, DeviceAddress to, ProtocolStore toStore, int id)
      throws Exception {
    new SessionBuilder(from, to).process(bundle(toStore, to, id));
  }

  /** The Double Ratchet message inside either message type. */
  static SignalMessage inner(CiphertextMessage m) throws InvalidMessageException {
    return m.type() == CiphertextMessage.Type.PREKEY
        ? PreKeySignalMessage.parse(m.serialize()).message()
        : SignalMessage.parse(m.serialize());
  }

  /** "chain key (hex of the sender's ratchet key) / counter": one message key per value. */
  static String messageKeyId(CiphertextMessage m) throws InvalidMessageException {
    SignalMessage s = inner(m);
    return HexFormat.of().formatHex(s.ratchetKey().serialize()) + "/" + s.counter();
  }
}
