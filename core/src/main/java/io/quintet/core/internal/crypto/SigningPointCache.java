package io.quintet.core.internal.crypto;

import com.google.crypto.tink.internal.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The encoded Edwards public point A = aB (sign of x in bit 255) of recently used XEdDSA
 * private scalars, so that a signature costs one constant-time base multiplication (R = rB)
 * instead of two. Sender keys sign every group message with the same scalar, but their
 * records are parsed afresh for each message, so the cache lives here and not in a key
 * object.
 *
 * <p>It holds no secret: an entry is A (public: it is the signer's public key in Edwards
 * form) under a domain-separated SHA-256 of the clamped scalar, a one-way image. Lookups
 * compare that hash, never the scalar, so their timing can tell at most whether a key signed
 * recently. A and the hash are equal for equal scalars (and, by collision resistance, only
 * for them), so a hit gives exactly the point a fresh multiplication would. The table is
 * direct-mapped and bounded: a newer key simply replaces an older one in its slot, and
 * entries are immutable, so readers need no lock.
 */
final class SigningPointCache {
  private static final int SLOTS = 1024; // a power of two
  private static final byte[] LABEL =
      "Quintet XEdDSA signing point cache v1".getBytes(StandardCharsets.US_ASCII);
  private static final AtomicReferenceArray<Entry> TABLE = new AtomicReferenceArray<>(SLOTS);

  private SigningPointCache() {}

  private static final class Entry {
    final byte[] id;
    final byte[] point;

    Entry(byte[] id, byte[] point) {
      this.id = id;
      this.point = point;
    }
  }

  /** A for the clamped scalar {@code a}, as a fresh array the caller may modify. */
  static byte[] publicPoint(byte[] a) {
    byte[] id = id(a);
    int slot = ((id[0] & 0xFF) | (id[1] & 0xFF) << 8) & (SLOTS - 1);
    Entry e = TABLE.get(slot);
    if (e != null && MessageDigest.isEqual(e.id, id)) {
      return e.point.clone();
    }
    byte[] point = Ed25519.scalarMultWithBaseToBytes(a);
    TABLE.set(slot, new Entry(id, point.clone()));
    return point;
  }

  /** Forgets every entry (tests use it to exercise the miss path). */
  static void clear() {
    for (int i = 0; i < SLOTS; i++) {
      TABLE.set(i, null);
    }
  }

  private static byte[] id(byte[] a) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(LABEL);
      sha.update(a);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
