package io.quintet.devicelist.messaging;

import com.google.protobuf.ByteString;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemPublicKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.ProtocolStore;
import io.quintet.devicelist.internal.proto.MessagingProtos.WirePreKeyBundle;
import io.quintet.ratchet.PreKeyManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Prekey bundles: made from this device's keys, and carried in retry requests. */
final class Bundles {
  private Bundles() {}

  /**
   * {@code count} bundles with fresh one-time EC and KEM prekeys, over the newest signed
   * prekey (made if there is none); a last-resort KEM prekey is kept in stock as well.
   */
  static List<PreKeyBundle> fresh(ProtocolStore store, Clock clock, DeviceId self, KemType kem,
      int count) {
    PreKeyManager keys = new PreKeyManager(store, clock);
    SignedPreKey spk = store.signedPreKeys().stream()
        .max(Comparator.comparingLong(SignedPreKey::timestamp))
        .orElseGet(keys::rotateSignedPreKey);
    if (store.kemPreKeys().stream().noneMatch(KemPreKey::isLastResort)) {
      keys.rotateLastResortKemPreKey(kem);
    }
    List<OneTimePreKey> ec = keys.generateOneTimePreKeys(count);
    List<KemPreKey> pq = keys.generateOneTimeKemPreKeys(count, kem);
    List<PreKeyBundle> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(PreKeyBundle.builder()
          .registrationId(store.localRegistrationId())
          .deviceId(self)
          .identityKey(store.identityKeyPair().identityKey())
          .signedPreKey(spk.id(), spk.publicKey(), spk.signature())
          .oneTimePreKey(ec.get(i).id(), ec.get(i).publicKey())
          .kemPreKey(pq.get(i).id(), pq.get(i).publicKey(), pq.get(i).signature())
          .build());
    }
    return out;
  }

  /**
   * A bundle without one-time prekeys: the newest signed prekey and the last-resort KEM
   * prekey, as a retry request carries it. Made from keys already in stock, so answering
   * (possibly forged) failures never grows the store.
   */
  static java.util.Optional<PreKeyBundle> current(ProtocolStore store, DeviceId self) {
    java.util.Optional<SignedPreKey> spk = store.signedPreKeys().stream()
        .max(Comparator.comparingLong(SignedPreKey::timestamp));
    java.util.Optional<KemPreKey> kem = store.kemPreKeys().stream()
        .filter(KemPreKey::isLastResort).max(Comparator.comparingLong(KemPreKey::timestamp));
    if (spk.isEmpty() || kem.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(PreKeyBundle.builder()
        .registrationId(store.localRegistrationId())
        .deviceId(self)
        .identityKey(store.identityKeyPair().identityKey())
        .signedPreKey(spk.get().id(), spk.get().publicKey(), spk.get().signature())
        .kemPreKey(kem.get().id(), kem.get().publicKey(), kem.get().signature())
        .build());
  }

  static WirePreKeyBundle wire(PreKeyBundle b) {
    WirePreKeyBundle.Builder w = WirePreKeyBundle.newBuilder()
        .setRegistrationId(b.registrationId())
        .setDeviceId(b.deviceId().value())
        .setIdentityKey(ByteString.copyFrom(b.identityKey().serialize()))
        .setSignedPreKeyId(b.signedPreKeyId())
        .setSignedPreKey(ByteString.copyFrom(b.signedPreKey().serialize()))
        .setSignedPreKeySignature(ByteString.copyFrom(b.signedPreKeySignature()));
    b.oneTimePreKeyId().ifPresent(id -> w.setOneTimePreKeyId(id)
        .setOneTimePreKey(ByteString.copyFrom(b.oneTimePreKey().orElseThrow().serialize())));
    b.kemPreKeyId().ifPresent(id -> w.setKemPreKeyId(id)
        .setKemPreKey(ByteString.copyFrom(b.kemPreKey().orElseThrow().serialize()))
        .setKemPreKeySignature(ByteString.copyFrom(b.kemPreKeySignature())));
    return w.build();
  }

  static PreKeyBundle parse(WirePreKeyBundle w) throws InvalidMessageException {
    try {
      PreKeyBundle.Builder b = PreKeyBundle.builder()
          .registrationId(w.getRegistrationId())
          .deviceId(DeviceId.of(w.getDeviceId()))
          .identityKey(IdentityKey.parse(w.getIdentityKey().toByteArray()))
          .signedPreKey(w.getSignedPreKeyId(),
              Curve25519PublicKey.parse(w.getSignedPreKey().toByteArray()),
              w.getSignedPreKeySignature().toByteArray());
      if (!w.getOneTimePreKey().isEmpty()) {
        b.oneTimePreKey(w.getOneTimePreKeyId(),
            Curve25519PublicKey.parse(w.getOneTimePreKey().toByteArray()));
      }
      if (!w.getKemPreKey().isEmpty()) {
        b.kemPreKey(w.getKemPreKeyId(), KemPublicKey.parse(w.getKemPreKey().toByteArray()),
            w.getKemPreKeySignature().toByteArray());
      }
      return b.build();
    } catch (InvalidKeyException | IllegalArgumentException | NullPointerException e) {
      throw new InvalidMessageException("prekey bundle in retry request is invalid");
    }
  }
}
