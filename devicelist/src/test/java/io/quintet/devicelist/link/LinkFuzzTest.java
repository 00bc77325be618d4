package io.quintet.devicelist.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.PrimaryDevices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What linking reads from outside: the QR payload the primary scans, the sealed approval the
 * companion receives through the server, and the code a user types. Oracle: only the declared
 * typed exceptions ({@link InvalidMessageException}, {@link DeviceListException}, {@link
 * InvalidSignatureException}); {@link LinkCode#normalize} never throws and yields either nothing
 * or eight characters of the alphabet. Seeds were made at {@link #NOW}, the clock used here.
 */
class LinkFuzzTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final IdentityKeyPair PHONE = IdentityKeyPair.generate();
  private static final IdentityKeyPair LAPTOP = IdentityKeyPair.generate();

  @FuzzTest
  void scannedPayload(byte[] data) {
    String payload = new String(data, StandardCharsets.ISO_8859_1);
    PrimaryDevices devices = PrimaryDevices.create(PHONE, AccountId.of("alice"),
        LinkPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    byte[] sealed;
    try {
      sealed = QrLinkApprover.approve(devices, PHONE, payload, NOW);
    } catch (InvalidMessageException | DeviceListException refused) {
      return;
    }
    assertTrue(sealed.length > 0);
    try {
      assertEquals(16, QrLinkApprover.ref(payload).length);
    } catch (InvalidMessageException e) {
      throw new AssertionError("an approved payload has no ref", e);
    }
  }

  @FuzzTest
  void sealedApproval(byte[] sealed) {
    QrLinkOffer offer = QrLinkOffer.create(LAPTOP, NOW, Duration.ofMinutes(2));
    try {
      offer.open(sealed, NOW);
    } catch (InvalidMessageException | InvalidSignatureException refused) {
      return;
    }
    throw new AssertionError("a fuzzed approval opened without the QR's secret");
  }

  @FuzzTest
  void typedCode(byte[] data) {
    String typed = new String(data, StandardCharsets.UTF_8);
    Optional<byte[]> code = LinkCode.normalize(typed);
    code.ifPresent(c -> {
      assertEquals(LinkCode.LENGTH, c.length);
      for (byte b : c) {
        assertTrue(LinkCode.ALPHABET.indexOf(b) >= 0, "normalized to a character outside the alphabet");
      }
      // Nothing guessed: the typed characters, less separators, are the code up to ASCII case.
      String kept = typed.replace(" ", "").replace("-", "");
      assertTrue(kept.equalsIgnoreCase(new String(c, StandardCharsets.US_ASCII))
          && kept.chars().allMatch(ch -> ch < 128), "normalized " + kept);
    });
  }
}
