package io.quintet.core.internal.crypto;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 on the JDK's SHA-256 (hardware-accelerated where the CPU has SHA extensions).
 *
 * <p>The one-shot {@link #mac} methods compute RFC 2104 directly on one {@link MessageDigest}
 * per thread: SHA256((K ⊕ opad) ‖ SHA256((K ⊕ ipad) ‖ m)). That is the same four compressions
 * (for short inputs) that {@link Mac} spends, without the key objects, key copies and state
 * checks that {@link Mac#init} adds on every call; the Signal protocol re-keys HMAC for every
 * chain step, message key and MAC, so those dominated. {@link #init} still hands out a JDK
 * {@link Mac} for callers that feed data incrementally.
 */
public final class HmacSha256 {
  public static final int LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final int BLOCK = 64;
  private static final byte IPAD = 0x36;
  private static final byte OPAD = 0x5c;

  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(ALGORITHM);
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
            }
          });

  private static final ThreadLocal<Direct> DIRECT = ThreadLocal.withInitial(Direct::new);

  private HmacSha256() {}

  /** HMAC(key, part1 ‖ part2 ‖ ...). The key may have any length, including zero. */
  public static byte[] mac(byte[] key, byte[]... parts) {
    Direct d = DIRECT.get();
    d.begin(key);
    try {
      for (byte[] part : parts) {
        d.sha.update(part);
      }
    } catch (RuntimeException e) { // a null part: leave the digest clean for the next call
      d.abort();
      throw e;
    }
    return d.finish();
  }

  /** HMAC(key, data[offset, offset + length)). */
  public static byte[] mac(byte[] key, byte[] data, int offset, int length) {
    Direct d = DIRECT.get();
    d.begin(key);
    try {
      d.sha.update(data, offset, length);
    } catch (RuntimeException e) { // bad bounds: leave the digest clean for the next call
      d.abort();
      throw e;
    }
    return d.finish();
  }

  /** A keyed {@link Mac} for incremental use on this thread; finish it before the next call. */
  public static Mac init(byte[] key) {
    Mac mac = MAC.get();
    try {
      // SecretKeySpec refuses an empty key. HMAC pads keys with zeros to the block size, so
      // the empty key and the one-zero-byte key are the same key.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC init failed", e);
    }
    return mac;
  }

  /** One thread's digest and scratch pad; {@link #finish} leaves no key material in it. */
  private static final class Direct {
    final MessageDigest sha;
    private final byte[] pad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];

    Direct() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 missing from the JDK", e);
      }
    }

    /** Starts the inner hash: (K ⊕ ipad), K first hashed if longer than a block. */
    void begin(byte[] key) {
      byte[] k = key;
      if (k.length > BLOCK) {
        k = sha.digest(key);
      }
      for (int i = 0; i < k.length; i++) {
        pad[i] = (byte) (k[i] ^ IPAD);
      }
      Arrays.fill(pad, k.length, BLOCK, IPAD);
      if (k != key) {
        Arrays.fill(k, (byte) 0);
      }
      sha.update(pad);
    }

    /** Forgets a half-fed inner hash and the pad. */
    void abort() {
      sha.reset();
      Arrays.fill(pad, (byte) 0);
    }

    /** Closes the inner hash and returns SHA256((K ⊕ opad) ‖ inner). */
    byte[] finish() {
      byte[] out = new byte[LENGTH];
      try {
        sha.digest(inner, 0, LENGTH);
        for (int i = 0; i < BLOCK; i++) {
          pad[i] ^= (byte) (IPAD ^ OPAD);
        }
        sha.update(pad);
        sha.update(inner);
        sha.digest(out, 0, LENGTH);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 output buffer", e);
      } finally {
        Arrays.fill(pad, (byte) 0);
        Arrays.fill(inner, (byte) 0);
      }
      return out;
    }
  }
}
