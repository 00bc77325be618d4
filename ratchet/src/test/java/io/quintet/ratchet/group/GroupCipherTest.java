package io.quintet.ratchet.group;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.Limits;
import io.quintet.core.NoSessionException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.core.wire.SenderKeyMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The public group API end to end on in-memory stores. Signing and verifying need XEdDSA. */
class GroupCipherTest {
  private final UUID group = UUID.randomUUID();
  private final GroupPeer alice = new GroupPeer("alice", 1);
  private final GroupPeer bob = new GroupPeer("bob", 2);

  private void join() throws Exception {
    SenderKeyDistributionMessage skdm = alice.builder.create(alice.address, group);
    bob.builder.process(alice.address, SenderKeyDistributionMessage.parse(skdm.serialize()));
  }

  private byte[] send(String text) throws Exception {
    return alice.cipher.encrypt(group, text.getBytes(UTF_8));
  }

  private String receive(byte[] wire) throws Exception {
    return new String(bob.cipher.decrypt(alice.address, wire), UTF_8);
  }

  @Test
  void membersDecryptWhatTheSenderEncrypts() throws Exception {
    join();
    byte[] m0 = send("hello");
    byte[] m1 = send("");
    SenderKeyMessage parsed = SenderKeyMessage.parse(m0);
    assertEquals(group, parsed.distributionId().orElseThrow());
    assertEquals(0, parsed.iteration());
    assertEquals("", receive(m1));
    assertEquals("hello", receive(m0));
    assertThrows(DuplicateMessageException.class, () -> receive(m0));
  }

  @Test
  void encryptingNeedsOurOwnSenderKey() throws Exception {
    assertThrows(NoSessionException.class, () -> send("x"));
    join();
    // Bob holds Alice's chain, but cannot send on it under her name.
    GroupCipher impostor = new GroupCipher(bob.store, alice.address);
    assertThrows(NoSessionException.class, () -> impostor.encrypt(group, new byte[1]));
  }

  @Test
  void decryptingNeedsTheSendersDistribution() throws Exception {
    SenderKeyDistributionMessage skdm = alice.builder.create(alice.address, group);
    byte[] m = send("x");
    assertThrows(NoSessionException.class, () -> receive(m));
    bob.builder.process(alice.address, skdm);
    GroupPeer mallory = new GroupPeer("mallory", 1);
    assertThrows(NoSessionException.class, () -> bob.cipher.decrypt(mallory.address, m));
    assertEquals("x", receive(m));
  }

  @Test
  void createReturnsTheSameChainAtItsCurrentIteration() throws Exception {
    SenderKeyDistributionMessage first = alice.builder.create(alice.address, group);
    alice.builder.create(alice.address, group);
    send("a");
    send("b");
    SenderKeyDistributionMessage later = alice.builder.create(alice.address, group);
    assertEquals(first.chainId(), later.chainId());
    assertEquals(first.signingKey(), later.signingKey());
    assertEquals(0, first.iteration());
    assertEquals(2, later.iteration());
    // A member joining now reads from iteration 2 on; earlier messages are too old for it.
    bob.builder.process(alice.address, later);
    byte[] c = send("c");
    assertEquals("c", receive(c));
  }

  @Test
  void aForgedSignatureIsRejectedAndChangesNothing() throws Exception {
    join();
    SenderKeyState own = alice.ownState(group);
    byte[] before = bob.record(alice.address, group);
    byte[] ct = own.nextSendingKey().encrypt(new byte[3]);
    byte[] forged =
        SenderKeyMessage.create(group, own.chainId(), 0, ct, Curve25519KeyPair.generate().privateKey())
            .serialize();
    InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> receive(forged));
    assertTrue(e.getMessage().contains("signature"), e.getMessage());
    assertArrayEquals(before, bob.record(alice.address, group));
  }

  @Test
  void aJumpBeyondTheLimitIsRefusedBeforeTheSignatureIsChecked() throws Exception {
    join();
    SenderKeyState own = alice.ownState(group);
    byte[] before = bob.record(alice.address, group);
    int far = Limits.MAX_FORWARD_JUMPS + 1;
    byte[] forgedFar =
        SenderKeyMessage.create(group, own.chainId(), far, new byte[16],
            Curve25519KeyPair.generate().privateKey()).serialize();
    InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> receive(forgedFar));
    assertTrue(e.getMessage().contains("ahead"), e.getMessage());
    byte[] signedFar =
        SenderKeyMessage.create(group, own.chainId(), far, new byte[16], own.signingPrivateKey())
            .serialize();
    assertThrows(InvalidMessageException.class, () -> receive(signedFar));
    assertArrayEquals(before, bob.record(alice.address, group));
  }

  @Test
  void aJumpOfExactlyTheLimitIsAccepted() throws Exception {
    join();
    SenderKeyState own = alice.ownState(group);
    SenderChainKey ck = own.chainKey();
    for (int i = 0; i < Limits.MAX_FORWARD_JUMPS; i++) {
      ck = ck.next();
    }
    byte[] ct = ck.messageKey().encrypt("far".getBytes(UTF_8));
    byte[] m =
        SenderKeyMessage.create(group, own.chainId(), Limits.MAX_FORWARD_JUMPS, ct,
            own.signingPrivateKey()).serialize();
    assertEquals("far", receive(m));
  }

  @Test
  void reprocessingADistributionDoesNotReopenOldMessages() throws Exception {
    SenderKeyDistributionMessage skdm = alice.builder.create(alice.address, group);
    bob.builder.process(alice.address, skdm);
    byte[] m0 = send("zero");
    assertEquals("zero", receive(m0));
    bob.builder.process(alice.address, skdm); // replayed distribution message
    assertThrows(DuplicateMessageException.class, () -> receive(m0));
  }

  @Test
  void aSenderThatReKeysKeepsItsLastFiveChainsReadable() throws Exception {
    byte[][] first = new byte[6][];
    for (int k = 0; k < 6; k++) {
      GroupPeer reinstalled = new GroupPeer("alice", 1); // same address, fresh keys
      bob.builder.process(alice.address, reinstalled.builder.create(alice.address, group));
      first[k] = reinstalled.cipher.encrypt(group, new byte[] {(byte) k});
    }
    assertThrows(NoSessionException.class, () -> receive(first[0]));
    for (int k = 1; k < 6; k++) {
      assertArrayEquals(new byte[] {(byte) k}, bob.cipher.decrypt(alice.address, first[k]));
    }
  }

  @Test
  void legacyGroupsSpeakOnlyTheLegacyLayout() throws Exception {
    SenderKeyDistributionMessage skdm = alice.builder.createLegacy(alice.address, group);
    assertTrue(skdm.isLegacy());
    assertThrows(InvalidMessageException.class, () -> bob.builder.process(alice.address, skdm));
    bob.builder.processLegacy(alice.address, group, skdm);
    byte[] m = send("old school");
    assertTrue(SenderKeyMessage.parse(m).isLegacy());
    assertThrows(InvalidMessageException.class, () -> receive(m));
    assertEquals(
        "old school", new String(bob.cipher.decryptLegacy(alice.address, group, m), UTF_8));
    SenderKeyDistributionMessage modern = new GroupPeer("carol", 1).builder.create(alice.address, group);
    assertThrows(
        InvalidMessageException.class, () -> bob.builder.processLegacy(alice.address, group, modern));
  }

  @Test
  void aChainRefusesMessagesInTheOtherLayout() throws Exception {
    join();
    SenderKeyState own = alice.ownState(group);
    byte[] ct = own.nextSendingKey().encrypt(new byte[3]);
    byte[] legacy =
        SenderKeyMessage.createLegacy(own.chainId(), 0, ct, own.signingPrivateKey()).serialize();
    InvalidMessageException e =
        assertThrows(
            InvalidMessageException.class, () -> bob.cipher.decryptLegacy(alice.address, group, legacy));
    assertTrue(e.getMessage().contains("layout"), e.getMessage());
  }

  @Test
  void anUnreadableRecordIsNoSessionAndANewDistributionHealsIt() throws Exception {
    join();
    byte[] m = send("after");
    bob.store.storeSenderKey(alice.address, group, new byte[] {1, 2, 3});
    assertThrows(NoSessionException.class, () -> receive(m));
    bob.builder.process(alice.address, alice.builder.create(alice.address, group));
    assertEquals("next", receive(send("next")));
  }

  @Test
  void theLargestPlaintextStillMakesAMessageReceiversAccept() throws Exception {
    join();
    byte[] m = alice.cipher.encrypt(group, new byte[GroupCipher.MAX_PLAINTEXT_BYTES]);
    assertTrue(m.length <= Limits.MAX_MESSAGE_BYTES);
    assertEquals(GroupCipher.MAX_PLAINTEXT_BYTES, bob.cipher.decrypt(alice.address, m).length);
    byte[] before = alice.record(alice.address, group);
    assertThrows(
        IllegalArgumentException.class,
        () -> alice.cipher.encrypt(group, new byte[GroupCipher.MAX_PLAINTEXT_BYTES + 1]));
    assertArrayEquals(before, alice.record(alice.address, group));
  }

  @Test
  void recordsAreKeptPerSenderAndDistribution() throws Exception {
    join();
    assertNull(bob.record(alice.address, UUID.randomUUID()));
    assertNull(bob.record(bob.address, group));
    assertTrue(bob.record(alice.address, group).length > 0);
    assertFalse(alice.cipher.toString().contains("store"));
  }
}
