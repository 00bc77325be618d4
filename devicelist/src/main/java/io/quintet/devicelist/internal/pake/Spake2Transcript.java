package io.quintet.devicelist.internal.pake;

import io.quintet.core.internal.crypto.Hkdf;
import io.quintet.core.internal.crypto.HmacSha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * RFC 9382 §3.3 and §4 for SPAKE2-P256-SHA256-HKDF-HMAC: the transcript TT and the keys derived
 * from it. Both parties build the same object; it holds secrets until {@link #wipe()}.
 *
 * <pre>
 * TT        = len(A)‖A ‖ len(B)‖B ‖ len(pA)‖pA ‖ len(pB)‖pB ‖ len(K)‖K ‖ len(w)‖w
 * Ke ‖ Ka   = SHA-256(TT)                                  16 bytes each
 * KcA ‖ KcB = HKDF-SHA256(Ka, salt = nil, "ConfirmationKeys" ‖ AAD, 32)
 * cA = HMAC-SHA256(KcA, TT),  cB = HMAC-SHA256(KcB, TT)
 * </pre>
 *
 * len() is an 8-byte little-endian count; w is 32 big-endian bytes.
 */
final class Spake2Transcript {
  static final int KEY_LENGTH = 16;
  private static final byte[] CONFIRMATION_KEYS =
      "ConfirmationKeys".getBytes(StandardCharsets.US_ASCII);

  private final byte[] k;
  private final byte[] tt;
  private final byte[] hashTt;
  private final byte[] ke;
  private final byte[] ka;
  private final byte[] kcA;
  private final byte[] kcB;
  private final byte[] cA;
  private final byte[] cB;

  private Spake2Transcript(byte[] k, byte[] tt, byte[] hashTt, byte[] aad) {
    this.k = k;
    this.tt = tt;
    this.hashTt = hashTt;
    this.ke = Arrays.copyOfRange(hashTt, 0, KEY_LENGTH);
    this.ka = Arrays.copyOfRange(hashTt, KEY_LENGTH, 2 * KEY_LENGTH);
    byte[] info = concat(CONFIRMATION_KEYS, aad);
    byte[] kc = Hkdf.derive(ka, new byte[0], info, 2 * KEY_LENGTH);
    this.kcA = Arrays.copyOfRange(kc, 0, KEY_LENGTH);
    this.kcB = Arrays.copyOfRange(kc, KEY_LENGTH, 2 * KEY_LENGTH);
    Arrays.fill(kc, (byte) 0);
    this.cA = HmacSha256.mac(kcA, tt);
    this.cB = HmacSha256.mac(kcB, tt);
  }

  /**
   * Builds TT from its six fields (identities possibly empty) and derives every key; K is copied.
   */
  static Spake2Transcript compute(
      byte[] idA, byte[] idB, byte[] pA, byte[] pB, byte[] k, byte[] w, byte[] aad) {
    byte[] tt = lengthPrefixed(idA, idB, pA, pB, k, w);
    return new Spake2Transcript(k.clone(), tt, sha256(tt), aad);
  }

  /** len(f1) ‖ f1 ‖ len(f2) ‖ f2 ‖ ... with each len an 8-byte little-endian count (§3.1). */
  static byte[] lengthPrefixed(byte[]... fields) {
    int size = 0;
    for (byte[] field : fields) {
      size = Math.addExact(size, Long.BYTES + field.length);
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] field : fields) {
      out.putLong(field.length).put(field);
    }
    return out.array();
  }

  byte[] k() {
    return k;
  }

  byte[] tt() {
    return tt;
  }

  byte[] hashTt() {
    return hashTt;
  }

  byte[] ke() {
    return ke;
  }

  byte[] ka() {
    return ka;
  }

  byte[] kcA() {
    return kcA;
  }

  byte[] kcB() {
    return kcB;
  }

  byte[] cA() {
    return cA;
  }

  byte[] cB() {
    return cB;
  }

  void wipe() {
    for (byte[] secret : new byte[][] {k, tt, hashTt, ke, ka, kcA, kcB, cA, cB}) {
      Arrays.fill(secret, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Spake2Transcript[redacted]";
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
