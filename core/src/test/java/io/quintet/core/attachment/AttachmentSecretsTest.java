package io.quintet.core.attachment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The attachment key must stay out of everything that ends up in logs: toString of the key, the
 * pointer and the streams, and the messages of every exception a decryption can throw.
 */
class AttachmentSecretsTest {

  @Test
  void toStringsShowNoKeyOrFileName() throws Exception {
    for (int i = 0; i < 50; i++) {
      Sealed s = Sealed.of(Sealed.TINY, Sealed.randomBytes(i, i), "image/jpeg", "secret-plan.jpg");
      byte[] key = s.pointer.key().bytesUnsafe();
      List<String> shown = new ArrayList<>();
      shown.add(s.pointer.toString());
      shown.add(s.pointer.key().toString());
      shown.add(AttachmentPointer.parse(serializeStandard(i)).toString());
      shown.add(Sealed.TINY.newDecryptingStream(s.pointer, new ByteArrayInputStream(s.blob))
          .toString());
      for (String text : shown) {
        assertTrue(leakFree(key, text), text);
        assertFalse(text.contains("secret-plan"), text);
      }
    }
  }

  @Test
  void failureMessagesShowNoKey() {
    Sealed s = Sealed.of(Sealed.TINY, 100);
    byte[] key = s.pointer.key().bytesUnsafe();
    for (int at = 0; at < s.blob.length; at += 5) {
      byte[] bad = s.blob.clone();
      bad[at] ^= 1;
      for (AttachmentTamperingTest.Decryption d : List.<AttachmentTamperingTest.Decryption>of(
          () -> Sealed.decryptStream(Sealed.TINY, s.pointer, bad),
          () -> Sealed.decryptChannel(Sealed.TINY, s.pointer, bad))) {
        try {
          d.run();
        } catch (AttachmentException e) {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertTrue(leakFree(key, String.valueOf(t.getMessage())), t.getMessage());
            assertTrue(leakFree(key, t.toString()), t.toString());
          }
        }
      }
    }
  }

  /** The checker must notice a leak, or the tests above prove nothing. */
  @Test
  void checkerCatchesLeaks() {
    byte[] key = AttachmentKey.generate().bytesUnsafe();
    String hex = HexFormat.of().formatHex(key);
    for (String leaky : List.of(hex, hex.toUpperCase(Locale.ROOT), hex.substring(10, 26),
        Base64.getEncoder().encodeToString(key), Arrays.toString(Arrays.copyOfRange(key, 4, 12)))) {
      assertFalse(leakFree(key, "k=" + leaky), leaky);
    }
  }

  private static byte[] serializeStandard(int size) {
    return Sealed.of(AttachmentEngine.STANDARD, size).pointer.serialize();
  }

  /** No 8-byte window of the key in hex (either case), Base64 or Arrays.toString form. */
  static boolean leakFree(byte[] key, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains(HexFormat.of().formatHex(key))
        || text.contains(Base64.getEncoder().encodeToString(key))) {
      return false;
    }
    for (int i = 0; i + 8 <= key.length; i++) {
      byte[] w = Arrays.copyOfRange(key, i, i + 8);
      if (lower.contains(HexFormat.of().formatHex(w))
          || text.contains(Arrays.toString(w).replace("[", "").replace("]", ""))) {
        return false;
      }
    }
    return true;
  }
}
