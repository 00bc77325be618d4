package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.ratchet.SessionPolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What libsignal-client 0.86.5 refuses from Quintet, and how: X3DH-only bundles and first
 * messages (it requires PQXDH), and ML-KEM-1024 prekeys (it speaks only Kyber-1024).
 */
class LibsignalRefusalInteropTest {
  private static final SessionPolicy X3DH = SessionPolicy.builder().allowX3dh(true).build();

  @Test
  void x3dhBundleCannotEvenBeBuilt() {
    QuintetDevice bob = new QuintetDevice("bob", X3DH);
    PreKeyBundle x3dhOnly = bob.publishBundle(true, null);
    // The Kyber prekey is a non-null parameter of libsignal's (Kotlin) PreKeyBundle.
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> LibsignalDevice.toLibsignal(x3dhOnly));
    assertTrue(e.getMessage().contains("kyberPreKeyPublic"), e.getMessage());
  }

  @Test
  void x3dhFirstMessageIsRefusedAndChangesNothing() throws Exception {
    QuintetDevice alice = new QuintetDevice("alice", X3DH);
    LibsignalDevice bob = new LibsignalDevice("bob");
    PreKeyBundle full = bob.publishBundle(true);
    // Quintet ignores the KEM prekey it could use: rebuild the bundle without it.
    alice.process("bob", withoutKem(full));
    Wire first = alice.session("bob").encrypt("hi".getBytes(StandardCharsets.UTF_8));
    assertEquals(3, PreKeySignalMessage.parse(first.bytes()).version());

    org.signal.libsignal.protocol.InvalidMessageException e =
        assertThrows(
            org.signal.libsignal.protocol.InvalidMessageException.class,
            () -> bob.session("alice").decrypt(first));
    assertTrue(e.getMessage().contains("X3DH no longer supported"), e.getMessage());
    assertFalse(bob.store().containsSession(LibsignalDevice.address("alice")));
    assertTrue(bob.store().containsPreKey(full.oneTimePreKeyId().get()), "prekey consumed");
  }

  @Test
  void mlKemPrekeyIsRefused() {
    QuintetDevice bob = new QuintetDevice("bob", SessionPolicy.DEFAULT);
    PreKeyBundle mlKem = bob.publishBundle(true, KemType.ML_KEM_1024);
    org.signal.libsignal.protocol.InvalidKeyException e =
        assertThrows(
            org.signal.libsignal.protocol.InvalidKeyException.class,
            () -> LibsignalDevice.toLibsignal(mlKem));
    assertTrue(e.getMessage().contains("bad KEM key type <0x0a>"), e.getMessage());
  }

  private static PreKeyBundle withoutKem(PreKeyBundle b) {
    return PreKeyBundle.builder()
        .registrationId(b.registrationId())
        .deviceId(b.deviceId())
        .identityKey(b.identityKey())
        .signedPreKey(b.signedPreKeyId(), b.signedPreKey(), b.signedPreKeySignature())
        .oneTimePreKey(b.oneTimePreKeyId().get(), b.oneTimePreKey().get())
        .build();
  }
}
