package io.quintet.ratchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyIdException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.NoSessionException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.KemType;
import io.quintet.core.testing.RecordingProtocolStore;
import io.quintet.core.testing.StoreSnapshot;
import io.quintet.ratchet.internal.SessionRecord;

/**
 * Session entry points on arbitrary bytes. {@link SessionCipher#decrypt} gets fuzzed bytes as
 * either envelope type against an established session whose responder still holds prekeys;
 * oracle: only its declared exceptions escape, and a refused message commits no store write and
 * leaves every record byte-identical. {@link SessionRecord#parse} gets fuzzed store bytes;
 * oracle: a corrupt record is the documented {@link IllegalStateException} caused by an {@link
 * InvalidProtocolBufferException}, nothing else, and a record that parses round-trips.
 */
class SessionFuzzTest {
  /** Alice and Bob after one exchange; Bob keeps a fresh stock of prekeys for PREKEY inputs. */
  private static final class Fixture {
    static final TestDevices ALICE = new TestDevices("alice", 1);
    static final TestDevices BOB = new TestDevices("bob", 1);
    static final RecordingProtocolStore STORE;
    static final SessionCipher CIPHER;
    static final StoreSnapshot BEFORE;

    static {
      try {
        ALICE.startSessionWith(BOB, KemType.ML_KEM_1024);
        CiphertextMessage first = ALICE.cipherTo(BOB).encrypt(new byte[] {1});
        BOB.cipherTo(ALICE).decrypt(first.type(), first.serialize());
        CiphertextMessage reply = BOB.cipherTo(ALICE).encrypt(new byte[] {2});
        ALICE.cipherTo(BOB).decrypt(reply.type(), reply.serialize());
        BOB.bundle(KemType.ML_KEM_1024); // ids 2: a signed, one-time and KEM prekey in stock
      } catch (Exception e) {
        throw new ExceptionInInitializerError(e);
      }
      STORE = new RecordingProtocolStore(BOB.store);
      CIPHER = new SessionCipher(STORE, ALICE.address,
          SessionPolicy.builder().allowX3dh(true).build());
      BEFORE = StoreSnapshot.of(STORE).addresses(ALICE.address).preKeys(1, 2).take();
    }
  }

  @FuzzTest
  void decryptWhisper(byte[] data) {
    decrypt(CiphertextMessage.Type.WHISPER, data);
  }

  @FuzzTest
  void decryptPreKey(byte[] data) {
    decrypt(CiphertextMessage.Type.PREKEY, data);
  }

  private static void decrypt(CiphertextMessage.Type type, byte[] data) {
    Fixture.STORE.reset();
    try {
      Fixture.CIPHER.decrypt(type, data);
    } catch (InvalidMessageException | InvalidKeyIdException | NoSessionException
        | UntrustedIdentityException refused) {
      Fixture.STORE.assertNothingCommitted();
      Fixture.BEFORE.assertUnchanged();
      return;
    }
    throw new AssertionError("fuzzed bytes decrypted without the session's keys");
  }

  @FuzzTest
  void sessionRecord(byte[] stored) {
    SessionRecord record;
    try {
      record = SessionRecord.parse(stored);
    } catch (IllegalStateException corrupt) {
      assertInstanceOf(InvalidProtocolBufferException.class, corrupt.getCause(),
          "a corrupt record must be reported as such");
      return;
    }
    byte[] again = record.serialize();
    assertEquals(record.hasCurrent(), SessionRecord.parse(again).hasCurrent());
    assertEquals(record.previousCount(), SessionRecord.parse(again).previousCount());
    for (int i = 0; i < record.previousCount(); i++) {
      try {
        record.previous(i);
      } catch (IllegalStateException corrupt) {
        assertInstanceOf(InvalidProtocolBufferException.class, corrupt.getCause());
      }
    }
  }
}
