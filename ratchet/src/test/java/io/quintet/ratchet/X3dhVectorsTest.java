package io.quintet.ratchet;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.wire.PreKeySignalMessage;
import io.quintet.core.wire.SignalMessage;
import io.quintet.ratchet.internal.RatchetKeySource;
import io.quintet.core.testing.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the X3DH (version 3) conversations recorded from signal-protocol-java 2.8.1: Bob
 * alone decrypting what Alice sent, and both parties re-running the whole script with the
 * recorded randomness, producing the recorded bytes.
 */
class X3dhVectorsTest {
  private static final SessionPolicy X3DH = SessionPolicy.builder().allowX3dh(true).build();

  private static List<JsonObject> cases() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : Vectors.load("libsignal/x3dh_v3_sessions.json").getAsJsonArray("cases")) {
      out.add(e.getAsJsonObject());
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> bobDecryptsEveryMessageFromAliceInDeliveryOrder() {
    return cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> bobOnly(c)));
  }

  private static void bobOnly(JsonObject c) throws Exception {
    RecordedParty bob = new RecordedParty(c.getAsJsonObject("bob"));
    RecordedParty alice = new RecordedParty(c.getAsJsonObject("alice"));
    bob.installPreKeys();
    SessionCipher cipher = new SessionCipher(bob.store, alice.address, X3DH, bob.recordedKeys(false));
    JsonObject[] messages = messages(c);
    int delivered = 0;
    for (JsonElement e : c.getAsJsonArray("events")) {
      JsonObject ev = e.getAsJsonObject();
      JsonObject m = messages[ev.get("index").getAsInt()];
      if (!ev.get("op").getAsString().equals("deliver") || !from(m, "alice")) {
        continue;
      }
      assertArrayEquals(hex(m.get("plaintext").getAsString()), decrypt(cipher, m), "message " + m.get("index"));
      delivered++;
    }
    assertEquals(count(messages, "alice"), delivered);
    for (JsonObject m : messages) {
      if (from(m, "alice")) {
        assertThrows(DuplicateMessageException.class, () -> decrypt(cipher, m));
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> bothPartiesReproduceTheRecordedBytes() {
    return cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> twoParty(c)));
  }

  private static void twoParty(JsonObject c) throws Exception {
    RecordedParty bob = new RecordedParty(c.getAsJsonObject("bob"));
    RecordedParty alice = new RecordedParty(c.getAsJsonObject("alice"));
    bob.installPreKeys();
    // One source for Alice: the builder takes the base key and first ratchet key, the cipher
    // the later ratchet keys, in the order the recording made them.
    RatchetKeySource aliceKeys = alice.recordedKeys(true);
    new SessionBuilder(alice.store, bob.address, X3DH, aliceKeys).process(bob.bundle());
    SessionCipher aliceCipher = new SessionCipher(alice.store, bob.address, X3DH, aliceKeys);
    SessionCipher bobCipher = new SessionCipher(bob.store, alice.address, X3DH, bob.recordedKeys(false));
    JsonObject[] messages = messages(c);
    for (JsonElement e : c.getAsJsonArray("events")) {
      JsonObject ev = e.getAsJsonObject();
      JsonObject m = messages[ev.get("index").getAsInt()];
      boolean fromAlice = from(m, "alice");
      if (ev.get("op").getAsString().equals("send")) {
        CiphertextMessage out =
            (fromAlice ? aliceCipher : bobCipher).encrypt(hex(m.get("plaintext").getAsString()));
        byte[] expected = hex(m.get("serialized").getAsString());
        assertEquals(m.get("type").getAsString().equals("prekey") ? CiphertextMessage.Type.PREKEY
            : CiphertextMessage.Type.WHISPER, out.type());
        assertSameExceptVersionNibble(expected, out.serialize(), out.type());
      } else {
        byte[] plain = decrypt(fromAlice ? bobCipher : aliceCipher, m);
        assertArrayEquals(hex(m.get("plaintext").getAsString()), plain);
      }
    }
  }

  /**
   * signal-protocol-java writes 0x33 as the version byte, libsignal (and Quintet) 0x34: the
   * low nibble is the writer's newest version and is ignored on reading. The MAC covers that
   * byte, so the MAC differs too; every other byte must be equal.
   */
  private static void assertSameExceptVersionNibble(byte[] expected, byte[] actual, CiphertextMessage.Type type)
      throws Exception {
    if (type == CiphertextMessage.Type.PREKEY) {
      PreKeySignalMessage e = PreKeySignalMessage.parse(expected);
      PreKeySignalMessage a = PreKeySignalMessage.parse(actual);
      assertEquals(e.version(), a.version());
      assertEquals(e.registrationId(), a.registrationId());
      assertEquals(e.preKeyId(), a.preKeyId());
      assertEquals(e.signedPreKeyId(), a.signedPreKeyId());
      assertEquals(e.baseKey(), a.baseKey());
      assertEquals(e.identityKey(), a.identityKey());
      assertSameExceptVersionNibble(e.message().serialize(), a.message().serialize(), CiphertextMessage.Type.WHISPER);
      return;
    }
    assertEquals(expected.length, actual.length);
    assertEquals(expected[0] & 0xF0, actual[0] & 0xF0);
    int end = expected.length - SignalMessage.MAC_LENGTH;
    assertArrayEquals(Arrays.copyOfRange(expected, 1, end), Arrays.copyOfRange(actual, 1, end));
  }

  private static byte[] decrypt(SessionCipher cipher, JsonObject m) throws Exception {
    byte[] bytes = hex(m.get("serialized").getAsString());
    CiphertextMessage.Type type =
        m.get("type").getAsString().equals("prekey") ? CiphertextMessage.Type.PREKEY : CiphertextMessage.Type.WHISPER;
    return cipher.decrypt(type, bytes);
  }

  private static JsonObject[] messages(JsonObject c) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : c.getAsJsonArray("messages")) {
      out.add(e.getAsJsonObject());
    }
    return out.toArray(new JsonObject[0]);
  }

  private static boolean from(JsonObject m, String who) {
    return m.get("from").getAsString().equals(who);
  }

  private static long count(JsonObject[] messages, String who) {
    return Arrays.stream(messages).filter(m -> from(m, who)).count();
  }

}
