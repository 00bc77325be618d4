package io.quintet.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.proto.FingerprintProtos.CombinedFingerprints;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.fingerprint.Fingerprint;
import org.signal.libsignal.protocol.fingerprint.FingerprintParsingException;
import org.signal.libsignal.protocol.fingerprint.NumericFingerprintGenerator;
import org.signal.libsignal.protocol.fingerprint.ScannableFingerprint;

/**
 * Quintet against the real libsignal-client 0.86.5 (JNI) on random keys and identifiers:
 * same digits, same QR bytes, each accepts the other's codes, and both reject the same
 * corrupted codes. Seeds are fixed so a failure reproduces.
 */
class SafetyNumberLibsignalTest {
  private static final int CASES_PER_KIND = 25;

  /** A pair of identities, with the keys in both libraries' types. */
  private record Side(byte[] id, IdentityKey key, org.signal.libsignal.protocol.IdentityKey lib) {}

  @Test
  void version1PhoneNumbersMatchLibsignal() throws Exception {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < CASES_PER_KIND; i++) {
      compare(1, SafetyNumber.DEFAULT_ITERATIONS, side(rnd, e164(rnd)), side(rnd, e164(rnd)));
    }
  }

  @Test
  void version2UuidsMatchLibsignal() throws Exception {
    SplittableRandom rnd = new SplittableRandom(2);
    for (int i = 0; i < CASES_PER_KIND; i++) {
      Side a = side(rnd, bytes(rnd, 16));
      Side b = side(rnd, bytes(rnd, 16));
      compare(2, SafetyNumber.DEFAULT_ITERATIONS, a, b);
    }
  }

  @Test
  void anyIdentifierLengthAndIterationCountMatchesLibsignal() throws Exception {
    SplittableRandom rnd = new SplittableRandom(3);
    int[] iterations = {2, 3, 17, 1024, SafetyNumber.DEFAULT_ITERATIONS};
    for (int i = 0; i < CASES_PER_KIND; i++) {
      int version = 1 + rnd.nextInt(2);
      Side a = side(rnd, bytes(rnd, rnd.nextInt(65))); // includes empty identifiers
      Side b = side(rnd, bytes(rnd, rnd.nextInt(65)));
      compare(version, iterations[i % iterations.length], a, b);
    }
  }

  @Test
  void forAccountsIsLibsignalVersion2OverUtf8AccountIds() throws Exception {
    SplittableRandom rnd = new SplittableRandom(4);
    String[] names = {"alice", "bob@example.org", "Zoë", "用户-7", "+14155550100", "a b"};
    for (int i = 0; i < names.length; i++) {
      AccountId local = AccountId.of(names[i]);
      AccountId remote = AccountId.of(names[(i + 1) % names.length]);
      Side a = side(rnd, local.toBytes());
      Side b = side(rnd, remote.toBytes());
      SafetyNumber ours = SafetyNumber.forAccounts(local, a.key, remote, b.key);
      Fingerprint theirs = libsignal(2, SafetyNumber.DEFAULT_ITERATIONS, a, b);
      assertEquals(theirs.getDisplayableFingerprint().getDisplayText(), ours.displayable());
      assertArrayEquals(theirs.getScannableFingerprint().getSerialized(), ours.scannable());
    }
    assertArrayEquals("Zoë".getBytes(StandardCharsets.UTF_8), AccountId.of("Zoë").toBytes());
  }

  @Test
  void corruptedCodesGetTheSameVerdictFromBoth() throws Exception {
    SplittableRandom rnd = new SplittableRandom(5);
    Side a = side(rnd, bytes(rnd, 16));
    Side b = side(rnd, bytes(rnd, 16));
    int n = SafetyNumber.DEFAULT_ITERATIONS;
    SafetyNumber ours = SafetyNumber.create(2, n, a.id, a.key, b.id, b.key);
    ScannableFingerprint theirs = libsignal(2, n, a, b).getScannableFingerprint();
    byte[] genuine = libsignal(2, n, b, a).getScannableFingerprint().getSerialized();

    int[] seen = new int[Verdict.values().length];
    for (int i = 0; i < 600; i++) {
      byte[] code = corrupt(rnd, genuine);
      Verdict lib = verdict(theirs, code);
      Verdict q = verdict(ours, code);
      seen[q.ordinal()]++;
      // The one documented difference: no version field is "version 0" to libsignal and
      // malformed to Quintet. Both reject it.
      Verdict expected =
          lib == Verdict.VERSION_MISMATCH && !hasVersion(code) ? Verdict.MALFORMED : lib;
      assertEquals(expected, q, () -> "code " + Vectors.hex(code));
    }
    // The corruptions must exercise every verdict, or the comparison proves little.
    for (Verdict v : Verdict.values()) {
      assertTrue(seen[v.ordinal()] > 0, () -> "no code gave " + v + ": " + Arrays.toString(seen));
    }
  }

  private static void compare(int version, int iterations, Side a, Side b) throws Exception {
    SafetyNumber oursA = SafetyNumber.create(version, iterations, a.id, a.key, b.id, b.key);
    SafetyNumber oursB = SafetyNumber.create(version, iterations, b.id, b.key, a.id, a.key);
    Fingerprint libA = libsignal(version, iterations, a, b);
    Fingerprint libB = libsignal(version, iterations, b, a);
    byte[] libScanA = libA.getScannableFingerprint().getSerialized();
    byte[] libScanB = libB.getScannableFingerprint().getSerialized();

    assertEquals(libA.getDisplayableFingerprint().getDisplayText(), oursA.displayable());
    assertEquals(libB.getDisplayableFingerprint().getDisplayText(), oursB.displayable());
    assertArrayEquals(libScanA, oursA.scannable());
    assertArrayEquals(libScanB, oursB.scannable());
    // Cross-scan: each implementation accepts the other's code for the peer.
    assertTrue(oursA.matchesScanned(libScanB));
    assertTrue(oursB.matchesScanned(libScanA));
    assertTrue(libA.getScannableFingerprint().compareTo(oursB.scannable()));
    assertTrue(libB.getScannableFingerprint().compareTo(oursA.scannable()));
    // ... and neither accepts a screen's own code as the peer's.
    assertFalse(oursA.matchesScanned(libScanA));
    assertFalse(libA.getScannableFingerprint().compareTo(oursA.scannable()));
  }

  private static Fingerprint libsignal(int version, int iterations, Side local, Side remote) {
    return new NumericFingerprintGenerator(iterations)
        .createFor(version, local.id, local.lib, remote.id, remote.lib);
  }

  private enum Verdict {
    MATCH,
    NO_MATCH,
    VERSION_MISMATCH,
    MALFORMED
  }

  private static Verdict verdict(ScannableFingerprint lib, byte[] code) {
    try {
      return lib.compareTo(code) ? Verdict.MATCH : Verdict.NO_MATCH;
    } catch (org.signal.libsignal.protocol.fingerprint.FingerprintVersionMismatchException e) {
      return Verdict.VERSION_MISMATCH;
    } catch (FingerprintParsingException e) {
      return Verdict.MALFORMED;
    }
  }

  private static Verdict verdict(SafetyNumber ours, byte[] code) {
    try {
      return ours.matchesScanned(code) ? Verdict.MATCH : Verdict.NO_MATCH;
    } catch (FingerprintVersionMismatchException e) {
      return Verdict.VERSION_MISMATCH;
    } catch (InvalidMessageException e) {
      return Verdict.MALFORMED;
    }
  }

  private static boolean hasVersion(byte[] code) {
    try {
      return CombinedFingerprints.parseFrom(code).hasVersion();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return false;
    }
  }

  /** Unchanged, another version, a flipped bit, truncated, extended, cut, a random tail. */
  private static byte[] corrupt(SplittableRandom rnd, byte[] genuine) {
    byte[] out = genuine.clone();
    switch (rnd.nextInt(7)) {
      case 0:
        return out;
      case 6:
        out[1] = (byte) rnd.nextInt(128); // the version varint's only byte
        return out;
      case 1:
        out[rnd.nextInt(out.length)] ^= (byte) (1 << rnd.nextInt(8));
        return out;
      case 2:
        return Arrays.copyOf(out, rnd.nextInt(out.length));
      case 3:
        byte[] longer = Arrays.copyOf(out, out.length + 1 + rnd.nextInt(8));
        for (int i = out.length; i < longer.length; i++) {
          longer[i] = (byte) rnd.nextInt(256);
        }
        return longer;
      case 4:
        int cut = rnd.nextInt(out.length);
        return Arrays.copyOfRange(out, cut, out.length);
      default:
        int from = rnd.nextInt(out.length);
        for (int i = from; i < out.length; i++) {
          out[i] = (byte) rnd.nextInt(256);
        }
        return out;
    }
  }

  /** Half the keys from Quintet's generator, a quarter from libsignal's, a quarter raw u. */
  private static Side side(SplittableRandom rnd, byte[] id) throws Exception {
    byte[] serialized;
    switch (rnd.nextInt(4)) {
      case 0:
        serialized =
            org.signal.libsignal.protocol.IdentityKeyPair.generate().getPublicKey().serialize();
        break;
      case 1:
        byte[] u = bytes(rnd, 32);
        u[31] &= 0x7f; // canonical with overwhelming probability
        serialized = Curve25519PublicKey.fromU(u).serialize();
        break;
      default:
        serialized = IdentityKeyPair.generate().identityKey().serialize();
    }
    return new Side(
        id,
        IdentityKey.parse(serialized),
        new org.signal.libsignal.protocol.IdentityKey(serialized));
  }

  private static byte[] e164(SplittableRandom rnd) {
    StringBuilder s = new StringBuilder("+").append(1 + rnd.nextInt(9));
    for (int n = 7 + rnd.nextInt(7); n > 0; n--) {
      s.append(rnd.nextInt(10));
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }
}
