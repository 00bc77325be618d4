package io.quintet.devicelist.link;

import io.quintet.core.internal.crypto.Rng;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The one-time code a companion shows when it links by phone number: 8 characters from
 * WhatsApp's unambiguous 32-letter alphabet ({@code 123456789ABCDEFGHJKLMNPQRSTVWXYZ}, no 0, O,
 * I or U), so 40 bits of entropy. That is only safe because the code is the password of a PAKE
 * (SPAKE2, see docs/pake.md): each linking exchange tests one guess, and a code dies after one
 * exchange or when it expires.
 *
 * <pre>{@code
 * LinkCode code = LinkCode.generate(clock.instant(), LinkCode.DEFAULT_LIFETIME);
 * show(code.display());                                 // "4K7Q-9XMB"
 * Optional<byte[]> typed = LinkCode.normalize(userInput); // on the primary: "4k7q 9xmb" works
 * }</pre>
 */
public final class LinkCode {
  /** WhatsApp's pairing-code alphabet: 32 characters, none easily confused with another. */
  public static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
  /** Characters in a code. */
  public static final int LENGTH = 8;
  /** How long a code stays usable by default. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(3);

  private final byte[] code;
  private final Instant expiresAt;

  private LinkCode(byte[] code, Instant expiresAt) {
    this.code = code;
    this.expiresAt = expiresAt;
  }

  /** A fresh uniformly random code: 5 random bits per character, 40 in all. */
  public static LinkCode generate(Instant now, Duration lifetime) {
    Objects.requireNonNull(now, "now");
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofMinutes(30)) > 0) {
      throw new IllegalArgumentException("a link code lives between 0 and 30 minutes");
    }
    byte[] random = Rng.bytes(LENGTH);
    byte[] code = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      code[i] = (byte) ALPHABET.charAt(random[i] & 0x1F); // 256 is a multiple of 32: no bias
    }
    Arrays.fill(random, (byte) 0);
    return new LinkCode(code, now.plus(lifetime));
  }

  /**
   * The canonical bytes of what a user typed: case-folded, spaces and dashes removed. Characters
   * outside the alphabet (such as 0, O, I, U) are refused rather than guessed at, since a wrong
   * guess would spend the code's one exchange. Empty when it cannot be a code.
   */
  public static Optional<byte[]> normalize(String typed) {
    if (typed == null || typed.length() > 4 * LENGTH) {
      return Optional.empty();
    }
    byte[] out = new byte[LENGTH];
    int n = 0;
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c == ' ' || c == '-') {
        continue;
      }
      // ASCII case folding only: String.toUpperCase would turn "ß" into "SS" and "ſ" into "S",
      // guessing alphabet letters from characters that are not in it.
      char upper = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
      if (ALPHABET.indexOf(upper) < 0 || n == LENGTH) {
        return Optional.empty();
      }
      out[n++] = (byte) upper;
    }
    return n == LENGTH ? Optional.of(out) : Optional.empty();
  }

  /** The code grouped for reading aloud, e.g. {@code 4K7Q-9XMB}. */
  public String display() {
    String s = new String(code, StandardCharsets.US_ASCII);
    return s.substring(0, 4) + "-" + s.substring(4);
  }

  /** The PAKE password: the code's 8 ASCII bytes. Secret until it has been used. */
  public byte[] passwordBytes() {
    return code.clone();
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Overwrites the code once its one exchange has started. */
  public void destroy() {
    Arrays.fill(code, (byte) 0);
  }

  @Override
  public String toString() {
    return "LinkCode[redacted, expires " + expiresAt + "]";
  }
}
