package io.quintet.store.sqlite;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.AesGcm;
import io.quintet.core.internal.crypto.Hkdf;
import io.quintet.core.internal.crypto.Rng;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Seals secret columns row by row. With a store key every value becomes {@code 0x01 ‖ nonce ‖
 * AES-256-GCM(value)} under a fresh random 96-bit nonce, with the row's identity (table and
 * primary key) as associated data, so a row moved or copied onto another fails to open. Without
 * a key values are stored as {@code 0x00 ‖ value}. A database is sealed or not as a whole: the
 * other format byte is refused, so a plaintext row cannot be slipped into a sealed database.
 *
 * <p>Random nonces keep the chance of a repeat below 2^-32 for 2^32 sealings under one key (NIST
 * SP 800-38D); at one session write per message that is billions of messages per device.
 */
final class Sealer implements AutoCloseable {
  private static final byte PLAIN = 0x00;
  private static final byte GCM = 0x01;
  private static final byte[] KEY_INFO =
      "Quintet SQLite store v1 row sealing key".getBytes(StandardCharsets.UTF_8);

  private final byte[] key; // null: unsealed database

  private Sealer(byte[] key) {
    this.key = key;
  }

  static Sealer plain() {
    return new Sealer(null);
  }

  /** A sealer with a key derived from {@code storeKey} (HKDF-SHA256, domain-separated). */
  static Sealer keyed(StoreKey storeKey) {
    return new Sealer(Hkdf.derive(storeKey.bytes(), new byte[32], KEY_INFO, AesGcm.KEY_LENGTH));
  }

  boolean isKeyed() {
    return key != null;
  }

  byte[] seal(byte[] value, byte[] rowId) {
    if (key == null) {
      byte[] out = new byte[value.length + 1];
      out[0] = PLAIN;
      System.arraycopy(value, 0, out, 1, value.length);
      return out;
    }
    byte[] nonce = Rng.bytes(AesGcm.NONCE_LENGTH);
    byte[] sealed = AesGcm.encrypt(key, nonce, value, rowId);
    byte[] out = new byte[1 + nonce.length + sealed.length];
    out[0] = GCM;
    System.arraycopy(nonce, 0, out, 1, nonce.length);
    System.arraycopy(sealed, 0, out, 1 + nonce.length, sealed.length);
    return out;
  }

  /**
   * The value sealed in {@code stored} for the row {@code rowId}.
   *
   * @throws StoreException ({@code TAMPERED}) if the format byte is not this database's or the
   *     tag does not verify
   */
  byte[] open(byte[] stored, byte[] rowId) throws StoreException {
    if (stored == null || stored.length == 0) {
      throw tampered(rowId);
    }
    if (key == null) {
      if (stored[0] != PLAIN) {
        throw tampered(rowId);
      }
      return Arrays.copyOfRange(stored, 1, stored.length);
    }
    if (stored[0] != GCM || stored.length < 1 + AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH) {
      throw tampered(rowId);
    }
    byte[] nonce = Arrays.copyOfRange(stored, 1, 1 + AesGcm.NONCE_LENGTH);
    byte[] body = Arrays.copyOfRange(stored, 1 + AesGcm.NONCE_LENGTH, stored.length);
    try {
      return AesGcm.decrypt(key, nonce, body, rowId);
    } catch (InvalidMessageException e) {
      throw tampered(rowId);
    }
  }

  private static StoreException tampered(byte[] rowId) {
    // The table name leads the row id; the key columns may be personal, so they stay out.
    int end = 0;
    while (end < rowId.length && rowId[end] != 0) {
      end++;
    }
    String table = new String(rowId, 0, end, StandardCharsets.UTF_8);
    return new StoreException(StoreException.Reason.TAMPERED,
        "a sealed row of " + table + " does not authenticate (altered, moved, or wrong key)");
  }

  /**
   * The associated data naming one row: the table name, a NUL, then each primary-key value as
   * a 4-byte length and its UTF-8 text. Lengths make it unambiguous.
   */
  static byte[] rowId(String table, Object... keyParts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(table.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    for (Object part : keyParts) {
      byte[] b = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
      out.write(b.length >>> 24);
      out.write(b.length >>> 16);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /** Wipes the sealing key. */
  @Override
  public void close() {
    if (key != null) {
      Arrays.fill(key, (byte) 0);
    }
  }
}
