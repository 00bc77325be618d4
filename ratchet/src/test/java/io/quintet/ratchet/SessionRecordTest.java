package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.Limits;
import io.quintet.core.keys.KemType;
import io.quintet.ratchet.internal.SessionRecord;
import org.junit.jupiter.api.Test;

/** Archived session states: bounded like libsignal's, and still used for late messages. */
class SessionRecordTest {

  @Test
  void aLateMessageForAnArchivedSessionStillDecrypts() throws Exception {
    TestDevices alice = new TestDevices("alice", 1);
    TestDevices bob = new TestDevices("bob", 1);
    alice.startSessionWith(bob, KemType.ML_KEM_1024);
    SessionCipher a = alice.cipherTo(bob);
    SessionCipher b = bob.cipherTo(alice);
    CiphertextMessage first = a.encrypt(new byte[] {1});
    b.decrypt(first.type(), first.serialize());
    CiphertextMessage reply = b.encrypt(new byte[] {2});
    a.decrypt(reply.type(), reply.serialize());
    CiphertextMessage late = a.encrypt(new byte[] {3}); // held back by the network

    alice.startSessionWith(bob, KemType.ML_KEM_1024); // Alice starts over (e.g. after a retry)
    CiphertextMessage fresh = a.encrypt(new byte[] {4});
    assertEquals(CiphertextMessage.Type.PREKEY, fresh.type());
    assertArrayEquals(new byte[] {4}, b.decrypt(fresh.type(), fresh.serialize()));
    assertEquals(1, SessionRecord.parse(bob.sessionWith(alice)).previousCount());

    assertArrayEquals(new byte[] {3}, b.decrypt(late.type(), late.serialize()), "archived state used");
    for (int i = 0; i < 3; i++) {
      CiphertextMessage x = b.encrypt(new byte[] {(byte) (10 + i)});
      assertArrayEquals(new byte[] {(byte) (10 + i)}, a.decrypt(x.type(), x.serialize()));
      CiphertextMessage y = a.encrypt(new byte[] {(byte) (20 + i)});
      assertArrayEquals(new byte[] {(byte) (20 + i)}, b.decrypt(y.type(), y.serialize()));
    }
  }

  @Test
  void atMostFortyPreviousStatesAreKept() throws Exception {
    TestDevices alice = new TestDevices("alice", 1);
    TestDevices bob = new TestDevices("bob", 1);
    for (int i = 0; i < Limits.ARCHIVED_STATES_MAX_LENGTH + 5; i++) {
      alice.startSessionWith(bob, KemType.ML_KEM_1024);
    }
    SessionRecord record = SessionRecord.parse(alice.sessionWith(bob));
    assertTrue(record.hasCurrent());
    assertEquals(Limits.ARCHIVED_STATES_MAX_LENGTH, record.previousCount());
  }

  @Test
  void aRecordWithoutSkippedKeysStaysSmall() throws Exception {
    TestDevices alice = new TestDevices("alice", 1);
    TestDevices bob = new TestDevices("bob", 1);
    alice.startSessionWith(bob, KemType.KYBER_1024);
    SessionCipher a = alice.cipherTo(bob);
    SessionCipher b = bob.cipherTo(alice);
    for (int i = 0; i < 10; i++) {
      CiphertextMessage m = a.encrypt(new byte[1024]);
      b.decrypt(m.type(), m.serialize());
      CiphertextMessage r = b.encrypt(new byte[1024]);
      a.decrypt(r.type(), r.serialize());
    }
    // DESIGN.md's budget is 700 bytes for a record without SPQR; libsignal's is ~6.5 KB.
    int size = bob.sessionWith(alice).length;
    assertTrue(size <= 700, "record is " + size + " bytes");
  }
}
