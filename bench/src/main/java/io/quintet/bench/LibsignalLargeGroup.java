package io.quintet.bench;

import java.util.UUID;
import org.signal.libsignal.protocol.SessionBuilder;
import org.signal.libsignal.protocol.SessionCipher;
import org.signal.libsignal.protocol.groups.GroupCipher;
import org.signal.libsignal.protocol.groups.GroupSessionBuilder;
import org.signal.libsignal.protocol.message.CiphertextMessage;

/**
 * libsignal-client's share of row 8: it has sessions and sender keys but no accounts, device
 * lists or envelopes, so a "send" here is the cipher work alone. First send: a new
 * distribution message, one {@code SessionCipher} encrypt of it per device, one
 * {@code GroupCipher} encrypt. Steady send: one {@code GroupCipher} encrypt.
 */
final class LibsignalLargeGroup implements LargeGroup {
  private final LibsignalLib.Device alice = new LibsignalLib.Device("alice", 1001);
  private final SessionCipher[] ciphers;
  private final GroupCipher group;
  private final UUID steadyId = UUID.randomUUID();

  /**
   * {@code accounts} accounts of {@code devicesEach} devices; every session answered if
   * {@code answered} (only a first send uses them), else just set up from a bundle.
   */
  LibsignalLargeGroup(int accounts, int devicesEach, boolean answered) throws Exception {
    byte[] kib = Payloads.kib();
    ciphers = new SessionCipher[accounts * devicesEach];
    int n = 0;
    for (int a = 0; a < accounts; a++) {
      for (int d = 1; d <= devicesEach; d++) {
        LibsignalLib.Device bob = new LibsignalLib.Device("m" + a, d, 2 + n);
        if (answered) {
          LibsignalLib.handshake(alice, bob, kib);
        } else {
          new SessionBuilder(alice.store, bob.address).process(bob.bundle());
        }
        ciphers[n++] = LibsignalLib.cipher(alice, bob);
      }
    }
    if (answered) {
      for (SessionCipher c : ciphers) { // answered: no more PREKEY messages
        if (c.encrypt(kib).getType() != CiphertextMessage.WHISPER_TYPE) {
          throw new IllegalStateException("a session is not answered");
        }
      }
    }
    group = new GroupCipher(alice.store, alice.address);
    new GroupSessionBuilder(alice.store).create(alice.address, steadyId);
  }

  @Override
  public Object firstSend(byte[] plaintext) throws Exception {
    UUID id = UUID.randomUUID();
    byte[] key = new GroupSessionBuilder(alice.store).create(alice.address, id).serialize();
    Object[] out = new Object[ciphers.length + 1];
    for (int i = 0; i < ciphers.length; i++) {
      out[i] = ciphers[i].encrypt(key).serialize();
    }
    out[ciphers.length] = group.encrypt(id, plaintext).serialize();
    return out;
  }

  @Override
  public Object steadySend(byte[] plaintext) throws Exception {
    return group.encrypt(steadyId, plaintext).serialize();
  }
}
