package io.quintet.core.wire;

import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemKeyPair;
import io.quintet.core.keys.KemType;
import io.quintet.core.testing.FuzzSeedsContract;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Seeds for {@link WireFuzzTest}: one genuine message of each layout and version. */
class WireFuzzSeedsTest extends FuzzSeedsContract {
  @Override
  protected List<Seeds> seeds() {
    Class<?> t = WireFuzzTest.class;
    return List.of(
        new Seeds(t, "signalMessage", WireFuzzSeedsTest::signal, SignalMessage::parse),
        new Seeds(t, "preKeySignalMessage", WireFuzzSeedsTest::preKey, PreKeySignalMessage::parse),
        new Seeds(t, "senderKeyMessage", WireFuzzSeedsTest::senderKey, SenderKeyMessage::parse),
        new Seeds(t, "senderKeyDistributionMessage", WireFuzzSeedsTest::distribution,
            SenderKeyDistributionMessage::parse));
  }

  private static SignalMessage signal(int version) {
    return SignalMessage.create(version, Curve25519KeyPair.generate().publicKey(), 3, 1,
        new byte[16], new byte[32], IdentityKeyPair.generate().identityKey(),
        IdentityKeyPair.generate().identityKey());
  }

  static Map<String, byte[]> signal() {
    return named("v3", signal(3).serialize(), "v4", signal(4).serialize());
  }

  static Map<String, byte[]> preKey() {
    byte[] kemCiphertext;
    try {
      kemCiphertext = KemKeyPair.generate(KemType.KYBER_1024).publicKey().encapsulate()
          .serializedCiphertext();
    } catch (io.quintet.core.InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
    PreKeySignalMessage v3 = PreKeySignalMessage.create(3, 7, 5, 6, null, null,
        Curve25519KeyPair.generate().publicKey(), IdentityKeyPair.generate().identityKey(),
        signal(3));
    PreKeySignalMessage v4 = PreKeySignalMessage.create(4, 7, null, 6, 9, kemCiphertext,
        Curve25519KeyPair.generate().publicKey(), IdentityKeyPair.generate().identityKey(),
        signal(4));
    return named("v3-opk", v3.serialize(), "v4-kem", v4.serialize());
  }

  static Map<String, byte[]> senderKey() {
    Curve25519KeyPair signer = Curve25519KeyPair.generate();
    return named(
        "libsignal", SenderKeyMessage.create(UUID.randomUUID(), 42, 7, new byte[16],
            signer.privateKey()).serialize(),
        "legacy", SenderKeyMessage.createLegacy(42, 7, new byte[16], signer.privateKey())
            .serialize());
  }

  static Map<String, byte[]> distribution() {
    Curve25519KeyPair signer = Curve25519KeyPair.generate();
    return named(
        "libsignal", SenderKeyDistributionMessage.create(UUID.randomUUID(), 42, 7,
            Rng.bytes(32), signer.publicKey()).serialize(),
        "legacy", SenderKeyDistributionMessage.createLegacy(42, 7, Rng.bytes(32),
            signer.publicKey()).serialize());
  }
}
