package io.quintet.ratchet;

import static io.quintet.core.testing.Vectors.hex;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemPublicKey;
import io.quintet.core.keys.KemSecretKey;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.ratchet.internal.RatchetKeySource;
import java.util.ArrayDeque;
import java.util.Deque;

/** A party of a recorded libsignal conversation, rebuilt from the vector file's JSON. */
final class RecordedParty {
  final JsonObject json;
  final DeviceAddress address;
  final InMemoryProtocolStore store;

  RecordedParty(JsonObject json) throws InvalidKeyException {
    this.json = json;
    JsonObject a = json.getAsJsonObject("address");
    this.address =
        DeviceAddress.of(
            AccountId.of(a.get("name").getAsString()), DeviceId.of(a.get("device_id").getAsInt()));
    this.store =
        InMemoryProtocolStore.create(
            IdentityKeyPair.fromPrivateKey(
                Curve25519PrivateKey.parse(
                    hex(json.getAsJsonObject("identity_key").get("private").getAsString()))),
            json.get("registration_id").getAsInt());
  }

  /** Loads the responder's signed, one-time and KEM prekeys into its store. */
  void installPreKeys() throws InvalidKeyException {
    JsonObject spk = json.getAsJsonObject("signed_prekey");
    store.storeSignedPreKey(
        new SignedPreKey(
            spk.get("id").getAsInt(),
            spk.get("timestamp").getAsLong(),
            pair(spk.get("public").getAsString(), spk.get("private").getAsString()),
            hex(spk.get("signature").getAsString())));
    if (json.has("one_time_prekey") && !json.get("one_time_prekey").isJsonNull()) {
      JsonObject opk = json.getAsJsonObject("one_time_prekey");
      store.storePreKey(
          new OneTimePreKey(
              opk.get("id").getAsInt(),
              0,
              pair(opk.get("public").getAsString(), opk.get("private").getAsString())));
    }
    if (json.has("kyber_prekey") && !json.get("kyber_prekey").isJsonNull()) {
      JsonObject k = json.getAsJsonObject("kyber_prekey");
      store.storeKemPreKey(
          new KemPreKey(
              k.get("id").getAsInt(),
              k.get("timestamp").getAsLong(),
              KemKeyPair.of(
                  KemPublicKey.parse(hex(k.get("public").getAsString())),
                  KemSecretKey.parse(hex(k.get("secret").getAsString()))),
              hex(k.get("signature").getAsString()),
              false));
    }
  }

  /** The bundle a server would hand out for this (responder) party. */
  PreKeyBundle bundle() throws InvalidKeyException {
    JsonObject spk = json.getAsJsonObject("signed_prekey");
    PreKeyBundle.Builder b =
        PreKeyBundle.builder()
            .registrationId(json.get("registration_id").getAsInt())
            .deviceId(address.device())
            .identityKey(store.identityKeyPair().identityKey())
            .signedPreKey(
                spk.get("id").getAsInt(),
                Curve25519PublicKey.parse(hex(spk.get("public").getAsString())),
                hex(spk.get("signature").getAsString()));
    if (json.has("one_time_prekey") && !json.get("one_time_prekey").isJsonNull()) {
      JsonObject opk = json.getAsJsonObject("one_time_prekey");
      b.oneTimePreKey(
          opk.get("id").getAsInt(), Curve25519PublicKey.parse(hex(opk.get("public").getAsString())));
    }
    return b.build();
  }

  /** Replays the recorded ratchet keys (optionally preceded by the base key), in order. */
  RatchetKeySource recordedKeys(boolean withBaseKey) throws InvalidKeyException {
    return recordedKeys(withBaseKey, false);
  }

  /**
   * Like {@link #recordedKeys(boolean)}; with {@code thenRandom}, fresh keys follow the
   * recorded ones (for messages the recording's party could not have answered).
   */
  RatchetKeySource recordedKeys(boolean withBaseKey, boolean thenRandom)
      throws InvalidKeyException {
    Deque<Curve25519KeyPair> keys = new ArrayDeque<>();
    if (withBaseKey) {
      JsonObject base = json.getAsJsonObject("base_key");
      keys.add(pair(base.get("public").getAsString(), base.get("private").getAsString()));
    }
    for (JsonElement e : json.getAsJsonArray("ratchet_keys")) {
      JsonObject k = e.getAsJsonObject();
      keys.add(pair(k.get("public").getAsString(), k.get("private").getAsString()));
    }
    return () -> {
      if (keys.isEmpty() && thenRandom) {
        return Curve25519KeyPair.generate();
      }
      if (keys.isEmpty()) {
        throw new IllegalStateException("the recording has no more keys for " + address);
      }
      return keys.poll();
    };
  }

  static Curve25519KeyPair pair(String publicHex, String privateHex) throws InvalidKeyException {
    return Curve25519KeyPair.of(
        Curve25519PublicKey.parse(hex(publicHex)), Curve25519PrivateKey.parse(hex(privateHex)));
  }
}
