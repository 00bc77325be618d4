package io.quintet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class AccountIdTest {
  /** Any code points, including controls and lone surrogates. */
  private static final Gen<String> ANY = strings().allPossible().ofLengthBetween(0, 140);

  @Test
  void acceptsOrdinaryIds() {
    for (String s : List.of("a", "alice@example.org", "+14155550100", "Zoë", "😀", "a b")) {
      AccountId id = AccountId.of(s);
      assertEquals(s, id.value());
      assertEquals(s, id.toString());
      assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), id.toBytes());
    }
  }

  @Test
  void lengthIsCountedInUtf8Bytes() {
    assertEquals(256, AccountId.of("x".repeat(256)).toBytes().length);
    assertThrows(IllegalArgumentException.class, () -> AccountId.of("x".repeat(257)));
    // 128 two-byte characters fit, 129 do not, though 129 chars < 256.
    AccountId.of("é".repeat(128));
    assertThrows(IllegalArgumentException.class, () -> AccountId.of("é".repeat(129)));
    assertThrows(IllegalArgumentException.class, () -> AccountId.of("😀".repeat(65)));
    assertThrows(IllegalArgumentException.class, () -> AccountId.of(""));
    assertThrows(NullPointerException.class, () -> AccountId.of(null));
  }

  @Test
  void controlCharactersAreRejected() {
    for (String s : new String[] {"a\nb", "\u0000", "tab\t", "\u007f", "x\u0085", "\u009f"}) {
      assertThrows(IllegalArgumentException.class, () -> AccountId.of(s), s);
    }
  }

  @Test
  void loneSurrogatesAreRejected() {
    // Java encodes a lone surrogate as "?", so "\uD800" and "?" would sign as the same bytes.
    for (String s : new String[] {"\uD800", "a\uDC00", "\uDFFFb", "\uDE00\uD83D"}) {
      assertThrows(IllegalArgumentException.class, () -> AccountId.of(s), s);
    }
    assertEquals("\uD83D\uDE00", AccountId.of("\uD83D\uDE00").value());
  }

  /** Whatever is accepted is valid and its bytes decode back to it: the encoding is 1:1. */
  @Test
  void acceptedIdsHaveAnInjectiveEncoding() {
    qt().forAll(ANY)
        .checkAssert(
            s -> {
              Optional<AccountId> id = tryOf(s);
              if (id.isEmpty()) {
                return;
              }
              byte[] bytes = id.get().toBytes();
              assertTrue(bytes.length >= 1 && bytes.length <= AccountId.MAX_BYTES);
              assertEquals(s, new String(bytes, StandardCharsets.UTF_8));
              assertTrue(s.codePoints().noneMatch(Character::isISOControl));
            });
  }

  @Test
  void equalityAndOrderFollowTheString() {
    qt().forAll(ANY, ANY)
        .checkAssert(
            (a, b) -> {
              Optional<AccountId> x = tryOf(a);
              Optional<AccountId> y = tryOf(b);
              if (x.isEmpty() || y.isEmpty()) {
                return;
              }
              assertEquals(a.equals(b), x.get().equals(y.get()));
              assertEquals(
                  Integer.signum(a.compareTo(b)), Integer.signum(x.get().compareTo(y.get())));
              assertEquals(
                  -Integer.signum(x.get().compareTo(y.get())),
                  Integer.signum(y.get().compareTo(x.get())));
              if (a.equals(b)) {
                assertEquals(x.get().hashCode(), y.get().hashCode());
              }
            });
    assertEquals(AccountId.of("bob"), AccountId.of("bob"));
    assertNotEquals(AccountId.of("bob"), AccountId.of("Bob"));
    assertNotEquals(AccountId.of("bob"), "bob");
    assertTrue(AccountId.of("alice").compareTo(AccountId.of("bob")) < 0);
  }

  private static Optional<AccountId> tryOf(String s) {
    try {
      return Optional.of(AccountId.of(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
