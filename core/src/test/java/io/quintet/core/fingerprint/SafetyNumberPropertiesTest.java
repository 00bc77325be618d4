package io.quintet.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of safety numbers over generated identifiers and keys. Each safety number costs
 * 2 × 5200 SHA-512 rounds, so example counts are small; the byte-level fuzzing reuses one
 * number and runs many more examples.
 */
class SafetyNumberPropertiesTest {
  private static final int N = SafetyNumber.DEFAULT_ITERATIONS;

  /** One user: an identifier and an identity key (a public key is all a number needs). */
  private record Party(byte[] id, IdentityKey key) {
    Party withKey(IdentityKey other) {
      return new Party(id, other);
    }

    Party withId(byte[] other) {
      return new Party(other, key);
    }

    @Override
    public String toString() {
      return "Party[id=" + Arrays.toString(id) + ", key=" + key + "]";
    }
  }

  private static QuickTheory few() {
    return qt().withExamples(30).withShrinkCycles(20);
  }

  private static Gen<byte[]> bytes(int min, int max) {
    Gen<Byte> any = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    return Generate.byteArrays(Generate.range(min, max), any);
  }

  private static Gen<IdentityKey> keys() {
    return bytes(32, 32).map(SafetyNumberPropertiesTest::keyFromU);
  }

  private static IdentityKey keyFromU(byte[] u) {
    byte[] canonical = u.clone();
    canonical[31] &= 0x3f; // below 2^254 < p, so always a canonical u-coordinate
    try {
      return new IdentityKey(Curve25519PublicKey.fromU(canonical));
    } catch (InvalidKeyException e) {
      throw new AssertionError(e);
    }
  }

  private static Gen<Party> parties() {
    return bytes(0, 40).zip(keys(), Party::new);
  }

  private static Gen<Integer> versions() {
    return Generate.range(1, 2);
  }

  private static SafetyNumber number(int version, Party local, Party remote) {
    return SafetyNumber.create(version, N, local.id, local.key, remote.id, remote.key);
  }

  @Test
  void bothSidesShowTheSameDigitsAndAcceptEachOthersCode() {
    few()
        .forAll(parties(), parties(), versions())
        .checkAssert(
            (a, b, v) -> {
              SafetyNumber ab = number(v, a, b);
              SafetyNumber ba = number(v, b, a);
              assertEquals(ab.displayable(), ba.displayable());
              assertTrue(ab.displayable().matches("[0-9]{60}"), ab.displayable());
              assertTrue(scan(ab, ba.scannable()));
              assertTrue(scan(ba, ab.scannable()));
            });
  }

  @Test
  void changingEitherIdentityKeyChangesTheNumber() {
    few()
        .forAll(parties(), parties(), keys())
        .assuming((a, b, k) -> !k.equals(a.key) && !k.equals(b.key))
        .checkAssert(
            (a, b, k) -> {
              SafetyNumber real = number(2, a, b);
              SafetyNumber localChanged = number(2, a.withKey(k), b);
              SafetyNumber remoteChanged = number(2, a, b.withKey(k));
              assertNotEquals(real.displayable(), localChanged.displayable());
              assertNotEquals(real.displayable(), remoteChanged.displayable());
              // Bob, shown a substituted key for Alice, does not accept Alice's real code.
              assertFalse(scan(number(2, b, a.withKey(k)), real.scannable()));
            });
  }

  @Test
  void changingEitherIdentifierChangesTheNumber() {
    few()
        .forAll(parties(), parties(), bytes(0, 40))
        .assuming((a, b, id) -> !Arrays.equals(id, a.id) && !Arrays.equals(id, b.id))
        .checkAssert(
            (a, b, id) -> {
              SafetyNumber real = number(2, a, b);
              assertNotEquals(real.displayable(), number(2, a.withId(id), b).displayable());
              assertNotEquals(real.displayable(), number(2, a, b.withId(id)).displayable());
              assertFalse(scan(number(2, b, a.withId(id)), real.scannable()));
            });
  }

  @Test
  void onlyThePeersCodeMatchesNotAThirdParty() {
    few()
        .forAll(parties(), parties(), parties())
        .assuming((a, b, c) -> !c.key.equals(a.key) && !c.key.equals(b.key))
        .checkAssert(
            (a, b, c) -> {
              SafetyNumber alice = number(2, a, b);
              assertTrue(scan(alice, number(2, b, a).scannable()));
              assertFalse(scan(alice, number(2, c, a).scannable()), "Carol's code for Alice");
              assertFalse(scan(alice, number(2, c, b).scannable()), "Carol's code for Bob");
              // Mallory in the middle shows Bob her key where Alice's should be.
              assertFalse(scan(alice, number(2, b, a.withKey(c.key)).scannable()));
            });
  }

  @Test
  void anotherVersionIsATypedMismatch() {
    few()
        .forAll(parties(), parties(), Generate.range(0, 1000), Generate.range(0, 1000))
        .assuming((a, b, ours, theirs) -> !ours.equals(theirs))
        .checkAssert(
            (a, b, ours, theirs) -> {
              SafetyNumber mine = number(ours, a, b);
              byte[] code = number(theirs, b, a).scannable();
              FingerprintVersionMismatchException e =
                  assertThrows(
                      FingerprintVersionMismatchException.class, () -> mine.matchesScanned(code));
              assertEquals((int) theirs, e.theirVersion());
              assertEquals((int) ours, e.ourVersion());
            });
  }

  @Test
  void garbageBytesAreATypedErrorOrNoMatchNeverAnUncheckedException() {
    SafetyNumber mine = number(2, party(1), party(2));
    qt().withExamples(3000)
        .forAll(bytes(0, 300))
        .checkAssert(garbage -> assertFalse(verdict(mine, garbage), "random bytes matched"));
  }

  @Test
  void everyOneByteChangeOfTheGenuineCodeFails() {
    SafetyNumber mine = number(2, party(1), party(2));
    byte[] genuine = number(2, party(2), party(1)).scannable();
    assertTrue(verdict(mine, genuine));
    qt().withExamples(3000)
        .forAll(Generate.range(0, genuine.length - 1), Generate.range(1, 255))
        .checkAssert(
            (at, xor) -> {
              byte[] code = genuine.clone();
              code[at] ^= (byte) (int) xor;
              assertFalse(verdict(mine, code), "changed byte " + at);
            });
  }

  @Test
  void truncatedOrExtendedGenuineCodesFail() {
    SafetyNumber mine = number(2, party(1), party(2));
    byte[] genuine = number(2, party(2), party(1)).scannable();
    for (int len = 0; len < genuine.length; len++) {
      assertFalse(verdict(mine, Arrays.copyOf(genuine, len)), "truncated to " + len);
    }
    qt().withExamples(500)
        .forAll(bytes(1, 40))
        .checkAssert(
            tail -> {
              byte[] code = Arrays.copyOf(genuine, genuine.length + tail.length);
              System.arraycopy(tail, 0, code, genuine.length, tail.length);
              verdict(mine, code); // may still match (a trailing unknown field); must not blow up
            });
  }

  /** matchesScanned, failing the test on anything but a boolean or Quintet's typed errors. */
  private static boolean verdict(SafetyNumber mine, byte[] code) {
    try {
      return mine.matchesScanned(code);
    } catch (FingerprintVersionMismatchException | InvalidMessageException e) {
      return false;
    } catch (RuntimeException e) {
      return fail("unchecked " + e + " on " + Arrays.toString(code), e);
    }
  }

  /** For a genuine code: a typed error here is a test failure, not a "no". */
  private static boolean scan(SafetyNumber mine, byte[] code) {
    try {
      return mine.matchesScanned(code);
    } catch (FingerprintVersionMismatchException | InvalidMessageException e) {
      return fail("genuine code rejected: " + e.getMessage(), e);
    }
  }

  private static Party party(int seed) {
    byte[] u = new byte[32];
    Arrays.fill(u, (byte) (17 * seed));
    return new Party(new byte[] {(byte) seed}, keyFromU(u));
  }
}
