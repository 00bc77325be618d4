package io.quintet.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.proto.FingerprintProtos.CombinedFingerprints;
import io.quintet.core.keys.IdentityKeyPair;
import java.util.Arrays;

/**
 * The scannable safety-number code as read from the peer's screen (any bytes a camera
 * produces). Oracle: {@link SafetyNumber#matchesScanned} answers or throws {@link
 * InvalidMessageException} / {@link FingerprintVersionMismatchException}; it matches only the
 * genuine code of the other side, never a fuzzed one that differs from it.
 */
class SafetyNumberFuzzTest {
  private static final IdentityKeyPair ALICE = IdentityKeyPair.generate();
  private static final IdentityKeyPair BOB = IdentityKeyPair.generate();
  private static final SafetyNumber MINE =
      SafetyNumber.forAccounts(AccountId.of("alice"), ALICE.identityKey(), AccountId.of("bob"),
          BOB.identityKey());
  private static final byte[] THEIRS =
      SafetyNumber.forAccounts(AccountId.of("bob"), BOB.identityKey(), AccountId.of("alice"),
          ALICE.identityKey()).scannable();

  @FuzzTest
  void scannedCode(byte[] scanned) {
    boolean matches;
    try {
      matches = MINE.matchesScanned(scanned);
    } catch (InvalidMessageException | FingerprintVersionMismatchException expected) {
      return;
    }
    if (matches) {
      // Field order, repeats and unknown fields may differ; what it says must be the same.
      CombinedFingerprints got = parse(scanned);
      CombinedFingerprints genuine = parse(THEIRS);
      assertEquals(genuine.getVersion(), got.getVersion());
      assertEquals(genuine.getLocalFingerprint().getContent(), got.getLocalFingerprint().getContent());
      assertEquals(genuine.getRemoteFingerprint().getContent(), got.getRemoteFingerprint().getContent());
    } else {
      assertFalse(Arrays.equals(THEIRS, scanned), "the genuine code did not match");
    }
  }

  private static CombinedFingerprints parse(byte[] code) {
    try {
      return CombinedFingerprints.parseFrom(code);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("a code that matched does not parse", e);
    }
  }
}
