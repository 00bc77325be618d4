package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.NoSessionException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.core.testing.RecordingProtocolStore;
import io.quintet.core.testing.StoreSnapshot;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import java.util.UUID;

/**
 * Group entry points on arbitrary bytes. {@link GroupCipher#decrypt} and {@link
 * GroupCipher#decryptLegacy} get fuzzed messages from a member whose sender key is installed;
 * oracle: only {@link InvalidMessageException} (and subclasses) or {@link NoSessionException},
 * no store write, every record byte-identical. A fuzzed distribution message either fails to
 * parse or installs (typed refusals only). {@link SenderKeyRecord#parse} gets fuzzed store
 * bytes: {@link NoSessionException} or a record that round-trips.
 */
class GroupFuzzTest {
  private static final class Fixture {
    static final UUID GROUP = UUID.fromString("6b1f0c7e-1d2a-4a8e-9a55-2b9d0f3c1e42");
    static final UUID LEGACY_GROUP = UUID.fromString("0e4a2c4b-7d1f-4e0a-8f7b-5b2a9c3d4e11");
    static final GroupPeer ALICE = new GroupPeer("alice", 1);
    static final RecordingProtocolStore STORE =
        new RecordingProtocolStore(InMemoryProtocolStore.create(IdentityKeyPair.generate(), 9));
    static final GroupCipher BOB = new GroupCipher(STORE, GroupPeer.addressOf("bob", 2));
    static final StoreSnapshot BEFORE;

    static {
      try {
        GroupSessionBuilder bob = new GroupSessionBuilder(STORE);
        bob.process(ALICE.address, ALICE.builder.create(ALICE.address, GROUP));
        bob.processLegacy(ALICE.address, LEGACY_GROUP,
            ALICE.builder.createLegacy(ALICE.address, LEGACY_GROUP));
      } catch (InvalidMessageException e) {
        throw new ExceptionInInitializerError(e);
      }
      BEFORE = StoreSnapshot.of(STORE).senderKey(ALICE.address, GROUP)
          .senderKey(ALICE.address, LEGACY_GROUP).take();
    }
  }

  private static final IdentityKeyPair SCRATCH_IDENTITY = IdentityKeyPair.generate();

  @FuzzTest
  void decrypt(byte[] data) {
    Fixture.STORE.reset();
    try {
      Fixture.BOB.decrypt(Fixture.ALICE.address, data);
    } catch (InvalidMessageException | NoSessionException refused) {
      assertUntouched();
      return;
    }
    throw new AssertionError("fuzzed bytes decrypted without the sender's signing key");
  }

  @FuzzTest
  void decryptLegacy(byte[] data) {
    Fixture.STORE.reset();
    try {
      Fixture.BOB.decryptLegacy(Fixture.ALICE.address, Fixture.LEGACY_GROUP, data);
    } catch (InvalidMessageException | NoSessionException refused) {
      assertUntouched();
      return;
    }
    throw new AssertionError("fuzzed bytes decrypted without the sender's signing key");
  }

  private static void assertUntouched() {
    Fixture.STORE.assertNothingCommitted();
    Fixture.BEFORE.assertUnchanged();
  }

  @FuzzTest
  void processDistribution(byte[] data) throws NoSessionException {
    SenderKeyDistributionMessage m;
    try {
      m = SenderKeyDistributionMessage.parse(data);
    } catch (InvalidMessageException refused) {
      return;
    }
    // A fresh store per input: installing is the legitimate effect of a parsed message.
    InMemoryProtocolStore store = InMemoryProtocolStore.create(SCRATCH_IDENTITY, 1);
    UUID id = m.distributionId().orElse(Fixture.LEGACY_GROUP);
    try {
      if (m.isLegacy()) {
        new GroupSessionBuilder(store).processLegacy(Fixture.ALICE.address, id, m);
      } else {
        new GroupSessionBuilder(store).process(Fixture.ALICE.address, m);
      }
    } catch (InvalidMessageException refused) {
      return;
    }
    SenderKeyRecord installed =
        SenderKeyRecord.parse(store.loadSenderKey(Fixture.ALICE.address, id).orElseThrow());
    SenderKeyState state = installed.forChainId(m.chainId()).orElseThrow();
    assertEquals(Integer.toUnsignedLong(m.iteration()), state.chainKey().iteration());
    assertArrayEquals(m.chainKey(), state.chainKey().keyBytes());
  }

  @FuzzTest
  void senderKeyRecord(byte[] stored) throws NoSessionException {
    SenderKeyRecord record;
    try {
      record = SenderKeyRecord.parse(stored);
    } catch (NoSessionException corrupt) {
      return;
    }
    byte[] again = record.serialize();
    assertArrayEquals(again, SenderKeyRecord.parse(again).serialize());
    assertEquals(record.size(), SenderKeyRecord.parse(again).size());
  }
}
