package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.quintet.core.testing.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 20 signatures recorded from libsignal-client 0.86.5 ({@code vectors/libsignal/
 * xeddsa_libsignal.json}): each verifies, and one flipped bit in the signature, the message
 * or the key makes it fail.
 */
class XEdDSALibsignalVectorsTest {
  private static final JsonObject FILE = Vectors.load("libsignal/xeddsa_libsignal.json");

  /** Bits of every field: R (first, sign), s (low, middle, top three) and A's sign bit (511). */
  private static final int[] SIGNATURE_BITS = {0, 7, 100, 255, 256, 300, 500, 508, 509, 510, 511};

  record Sig(int id, byte[] publicU, byte[] privateKey, byte[] message, byte[] signature) {
    @Override
    public String toString() {
      return "id " + id + " (message " + message.length + " bytes)";
    }
  }

  static Stream<Sig> cases() {
    List<Sig> out = new ArrayList<>();
    for (JsonElement e : FILE.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      byte[] serialized = Vectors.hex(c.get("public_key").getAsString());
      assertEquals(33, serialized.length);
      assertEquals(0x05, serialized[0]);
      out.add(new Sig(
          c.get("id").getAsInt(),
          Arrays.copyOfRange(serialized, 1, 33),
          Vectors.hex(c.get("private_key").getAsString()),
          Vectors.hex(c.get("message").getAsString()),
          Vectors.hex(c.get("signature").getAsString())));
    }
    return out.stream();
  }

  @Test
  void twentyCases() {
    assertEquals(20, cases().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifies(Sig c) {
    assertArrayEquals(c.publicU(), X25519.publicKey(c.privateKey()), "recorded key pair matches");
    assertTrue(XEdDSA.verify(c.publicU(), c.message(), c.signature()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flippedSignatureBitFails(Sig c) {
    Random random = new Random(c.id());
    int[] bits = Arrays.copyOf(SIGNATURE_BITS, SIGNATURE_BITS.length + 1);
    bits[bits.length - 1] = random.nextInt(512);
    for (int bit : bits) {
      byte[] sig = flip(c.signature(), bit);
      assertFalse(XEdDSA.verify(c.publicU(), c.message(), sig), "signature bit " + bit);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flippedMessageBitFails(Sig c) {
    if (c.message().length == 0) {
      // Nothing to flip: a one-byte message must not take the empty message's signature.
      assertFalse(XEdDSA.verify(c.publicU(), new byte[1], c.signature()));
      return;
    }
    int bits = c.message().length * 8;
    for (int bit : new int[] {0, bits - 1, new Random(c.id()).nextInt(bits)}) {
      byte[] msg = flip(c.message(), bit);
      assertFalse(XEdDSA.verify(c.publicU(), msg, c.signature()), "message bit " + bit);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flippedKeyBitFails(Sig c) {
    // Bits below 255 keep u canonical, so these reach the curve arithmetic.
    for (int bit : new int[] {0, 128, 254, new Random(c.id()).nextInt(255)}) {
      byte[] u = flip(c.publicU(), bit);
      assertFalse(XEdDSA.verify(u, c.message(), c.signature()), "key bit " + bit);
    }
  }

  static byte[] flip(byte[] in, int bit) {
    byte[] out = in.clone();
    out[bit >>> 3] ^= (byte) (1 << (bit & 7));
    return out;
  }
}
