package io.quintet.devicelist.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.testing.Vectors;
import io.quintet.devicelist.link.CodeLinkMessages.Hello;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the byte strings and keys of docs/code-linking.md. The expected values were
 * computed once by an independent script (Python's hashlib, hmac and the cryptography package's
 * AESGCM) from the document's formulas, not from this code.
 */
class CodeLinkKeysTest {
  private static final byte[] REF = Vectors.hex("000102030405060708090a0b0c0d0e0f");
  private static final String COMPANION_KEY = "05" + "09" + "00".repeat(31);
  private static final String PRIMARY_KEY =
      "05" + "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
  private static final long EXPIRES_AT = Instant.parse("2026-11-25T10:03:00Z").toEpochMilli();
  private static final byte[] PA = Vectors.hex("04" + "11".repeat(64));
  private static final byte[] PB = Vectors.hex("04" + "22".repeat(64));
  private static final byte[] KE = Vectors.hex("33".repeat(16));

  private final Hello hello;

  CodeLinkKeysTest() throws Exception {
    hello = new Hello(REF, AccountId.of("alice"), IdentityKey.parse(Vectors.hex(PRIMARY_KEY)),
        IdentityKey.parse(Vectors.hex(COMPANION_KEY)), PA, EXPIRES_AT);
  }

  @Test
  void identitiesAndAadAreTheDocumentedBytes() {
    assertEquals(1795600980000L, EXPIRES_AT);
    assertEquals("000102030405060708090a0b0c0d0e0f" + COMPANION_KEY,
        Vectors.hex(CodeLinkKeys.companionId(hello.ref(), hello.companionKey())));
    assertEquals("0005" + "616c696365" + PRIMARY_KEY,
        Vectors.hex(CodeLinkKeys.accountId(hello.account(), hello.primaryKey())));
    assertEquals("5175696e74657420636f6465206c696e6b20763100000001a212289820",
        Vectors.hex(CodeLinkKeys.aad(EXPIRES_AT)));
  }

  @Test
  void transcriptHashAndSealingKeysMatchTheIndependentComputation() throws Exception {
    assertEquals("bcc9490516084e8896e79b1a7c9b31180896a86361b063b4520aa2128faf5308",
        Vectors.hex(CodeLinkKeys.transcriptHash(hello, PB)));
    byte[] ke = KE.clone();
    CodeLinkKeys keys = CodeLinkKeys.derive(ke, hello, PB);
    assertTrue(Arrays.equals(new byte[16], ke), "Ke is overwritten once used");
    // K_approval = e3866e8a…dee8, K_reply = 519edb27…536e; seen through their AES-GCM output.
    byte[] approval = keys.sealApproval(ascii("approval"));
    assertEquals("41b6f62b3e0fc9a1d9e5ac7d4b92ff94f64438b382f2543d", Vectors.hex(approval));
    assertEquals("65edc6e63a8bfc799fd022128a50ef7aedd44b522e",
        Vectors.hex(keys.sealReply(ascii("reply"))));
    assertArrayEquals(ascii("approval"), keys.openApproval(approval));
    assertThrows(InvalidMessageException.class, () -> keys.openReply(approval),
        "each direction has its own key");
    keys.destroy();
    assertThrows(InvalidMessageException.class, () -> keys.openApproval(approval), "keys wiped");
    assertEquals("CodeLinkKeys[redacted]", keys.toString());
  }

  @Test
  void everyFieldOfTheTranscriptChangesItsHash() throws Exception {
    String base = Vectors.hex(CodeLinkKeys.transcriptHash(hello, PB));
    byte[] otherRef = REF.clone();
    otherRef[15] ^= 1;
    Hello[] variants = {
      new Hello(otherRef, hello.account(), hello.primaryKey(), hello.companionKey(), PA, EXPIRES_AT),
      new Hello(REF, AccountId.of("alicf"), hello.primaryKey(), hello.companionKey(), PA, EXPIRES_AT),
      new Hello(REF, hello.account(), hello.companionKey(), hello.companionKey(), PA, EXPIRES_AT),
      new Hello(REF, hello.account(), hello.primaryKey(), hello.primaryKey(), PA, EXPIRES_AT),
      new Hello(REF, hello.account(), hello.primaryKey(), hello.companionKey(), PB, EXPIRES_AT),
      new Hello(REF, hello.account(), hello.primaryKey(), hello.companionKey(), PA, EXPIRES_AT + 1),
    };
    for (Hello v : variants) {
      assertFalse(base.equals(Vectors.hex(CodeLinkKeys.transcriptHash(v, PB))), v.toString());
    }
    assertFalse(base.equals(Vectors.hex(CodeLinkKeys.transcriptHash(hello, PA))));
  }

  @Test
  void labelsAreNulTerminatedAndDistinct() {
    byte[][] labels = {CodeLinkKeys.AAD_LABEL, CodeLinkKeys.TRANSCRIPT_LABEL, CodeLinkKeys.KEYS_LABEL};
    for (byte[] l : labels) {
      assertEquals(0, l[l.length - 1]);
      assertEquals(-1, new String(l, 0, l.length - 1, StandardCharsets.US_ASCII).indexOf('\0'));
    }
    assertEquals("Quintet code link v1\0", new String(CodeLinkKeys.AAD_LABEL, StandardCharsets.US_ASCII));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
