package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidKeyIdException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.NoSessionException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.ratchet.internal.SessionRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Session setup, trust decisions and prekey consumption, one behaviour per test. */
class SessionCipherTest {
  private final TestDevices alice = new TestDevices("alice", 1);
  private final TestDevices bob = new TestDevices("bob", 1);

  private static byte[] roundTrip(SessionCipher from, SessionCipher to, byte[] plain) throws Exception {
    CiphertextMessage m = from.encrypt(plain);
    return to.decrypt(m.type(), m.serialize());
  }

  @Test
  void pqxdhWithBothKemsCarriesMessagesBothWays() throws Exception {
    for (KemType kem : KemType.values()) {
      TestDevices a = new TestDevices("a-" + kem, 1);
      TestDevices b = new TestDevices("b-" + kem, 1);
      a.startSessionWith(b, kem);
      CiphertextMessage first = a.cipherTo(b).encrypt(new byte[] {1});
      assertEquals(CiphertextMessage.Type.PREKEY, first.type());
      assertEquals(0x44, first.serialize()[0] & 0xFF, "PQXDH version byte");
      assertArrayEquals(new byte[] {1}, b.cipherTo(a).decrypt(first.type(), first.serialize()));
      assertArrayEquals(new byte[] {2}, roundTrip(b.cipherTo(a), a.cipherTo(b), new byte[] {2}));
      CiphertextMessage after = a.cipherTo(b).encrypt(new byte[] {3});
      assertEquals(CiphertextMessage.Type.WHISPER, after.type(), "no PREKEY once answered");
    }
  }

  @Test
  void x3dhIsRefusedUnlessThePolicyAllowsIt() throws Exception {
    PreKeyBundle noKem = bob.bundle(null);
    assertThrows(InvalidKeyException.class, () -> new SessionBuilder(alice.store, bob.address).process(noKem));
    assertFalse(alice.cipherTo(bob).hasSession(), "a refused bundle stores nothing");
    alice.startSessionWith(bob, null);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {7});
    assertEquals(0x34, first.serialize()[0] & 0xFF);
    SessionCipher strictBob = new SessionCipher(bob.store, alice.address);
    assertThrows(InvalidVersionException.class, () -> strictBob.decrypt(first.type(), first.serialize()));
    assertArrayEquals(new byte[] {7}, bob.cipherTo(alice).decrypt(first.type(), first.serialize()));
  }

  @Test
  void forgedBundleSignaturesAreRefusedBeforeAnyAgreement() throws Exception {
    PreKeyBundle good = bob.bundle(KemType.ML_KEM_1024);
    byte[] badSpk = good.signedPreKeySignature();
    badSpk[5] ^= 1;
    PreKeyBundle forgedSpk = PreKeyBundle.builder().registrationId(good.registrationId())
        .deviceId(good.deviceId()).identityKey(good.identityKey())
        .signedPreKey(good.signedPreKeyId(), good.signedPreKey(), badSpk)
        .kemPreKey(good.kemPreKeyId().get(), good.kemPreKey().get(), good.kemPreKeySignature())
        .build();
    byte[] badKem = good.kemPreKeySignature();
    badKem[60] ^= 1;
    PreKeyBundle forgedKem = PreKeyBundle.builder().registrationId(good.registrationId())
        .deviceId(good.deviceId()).identityKey(good.identityKey())
        .signedPreKey(good.signedPreKeyId(), good.signedPreKey(), good.signedPreKeySignature())
        .kemPreKey(good.kemPreKeyId().get(), good.kemPreKey().get(), badKem)
        .build();
    SessionBuilder builder = new SessionBuilder(alice.store, bob.address);
    assertThrows(InvalidSignatureException.class, () -> builder.process(forgedSpk));
    assertThrows(InvalidSignatureException.class, () -> builder.process(forgedKem));
    assertTrue(alice.store.loadSession(bob.address).isEmpty());
    assertTrue(alice.store.identity(bob.address).isEmpty());
  }

  @Test
  void aOneTimePreKeyIsConsumedExactlyOnce() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {1});
    assertEquals(1, bob.store.countPreKeys());
    bob.cipherTo(alice).decrypt(first.type(), first.serialize());
    assertEquals(0, bob.store.countPreKeys());
    assertTrue(bob.store.kemPreKeys().isEmpty(), "a one-time KEM prekey is consumed too");
    // The same first message again: a duplicate, not a second session.
    assertThrows(DuplicateMessageException.class,
        () -> bob.cipherTo(alice).decrypt(first.type(), first.serialize()));
    // With the session gone, the replayed first message cannot rebuild it: the key is used up.
    bob.store.deleteSession(alice.address);
    assertThrows(InvalidKeyIdException.class,
        () -> bob.cipherTo(alice).decrypt(first.type(), first.serialize()));
  }

  @Test
  void aChangedIdentityIsToldApartFromANewDevice() throws Exception {
    InMemoryProtocolStore picky = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 5);
    TestDevices impostor = new TestDevices("bob", 1); // same address, new identity
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    UntrustedIdentityException changed = assertThrows(UntrustedIdentityException.class,
        () -> new SessionBuilder(alice.store, bob.address).process(impostor.bundle(KemType.ML_KEM_1024)));
    assertEquals(UntrustedIdentityException.Reason.IDENTITY_CHANGED, changed.reason());
    assertEquals(bob.address, changed.address());

    // A store that trusts nobody new reports NEW_DEVICE.
    io.quintet.core.store.ProtocolStore distrustful = new DistrustfulStore(picky);
    UntrustedIdentityException fresh = assertThrows(UntrustedIdentityException.class,
        () -> new SessionBuilder(distrustful, bob.address).process(bob.bundle(KemType.ML_KEM_1024)));
    assertEquals(UntrustedIdentityException.Reason.NEW_DEVICE, fresh.reason());
  }

  @Test
  void encryptingWithoutASessionIsATypedError() {
    assertThrows(NoSessionException.class, () -> alice.cipherTo(bob).encrypt(new byte[] {1}));
    assertThrows(NoSessionException.class, () -> alice.cipherTo(bob).decrypt(
        CiphertextMessage.Type.WHISPER, validLookingWhisper()));
  }

  private byte[] validLookingWhisper() throws Exception {
    TestDevices c = new TestDevices("carol", 1);
    TestDevices d = new TestDevices("dave", 1);
    c.startSessionWith(d, KemType.ML_KEM_1024);
    CiphertextMessage first = c.cipherTo(d).encrypt(new byte[] {1});
    d.cipherTo(c).decrypt(first.type(), first.serialize());
    return d.cipherTo(c).encrypt(new byte[] {2}).serialize();
  }

  @Test
  void aForwardJumpBeyondThePolicyIsRefusedAndChangesNothing() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    SessionCipher a = alice.cipherTo(bob);
    SessionCipher tight = new SessionCipher(bob.store, alice.address,
        SessionPolicy.builder().maxForwardJumps(3).build());
    CiphertextMessage first = a.encrypt(new byte[] {0});
    tight.decrypt(first.type(), first.serialize());
    for (int i = 0; i < 4; i++) {
      a.encrypt(new byte[] {1}); // lost
    }
    CiphertextMessage far = a.encrypt(new byte[] {9}); // counter 5, chain at 1: a jump of 4
    byte[] before = bob.sessionWith(alice);
    InvalidMessageException e = assertThrows(InvalidMessageException.class,
        () -> tight.decrypt(far.type(), far.serialize()));
    assertTrue(e.getMessage().contains("ahead"), e.getMessage());
    assertArrayEquals(before, bob.sessionWith(alice));
    assertArrayEquals(new byte[] {9}, bob.cipherTo(alice).decrypt(far.type(), far.serialize()));
  }

  @Test
  void simultaneousInitiationConvergesOnOneSession() throws Exception {
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    bob.startSessionWith(alice, KemType.ML_KEM_1024);
    SessionCipher a = alice.cipherTo(bob);
    SessionCipher b = bob.cipherTo(alice);
    CiphertextMessage fromAlice = a.encrypt(new byte[] {1});
    CiphertextMessage fromBob = b.encrypt(new byte[] {2});
    assertArrayEquals(new byte[] {1}, b.decrypt(fromAlice.type(), fromAlice.serialize()));
    assertArrayEquals(new byte[] {2}, a.decrypt(fromBob.type(), fromBob.serialize()));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(new byte[] {(byte) i}, roundTrip(a, b, new byte[] {(byte) i}));
      assertArrayEquals(new byte[] {(byte) -i}, roundTrip(b, a, new byte[] {(byte) -i}));
    }
    byte[] aliceBase = SessionRecord.parse(alice.sessionWith(bob)).current().aliceBaseKey();
    byte[] bobBase = SessionRecord.parse(bob.sessionWith(alice)).current().aliceBaseKey();
    assertTrue(Arrays.equals(aliceBase, bobBase), "both sides use the same session");
  }

  @Test
  void lowPreKeysAreReportedToTheListener() throws Exception {
    int[] reported = {-1, -1};
    SessionPolicy policy = SessionPolicy.builder()
        .preKeyListener((ec, kem) -> { reported[0] = ec; reported[1] = kem; })
        .build();
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    CiphertextMessage first = alice.cipherTo(bob).encrypt(new byte[] {1});
    new SessionCipher(bob.store, alice.address, policy).decrypt(first.type(), first.serialize());
    assertArrayEquals(new int[] {0, 0}, reported);
  }
}
