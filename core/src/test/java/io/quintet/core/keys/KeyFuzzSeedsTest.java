package io.quintet.core.keys;

import io.quintet.core.testing.FuzzSeedsContract;
import java.util.List;

/** Seeds for {@link KeyFuzzTest}: one genuine serialization of each key and record. */
class KeyFuzzSeedsTest extends FuzzSeedsContract {
  @Override
  protected List<Seeds> seeds() {
    Class<?> t = KeyFuzzTest.class;
    return List.of(
        new Seeds(t, "curve25519PublicKey",
            () -> named("key", Curve25519KeyPair.generate().publicKey().serialize()),
            Curve25519PublicKey::parse),
        new Seeds(t, "identityKey",
            () -> named("key", IdentityKeyPair.generate().identityKey().serialize()),
            IdentityKey::parse),
        new Seeds(t, "kemPublicKey",
            () -> named("kyber", KemKeyPair.generate(KemType.KYBER_1024).publicKey().serialize(),
                "mlkem", KemKeyPair.generate(KemType.ML_KEM_1024).publicKey().serialize()),
            KemPublicKey::parse),
        new Seeds(t, "kemSecretKey",
            () -> named("mlkem", KemKeyPair.generate(KemType.ML_KEM_1024).secretKey().serialize()),
            KemSecretKey::parse),
        new Seeds(t, "identityKeyPairRecord",
            () -> named("record", IdentityKeyPair.generate().serialize()), IdentityKeyPair::parse),
        new Seeds(t, "signedPreKeyRecord",
            () -> named("record", SignedPreKey.generate(7, 1, IdentityKeyPair.generate()).serialize()),
            SignedPreKey::parse),
        new Seeds(t, "oneTimePreKeyRecord",
            () -> named("record", OneTimePreKey.generate(7, 1).serialize()), OneTimePreKey::parse),
        new Seeds(t, "kemPreKeyRecord",
            () -> named("record", KemPreKey.generate(7, 1, KemType.ML_KEM_1024,
                IdentityKeyPair.generate(), true).serialize()),
            KemPreKey::parse));
  }
}
