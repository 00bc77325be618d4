package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.testing.Vectors;
import io.quintet.core.wire.SenderKeyMessage;
import io.quintet.core.wire.SenderKeyVectors;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The sender chain's key schedule, checked without any signature (no XEdDSA needed). */
class SenderChainKeyTest {

  @Test
  void derivesTheKeysOfEveryRecordedMessage() throws Exception {
    int decrypted = 0;
    for (SenderKeyVectors.Case c : SenderKeyVectors.cases()) {
      SenderChainKey chain = SenderChainKey.of(c.iteration, c.chainKey);
      for (SenderKeyVectors.Message v : c.messages) {
        while (chain.iteration() < Integer.toUnsignedLong(v.iteration)) {
          chain = chain.next();
        }
        byte[] ct = SenderKeyMessage.parse(v.serialized).ciphertext();
        assertArrayEquals(v.plaintext, chain.messageKey().decrypt(ct), c.id);
        decrypted++;
      }
    }
    assertEquals(35, decrypted);
  }

  @Test
  void stepsWithHmacLabelsOneAndTwo() throws Exception {
    byte[] key = Vectors.hex("53bb5cfbf6ad36350ef7f0949158c834a009f8bbf29d20e9216b75c02aaa2c63");
    SenderChainKey chain = SenderChainKey.of(41, key);
    assertArrayEquals(hmac(key, 0x01), chain.messageSeed());
    SenderChainKey next = chain.next();
    assertEquals(42, next.iteration());
    assertArrayEquals(hmac(key, 0x02), next.keyBytes());
    assertArrayEquals(key, chain.keyBytes()); // stepping does not change the old key object
  }

  @Test
  void iterationsAreUnsigned() throws Exception {
    SenderChainKey chain = SenderChainKey.of(0x7FFF_FFFF, new byte[32]).next();
    assertEquals(0x8000_0000L, chain.iteration());
    assertEquals(0x8000_0000, chain.messageKey().iteration());
  }

  @Test
  void theLastIterationHasNoSuccessor() {
    SenderChainKey last = SenderChainKey.of(-1, new byte[32]);
    assertEquals(SenderChainKey.LAST_ITERATION, last.iteration());
    assertThrows(InvalidMessageException.class, last::next);
  }

  @Test
  void refusesAKeyOfTheWrongLength() {
    assertThrows(IllegalArgumentException.class, () -> SenderChainKey.of(0, new byte[31]));
  }

  @Test
  void aMessageKeyIsUsedOnce() throws Exception {
    SenderMessageKey key = SenderChainKey.of(0, new byte[32]).messageKey();
    byte[] ct = key.encrypt(new byte[5]);
    assertEquals(16, ct.length);
    assertThrows(IllegalStateException.class, () -> key.decrypt(ct));
    assertArrayEquals(new byte[5], SenderChainKey.of(0, new byte[32]).messageKey().decrypt(ct));
  }

  @Test
  void aWrongKeyOrTruncatedCiphertextIsATypedError() throws Exception {
    byte[] ct = SenderChainKey.of(0, new byte[32]).messageKey().encrypt(new byte[20]);
    assertThrows(
        InvalidMessageException.class,
        () -> SenderChainKey.of(0, new byte[32]).messageKey().decrypt(Arrays.copyOf(ct, 31)));
    assertThrows(
        InvalidMessageException.class,
        () -> SenderChainKey.of(0, new byte[32]).messageKey().decrypt(new byte[0]));
  }

  @Test
  void toStringShowsNoKeyMaterial() throws Exception {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0x3c);
    SenderChainKey chain = SenderChainKey.of(7, key);
    for (String s : new String[] {chain.toString(), chain.messageKey().toString()}) {
      assertFalse(s.contains("3c3c") || s.contains(HexFormat.of().formatHex(chain.messageSeed())), s);
      assertFalse(s.contains("[60, 60"), s);
    }
  }

  private static byte[] hmac(byte[] key, int label) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(new byte[] {(byte) label});
  }
}
