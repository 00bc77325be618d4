package io.quintet.ratchet;

import io.quintet.core.keys.KemType;
import io.quintet.core.testing.FuzzSeedsContract;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.core.wire.SignalMessage;
import io.quintet.ratchet.internal.SessionRecord;
import java.util.List;

/**
 * Seeds for {@link SessionFuzzTest}: genuine messages and records of another conversation (the
 * fuzz fixture's keys are fresh on every run, so no seed can decrypt there).
 */
class SessionFuzzSeedsTest extends FuzzSeedsContract {
  @Override
  protected List<Seeds> seeds() {
    Class<?> t = SessionFuzzTest.class;
    return List.of(
        new Seeds(t, "decryptWhisper", () -> conversation().subMap("whisper", "whisper~"),
            SignalMessage::parse),
        new Seeds(t, "decryptPreKey", () -> conversation().subMap("prekey", "prekey~"),
            PreKeySignalMessage::parse),
        new Seeds(t, "sessionRecord", () -> conversation().subMap("record", "record~"),
            SessionRecord::parse));
  }

  private static java.util.NavigableMap<String, byte[]> conversation() {
    try {
      TestDevices a = new TestDevices("a", 1);
      TestDevices b = new TestDevices("b", 1);
      a.startSessionWith(b, KemType.ML_KEM_1024);
      CiphertextMessage first = a.cipherTo(b).encrypt(new byte[] {1});
      b.cipherTo(a).decrypt(first.type(), first.serialize());
      CiphertextMessage reply = b.cipherTo(a).encrypt(new byte[] {2});
      java.util.TreeMap<String, byte[]> m = new java.util.TreeMap<>();
      m.put("prekey-v4", first.serialize());
      m.put("whisper-v4", reply.serialize());
      m.put("record-responder", b.sessionWith(a));
      TestDevices c = new TestDevices("c", 1);
      a.startSessionWith(c, null);
      m.put("prekey-v3", a.cipherTo(c).encrypt(new byte[] {3}).serialize());
      m.put("record-initiator", a.sessionWith(c));
      return m;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
