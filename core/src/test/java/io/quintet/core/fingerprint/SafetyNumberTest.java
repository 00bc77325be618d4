package io.quintet.core.fingerprint;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.proto.FingerprintProtos.CombinedFingerprints;
import io.quintet.core.internal.proto.FingerprintProtos.LogicalFingerprint;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The API's contract: formats, validation, the account-level framing, malformed codes. */
class SafetyNumberTest {
  private static final AccountId ALICE = AccountId.of("alice@example.org");
  private static final AccountId BOB = AccountId.of("bob");
  private static final IdentityKey ALICE_KEY = IdentityKeyPair.generate().identityKey();
  private static final IdentityKey BOB_KEY = IdentityKeyPair.generate().identityKey();

  private static final SafetyNumber ALICE_VIEW =
      SafetyNumber.forAccounts(ALICE, ALICE_KEY, BOB, BOB_KEY);
  private static final SafetyNumber BOB_VIEW =
      SafetyNumber.forAccounts(BOB, BOB_KEY, ALICE, ALICE_KEY);

  @Test
  void forAccountsIsVersion2With5200IterationsOverUtf8Ids() {
    SafetyNumber low =
        SafetyNumber.create(2, 5200, ALICE.toBytes(), ALICE_KEY, BOB.toBytes(), BOB_KEY);
    assertEquals(low, ALICE_VIEW);
    assertEquals(low.hashCode(), ALICE_VIEW.hashCode());
    assertEquals(2, ALICE_VIEW.version());
    assertEquals(SafetyNumber.ACCOUNT_VERSION, ALICE_VIEW.version());
    assertEquals(5200, SafetyNumber.DEFAULT_ITERATIONS);
    // Another iteration count is another number.
    assertNotEquals(
        ALICE_VIEW.displayable(),
        SafetyNumber.create(2, 5199, ALICE.toBytes(), ALICE_KEY, BOB.toBytes(), BOB_KEY)
            .displayable());
  }

  @Test
  void bothViewsShowTheSameDigitsButDifferentCodes() throws Exception {
    assertEquals(ALICE_VIEW.displayable(), BOB_VIEW.displayable());
    assertFalse(Arrays.equals(ALICE_VIEW.scannable(), BOB_VIEW.scannable()));
    assertNotEquals(ALICE_VIEW, BOB_VIEW);
    assertTrue(ALICE_VIEW.matchesScanned(BOB_VIEW.scannable()));
    assertTrue(BOB_VIEW.matchesScanned(ALICE_VIEW.scannable()));
  }

  @Test
  void groupedFormIsTwelveGroupsOfFive() {
    String grouped = ALICE_VIEW.displayableGrouped();
    assertTrue(grouped.matches("[0-9]{5}( [0-9]{5}){11}"), grouped);
    assertEquals(ALICE_VIEW.displayable(), grouped.replace(" ", ""));
  }

  @Test
  void scannableIsLibsignalsProtobufLayoutAndADefensiveCopy() {
    byte[] code = ALICE_VIEW.scannable();
    assertEquals(74, code.length);
    assertEquals("080212220a20", hex(Arrays.copyOf(code, 6)));
    assertEquals("1a220a20", hex(Arrays.copyOfRange(code, 38, 42)));
    code[10] ^= 1;
    assertFalse(Arrays.equals(code, ALICE_VIEW.scannable()));
  }

  @Test
  void toStringIsShortAndShowsNoKeysOrIds() {
    String s = ALICE_VIEW.toString();
    assertTrue(s.length() <= 40, s);
    assertTrue(s.startsWith("SafetyNumber[v2 "), s);
    assertTrue(s.contains(ALICE_VIEW.displayableGrouped().substring(0, 11)), s);
    assertFalse(s.contains(ALICE_VIEW.displayable()), "not all 60 digits");
    assertFalse(s.contains("alice") || s.contains("bob"), s);
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    assertFalse(lower.contains(hex(ALICE_KEY.serialize()).substring(2, 12)), s);
    assertFalse(lower.contains(hex(ALICE_VIEW.scannable()).substring(12, 22)), s);
  }

  @Test
  void rejectsOutOfRangeArguments() {
    byte[] id = {1};
    assertThrows(IllegalArgumentException.class, () -> create(2, 1, id));
    assertThrows(IllegalArgumentException.class, () -> create(2, 0, id));
    assertThrows(IllegalArgumentException.class, () -> create(2, -5200, id));
    assertThrows(IllegalArgumentException.class, () -> create(2, 1_000_001, id));
    assertThrows(IllegalArgumentException.class, () -> create(-1, 5200, id));
    assertThrows(NullPointerException.class, () -> create(2, 5200, null));
    assertThrows(
        NullPointerException.class, () -> SafetyNumber.forAccounts(ALICE, null, BOB, BOB_KEY));
    assertThrows(NullPointerException.class, () -> ALICE_VIEW.matchesScanned(null));
    // The smallest allowed count and an empty identifier are fine, as in libsignal.
    assertEquals(60, create(2, 2, new byte[0]).displayable().length());
  }

  @Test
  void malformedCodesAreInvalidMessages() {
    byte[] bobs = fingerprintHalf(BOB_VIEW.scannable(), true);
    byte[] alices = fingerprintHalf(BOB_VIEW.scannable(), false);
    assertMalformed(new byte[0]); // no version
    assertMalformed(new byte[] {(byte) 0xff}); // not a protobuf
    assertMalformed(code(null, bobs, alices)); // no version
    assertMalformed(code(2, null, alices)); // no local fingerprint
    assertMalformed(code(2, bobs, null)); // no remote fingerprint
    byte[] noContent =
        CombinedFingerprints.newBuilder()
            .setVersion(2)
            .setLocalFingerprint(LogicalFingerprint.getDefaultInstance())
            .setRemoteFingerprint(LogicalFingerprint.newBuilder().setContent(bs(alices)))
            .build()
            .toByteArray();
    assertMalformed(noContent);
    byte[] huge = Arrays.copyOf(BOB_VIEW.scannable(), SafetyNumber.MAX_SCANNED_BYTES + 1);
    assertMalformed(huge);
  }

  @Test
  void wellFormedCodesThatDifferDoNotMatch() throws Exception {
    byte[] bobs = fingerprintHalf(BOB_VIEW.scannable(), true);
    byte[] alices = fingerprintHalf(BOB_VIEW.scannable(), false);
    assertTrue(ALICE_VIEW.matchesScanned(code(2, bobs, alices)), "rebuilt genuine code");
    assertFalse(ALICE_VIEW.matchesScanned(code(2, alices, bobs)), "halves swapped");
    // Like libsignal: a fingerprint of another length is a plain mismatch.
    assertFalse(ALICE_VIEW.matchesScanned(code(2, Arrays.copyOf(bobs, 31), alices)));
    assertFalse(ALICE_VIEW.matchesScanned(code(2, bobs, Arrays.copyOf(alices, 64))));
    assertFalse(ALICE_VIEW.matchesScanned(code(2, new byte[0], alices)));
  }

  @Test
  void versionMismatchNamesBothVersions() {
    byte[] bobs = fingerprintHalf(BOB_VIEW.scannable(), true);
    byte[] alices = fingerprintHalf(BOB_VIEW.scannable(), false);
    for (int v : new int[] {0, 1, 3, -1}) { // -1 is 2^32 - 1 on the wire
      FingerprintVersionMismatchException e =
          assertThrows(
              FingerprintVersionMismatchException.class,
              () -> ALICE_VIEW.matchesScanned(code(v, bobs, alices)));
      assertEquals(v, e.theirVersion());
      assertEquals(2, e.ourVersion());
      assertTrue(e.getMessage().contains(Integer.toUnsignedString(v)), e.getMessage());
    }
  }

  private static SafetyNumber create(int version, int iterations, byte[] id) {
    return SafetyNumber.create(version, iterations, id, ALICE_KEY, new byte[] {9}, BOB_KEY);
  }

  private static void assertMalformed(byte[] code) {
    assertThrows(InvalidMessageException.class, () -> ALICE_VIEW.matchesScanned(code));
  }

  /** The sender's own (local) or the peer's (remote) fingerprint, from a genuine code. */
  private static byte[] fingerprintHalf(byte[] code, boolean local) {
    return local ? Arrays.copyOfRange(code, 6, 38) : Arrays.copyOfRange(code, 42, 74);
  }

  private static byte[] code(Integer version, byte[] local, byte[] remote) {
    CombinedFingerprints.Builder b = CombinedFingerprints.newBuilder();
    if (version != null) {
      b.setVersion(version);
    }
    if (local != null) {
      b.setLocalFingerprint(LogicalFingerprint.newBuilder().setContent(bs(local)));
    }
    if (remote != null) {
      b.setRemoteFingerprint(LogicalFingerprint.newBuilder().setContent(bs(remote)));
    }
    return b.build().toByteArray();
  }

  private static ByteString bs(byte[] b) {
    return ByteString.copyFrom(b);
  }
}
