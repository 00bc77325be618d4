package io.quintet.devicelist.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One-time link codes: alphabet, entropy, normalization, expiry, no leaks. */
class LinkCodeTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void codesUseTheAlphabetEvenlyAndDisplayInTwoGroups() {
    int[] counts = new int[128];
    for (int i = 0; i < 4000; i++) {
      LinkCode c = LinkCode.generate(NOW, LinkCode.DEFAULT_LIFETIME);
      byte[] pw = c.passwordBytes();
      assertEquals(LinkCode.LENGTH, pw.length);
      for (byte b : pw) {
        assertTrue(LinkCode.ALPHABET.indexOf((char) b) >= 0);
        counts[b]++;
      }
      assertTrue(c.display().matches("[1-9A-HJ-NP-TV-Z]{4}-[1-9A-HJ-NP-TV-Z]{4}"), c.display());
    }
    // 32 000 characters over 32 letters: each near 1 000; a broken mapping would leave gaps.
    for (char ch : LinkCode.ALPHABET.toCharArray()) {
      assertTrue(counts[ch] > 800 && counts[ch] < 1200, ch + ": " + counts[ch]);
    }
    assertEquals(32, LinkCode.ALPHABET.length());
    assertEquals(32, LinkCode.ALPHABET.chars().distinct().count());
  }

  @Test
  void whatTheUserTypesIsNormalizedOrRefused() {
    LinkCode c = LinkCode.generate(NOW, LinkCode.DEFAULT_LIFETIME);
    String shown = c.display();
    assertArrayEquals(c.passwordBytes(), LinkCode.normalize(shown).orElseThrow());
    assertArrayEquals(c.passwordBytes(),
        LinkCode.normalize(" " + shown.toLowerCase().replace("-", " ") + " ").orElseThrow());
    assertFalse(LinkCode.normalize("ABCD-EFG").isPresent(), "too short");
    assertFalse(LinkCode.normalize("ABCD-EFGHJ").isPresent(), "too long");
    assertFalse(LinkCode.normalize("ABCD-EFG0").isPresent(), "0 is not in the alphabet");
    assertFalse(LinkCode.normalize("ABCD-EFGO").isPresent(), "O is not in the alphabet");
    assertFalse(LinkCode.normalize(null).isPresent());
    qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s ->
        LinkCode.normalize(s).ifPresent(b -> {
          assertEquals(LinkCode.LENGTH, b.length);
          for (byte x : b) {
            assertTrue(LinkCode.ALPHABET.indexOf((char) x) >= 0);
          }
        }));
  }

  @Test
  void nonAsciiLettersAreRefusedNotFoldedIntoTheAlphabet() {
    // Found while writing LinkFuzzTest's oracle: Unicode upper-casing made "ßßßß" the code
    // SSSSSSSS and "ſ" an S.
    assertFalse(LinkCode.normalize("ßßßß").isPresent());
    assertFalse(LinkCode.normalize("SSSS-SSSſ").isPresent());
    assertFalse(LinkCode.normalize("ﬀﬀ-FFFF").isPresent());
    assertArrayEquals("SSSSSSSS".getBytes(StandardCharsets.US_ASCII),
        LinkCode.normalize("ssss-ssss").orElseThrow());
  }

  @Test
  void codesExpireAndAreRedactedAndDestroyable() {
    LinkCode c = LinkCode.generate(NOW, Duration.ofMinutes(3));
    assertFalse(c.isExpired(NOW.plusSeconds(179)));
    assertTrue(c.isExpired(NOW.plusSeconds(180)));
    String secret = new String(c.passwordBytes(), StandardCharsets.US_ASCII);
    assertFalse(c.toString().contains(secret));
    c.destroy();
    assertArrayEquals(new byte[LinkCode.LENGTH], c.passwordBytes());
    assertThrows(IllegalArgumentException.class, () -> LinkCode.generate(NOW, Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> LinkCode.generate(NOW, Duration.ZERO));
  }
}
