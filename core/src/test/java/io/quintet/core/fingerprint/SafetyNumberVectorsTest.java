package io.quintet.core.fingerprint;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** libsignal 0.86.5's recorded safety numbers (vectors/libsignal/README.md, section 3). */
class SafetyNumberVectorsTest {
  private static final JsonObject FILE = Vectors.load("libsignal/fingerprints.json");

  private static List<JsonObject> cases() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement c : FILE.getAsJsonArray("cases")) {
      out.add(c.getAsJsonObject());
    }
    return out;
  }

  @Test
  void fileHasTheTenCasesOfBothVersions() {
    List<JsonObject> cases = cases();
    assertEquals(10, cases.size());
    assertTrue(cases.stream().anyMatch(c -> c.get("version").getAsInt() == 1));
    assertTrue(cases.stream().anyMatch(c -> c.get("version").getAsInt() == 2));
  }

  @TestFactory
  Stream<DynamicTest> eachCaseMatchesLibsignal() {
    return cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> check(c)));
  }

  private static void check(JsonObject c) throws Exception {
    String id = c.get("id").getAsString(); // in every message: surefire reports indexes
    SafetyNumber local = fromCase(c, false);
    SafetyNumber remote = fromCase(c, true);
    byte[] scannableLocal = hex(c.get("scannable_local").getAsString());
    byte[] scannableRemote = hex(c.get("scannable_remote").getAsString());

    assertEquals(c.get("displayable").getAsString(), local.displayable(), id);
    assertEquals(60, local.displayable().length(), id);
    assertArrayEquals(scannableLocal, local.scannable(), id);
    assertTrue(local.matchesScanned(scannableRemote), id + ": local accepts the remote's code");

    // The same case seen from the other side.
    assertEquals(local.displayable(), remote.displayable(), id);
    assertArrayEquals(scannableRemote, remote.scannable(), id);
    assertTrue(remote.matchesScanned(scannableLocal), id);

    // A screen's own code is not the peer's code (the halves are swapped).
    assertFalse(local.matchesScanned(scannableLocal), id);
  }

  private static SafetyNumber fromCase(JsonObject c, boolean swap) throws Exception {
    byte[] localId = hex(c.get("local_identifier").getAsString());
    IdentityKey localKey = IdentityKey.parse(hex(c.get("local_identity_key").getAsString()));
    byte[] remoteId = hex(c.get("remote_identifier").getAsString());
    IdentityKey remoteKey = IdentityKey.parse(hex(c.get("remote_identity_key").getAsString()));
    int version = c.get("version").getAsInt();
    int iterations = c.get("iterations").getAsInt();
    return swap
        ? SafetyNumber.create(version, iterations, remoteId, remoteKey, localId, localKey)
        : SafetyNumber.create(version, iterations, localId, localKey, remoteId, remoteKey);
  }
}
