package io.quintet.devicelist.internal.pake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators, a cheap password cost and assertions shared by the PAKE tests. */
final class PakeGens {
  private PakeGens() {}

  static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
  static final int CODE_LENGTH = 8;

  /** The smallest Argon2 cost (8 KiB, one pass): same format, milliseconds per derivation. */
  static final Spake2Password.Cost CHEAP = new Spake2Password.Cost(8, 1, 1);

  static Gen<byte[]> bytes(int minLength, int maxLength) {
    return Generate.byteArrays(
            integers().between(minLength, maxLength),
            integers().between(-128, 127).map(Integer::byteValue))
        .describedAs(Vectors::hex);
  }

  /** An 8-character linking code over the pairing alphabet. */
  static Gen<String> codes() {
    return Generate.intArrays(
            Generate.constant(CODE_LENGTH), integers().between(0, ALPHABET.length() - 1))
        .map(
            idx -> {
              StringBuilder sb = new StringBuilder();
              for (int i : idx) {
                sb.append(ALPHABET.charAt(i));
              }
              return sb.toString();
            });
  }

  /** The code with the character at {@code pos} replaced by a different one ({@code shift} ≥ 1). */
  static String changeOne(String code, int pos, int shift) {
    int i = ALPHABET.indexOf(code.charAt(pos));
    char other = ALPHABET.charAt((i + shift) % ALPHABET.length());
    return code.substring(0, pos) + other + code.substring(pos + 1);
  }

  static Spake2Password password(String code, byte[] idA, byte[] idB) {
    return Spake2Password.derive(code.getBytes(StandardCharsets.US_ASCII), idA, idB, CHEAP);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Runs {@code step}; passes if it throws PakeException with {@code reason}, fails otherwise. */
  static void assertPakeFailure(PakeException.Reason reason, ThrowingStep step) {
    try {
      step.run();
    } catch (PakeException e) {
      assertEquals(reason, e.reason(), e.getMessage());
      return;
    } catch (Throwable t) {
      fail("expected PakeException(" + reason + "), got " + t, t);
    }
    fail("expected PakeException(" + reason + "), nothing was thrown");
  }

  /** A step of an exchange that may throw the typed exception. */
  @FunctionalInterface
  interface ThrowingStep {
    void run() throws PakeException;
  }
}
