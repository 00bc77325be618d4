package io.quintet.ratchet.hostile;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.InvalidSignatureException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.ratchet.SessionBuilder;
import io.quintet.ratchet.TestDevices;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A server hands out a prekey bundle whose signed prekeys are not what Bob's identity signed:
 * flipped bits, a genuine signature of another prekey reused, a signature by another identity, a
 * signed-prekey signature passed off for the KEM key. None may start a session.
 */
class ForgedBundleTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);

  private static PreKeyBundle.Builder copy(PreKeyBundle b) {
    PreKeyBundle.Builder out = PreKeyBundle.builder().registrationId(b.registrationId())
        .deviceId(b.deviceId()).identityKey(b.identityKey())
        .signedPreKey(b.signedPreKeyId(), b.signedPreKey(), b.signedPreKeySignature());
    b.oneTimePreKey().ifPresent(k -> out.oneTimePreKey(b.oneTimePreKeyId().get(), k));
    b.kemPreKey().ifPresent(k -> out.kemPreKey(b.kemPreKeyId().get(), k, b.kemPreKeySignature()));
    return out;
  }

  @Test
  void noForgedOrReusedSignatureStartsASession() throws Exception {
    PreKeyBundle genuine = bob.bundle(KemType.ML_KEM_1024);
    PreKeyBundle other = bob.bundle(KemType.ML_KEM_1024); // signed by bob too, other keys
    IdentityKeyPair mallory = IdentityKeyPair.generate();
    byte[] flipped = genuine.signedPreKeySignature();
    flipped[17] ^= 0x40;
    List<UnaryOperator<PreKeyBundle.Builder>> forgeries = List.of(
        b -> b.signedPreKey(genuine.signedPreKeyId(), genuine.signedPreKey(), flipped),
        b -> b.signedPreKey(genuine.signedPreKeyId(), other.signedPreKey(),
            genuine.signedPreKeySignature()),
        b -> b.signedPreKey(genuine.signedPreKeyId(), genuine.signedPreKey(),
            mallory.sign(genuine.signedPreKey().serialize())),
        b -> b.signedPreKey(genuine.signedPreKeyId(), genuine.signedPreKey(), new byte[64]),
        b -> b.kemPreKey(genuine.kemPreKeyId().get(), other.kemPreKey().get(),
            genuine.kemPreKeySignature()),
        b -> b.kemPreKey(genuine.kemPreKeyId().get(), genuine.kemPreKey().get(),
            genuine.signedPreKeySignature()),
        b -> b.kemPreKey(genuine.kemPreKeyId().get(), genuine.kemPreKey().get(), new byte[0]));
    Guarded guardedAlice = new Guarded(alice);
    for (UnaryOperator<PreKeyBundle.Builder> forge : forgeries) {
      PreKeyBundle forged = forge.apply(copy(genuine)).build();
      guardedAlice.watch(s -> s.addresses(bob.address));
      assertThrows(InvalidSignatureException.class,
          () -> new SessionBuilder(guardedAlice.store(), bob.address).process(forged));
      guardedAlice.assertUntouched();
    }
    new SessionBuilder(guardedAlice.store(), bob.address).process(genuine); // the control
  }
}
