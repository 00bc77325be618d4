package io.quintet.core.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 on the JDK's provider (hardware-accelerated SHA-256 where the CPU has it), with
 * one {@link Mac} per thread so the hot path allocates only the key spec and the output.
 */
public final class HmacSha256 {
  public static final int LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(ALGORITHM);
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
            }
          });

  private HmacSha256() {}

  /** HMAC(key, part1 ‖ part2 ‖ ...). The key may have any length, including zero. */
  public static byte[] mac(byte[] key, byte[]... parts) {
    Mac mac = init(key);
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  /** HMAC(key, data[offset, offset + length)). */
  public static byte[] mac(byte[] key, byte[] data, int offset, int length) {
    Mac mac = init(key);
    mac.update(data, offset, length);
    return mac.doFinal();
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
}
