package io.quintet.ratchet.hostile;

import io.quintet.core.store.ProtocolStore;
import io.quintet.core.testing.RecordingProtocolStore;
import io.quintet.core.testing.StoreSnapshot;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionCipher;
import io.quintet.ratchet.SessionPolicy;
import io.quintet.ratchet.TestDevices;
import java.util.function.UnaryOperator;

/**
 * A receiving device whose store is watched: every library call goes through a {@link
 * RecordingProtocolStore}, and {@link #watch} snapshots the records a test names, so that
 * {@link #assertUntouched()} proves a refused input committed no write and left every record
 * byte-identical.
 *
 * <pre>{@code
 * Guarded bob = new Guarded(bobDevices);
 * bob.watch(s -> s.addresses(alice.address).preKeys(1));
 * assertThrows(DuplicateMessageException.class, () -> bob.cipherFrom(alice).decrypt(type, bytes));
 * bob.assertUntouched();
 * }</pre>
 */
final class Guarded {
  final TestDevices device;
  final RecordingProtocolStore store;
  private StoreSnapshot before;

  Guarded(TestDevices device) {
    this.device = device;
    this.store = new RecordingProtocolStore(device.store);
  }

  /** The device's cipher for messages from {@code peer}, over the watched store (X3DH allowed). */
  SessionCipher cipherFrom(TestDevices peer) {
    return cipherFrom(peer, SessionPolicy.builder().allowX3dh(true).build());
  }

  SessionCipher cipherFrom(TestDevices peer, SessionPolicy policy) {
    return new SessionCipher(store, peer.address, policy);
  }

  /** The store the library sees. */
  ProtocolStore store() {
    return store;
  }

  /** Starts watching: snapshots what {@code select} names, plus every listable record. */
  Guarded watch(UnaryOperator<StoreSnapshot.Selection> select) {
    before = select.apply(StoreSnapshot.of(store)).take();
    store.reset();
    return this;
  }

  void assertUntouched() {
    store.assertNothingCommitted();
    before.assertUnchanged();
  }

  /** Decrypts as the app would, with the envelope type the message came with. */
  byte[] receive(TestDevices from, CiphertextMessage m) throws Exception {
    return cipherFrom(from).decrypt(m.type(), m.serialize());
  }

  /** Runs the standard first exchange: {@code a} starts, {@code b} answers once. */
  static void exchange(TestDevices a, TestDevices b, io.quintet.core.keys.KemType kem)
      throws Exception {
    a.startSessionWith(b, kem);
    CiphertextMessage first = a.cipherTo(b).encrypt(new byte[] {1});
    b.cipherTo(a).decrypt(first.type(), first.serialize());
    CiphertextMessage reply = b.cipherTo(a).encrypt(new byte[] {2});
    a.cipherTo(b).decrypt(reply.type(), reply.serialize());
  }
}
