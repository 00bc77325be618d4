package io.quintet.devicelist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.core.testing.RecordingProtocolStore;
import io.quintet.core.testing.StoreSnapshot;
import java.time.Instant;

/**
 * Device lists and device identities as a server delivers them. Oracle: parsing throws only
 * {@link InvalidMessageException}; verifying a parsed identity only {@link
 * InvalidSignatureException}; {@link DeviceListVerifier#accept} only {@link DeviceListException}
 * or {@link UntrustedIdentityException}, and then commits nothing and leaves the stored list of
 * the known account byte-identical. (A list of a new account signed by its own primary key is
 * accepted on first use by design; the fuzzer cannot forge one for the known account.)
 */
class DeviceListFuzzTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final AccountId ALICE = AccountId.of("alice");
  static final IdentityKeyPair PHONE = IdentityKeyPair.generate();
  private static final IdentityKeyPair SELF = IdentityKeyPair.generate();
  private static final byte[] ALICE_LIST =
      PrimaryDevices.create(PHONE, ALICE, LinkPolicy.DEFAULT, new MutableClock(NOW))
          .refresh().serialize();

  @FuzzTest
  void deviceIdentity(byte[] data) {
    DeviceIdentity d;
    try {
      d = DeviceIdentity.parse(data);
    } catch (InvalidMessageException refused) {
      return;
    }
    DeviceIdentity again;
    try {
      again = DeviceIdentity.parse(d.serialize());
    } catch (InvalidMessageException e) {
      throw new AssertionError("a parsed identity does not re-parse", e);
    }
    assertEquals(d, again);
    assertEquals(d.account(), again.account());
    assertEquals(d.identityKey(), again.identityKey());
    try {
      d.verify(PHONE.identityKey());
    } catch (InvalidSignatureException refused) {
      // the usual outcome: fuzzed bytes carry no primary's signature
    }
  }

  @FuzzTest
  void signedDeviceList(byte[] data) throws Exception {
    SignedDeviceList list;
    try {
      list = SignedDeviceList.parse(data);
    } catch (InvalidMessageException refused) {
      return;
    }
    assertArrayEquals(list.serialize(), SignedDeviceList.parse(list.serialize()).serialize());
    // A store that already accepted alice's list, fresh for each input.
    InMemoryProtocolStore memory = InMemoryProtocolStore.create(SELF, 7);
    SignedDeviceList alices = SignedDeviceList.parse(ALICE_LIST);
    memory.storeDeviceList(ALICE, alices.version(), ALICE_LIST);
    memory.saveIdentity(DeviceAddress.of(ALICE, DeviceId.PRIMARY), PHONE.identityKey());
    RecordingProtocolStore store = new RecordingProtocolStore(memory);
    StoreSnapshot before = StoreSnapshot.of(store).accounts(ALICE, list.account())
        .addresses(DeviceAddress.of(ALICE, DeviceId.PRIMARY),
            DeviceAddress.of(list.account(), DeviceId.PRIMARY)).take();
    DeviceListVerifier verifier =
        new DeviceListVerifier(store, LinkPolicy.DEFAULT, new MutableClock(NOW));
    VerifiedDeviceList accepted;
    try {
      accepted = verifier.accept(list);
    } catch (DeviceListException | UntrustedIdentityException refused) {
      store.assertNothingCommitted();
      before.assertUnchanged();
      return;
    }
    assertEquals(list.version(), accepted.version());
    assertEquals(list.version(), (long) memory.deviceListVersion(list.account()).orElseThrow());
    assertEquals(accepted.version(), verifier.current(list.account()).orElseThrow().version());
  }
}
