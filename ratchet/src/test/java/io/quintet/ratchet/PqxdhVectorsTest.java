package io.quintet.ratchet;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays first messages recorded from libsignal-client 0.86.5 (PQXDH with Kyber-1024, SPQR
 * offered): a Quintet responder decrypts everything Alice sent before any reply — which proves
 * the Kyber-1024 decapsulation, the PQXDH key schedule and the MAC are libsignal's — and
 * refuses, without damage, the later messages whose keys are mixed with SPQR.
 */
class PqxdhVectorsTest {

  private static List<JsonObject> cases() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : Vectors.load("libsignal/pqxdh_sessions.json").getAsJsonArray("cases")) {
      out.add(e.getAsJsonObject());
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> bobDecryptsAlicesFirstMessages() {
    return cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> replay(c)));
  }

  private static void replay(JsonObject c) throws Exception {
    RecordedParty bob = new RecordedParty(c.getAsJsonObject("bob"));
    RecordedParty alice = new RecordedParty(c.getAsJsonObject("alice"));
    bob.installPreKeys();
    SessionCipher cipher = new SessionCipher(bob.store, alice.address, SessionPolicy.DEFAULT,
        bob.recordedKeys(false, true));
    int decrypted = 0;
    boolean bobReplied = false;
    List<JsonObject> firstMessages = new ArrayList<>();
    for (JsonElement e : c.getAsJsonArray("messages")) {
      JsonObject m = e.getAsJsonObject();
      if (m.get("from").getAsString().equals("bob")) {
        bobReplied = true;
        continue;
      }
      CiphertextMessage.Type type = m.get("type").getAsString().equals("prekey")
          ? CiphertextMessage.Type.PREKEY : CiphertextMessage.Type.WHISPER;
      byte[] bytes = hex(m.get("serialized").getAsString());
      if (!bobReplied) {
        assertEquals(0x44, bytes[0] & 0xFF, "PQXDH version byte");
        assertArrayEquals(hex(m.get("plaintext").getAsString()), cipher.decrypt(type, bytes),
            "message " + m.get("index"));
        firstMessages.add(m);
        decrypted++;
      } else {
        // Keys mixed with SPQR from Bob's first reply on: a classic responder must refuse them
        // cleanly, leaving the session as it was.
        byte[] before = bob.store.loadSession(alice.address).orElseThrow();
        assertThrows(InvalidMessageException.class, () -> cipher.decrypt(type, bytes));
        assertArrayEquals(before, bob.store.loadSession(alice.address).orElseThrow());
      }
    }
    assertTrue(decrypted > 0);
    assertEquals(0, bob.store.countPreKeys(), "the one-time prekey (if any) was consumed");
    for (JsonObject m : firstMessages) {
      byte[] bytes = hex(m.get("serialized").getAsString());
      assertThrows(DuplicateMessageException.class,
          () -> cipher.decrypt(CiphertextMessage.Type.PREKEY, bytes));
    }
  }
}
