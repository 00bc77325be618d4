package io.quintet.core.internal.crypto;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The Edwards form of recently seen XEdDSA verification keys: A's encoding (y from u, the
 * sign of x from the signature) and, when A lies in the prime-order subgroup, Bouncy
 * Castle's decoded point for its fast verifier. Everything here is public data derived from
 * a public key, so the table may be shared by all threads and compared in variable time.
 *
 * <p>Sender-key chains verify every message under one key, and a peer's identity key signs
 * its prekeys and device lists; the decoding and the subgroup check (one scalar
 * multiplication by the group order L) are paid once per key, not per signature. The table
 * is direct-mapped and bounded: a newer key replaces an older one in its slot; entries are
 * immutable, so readers need no lock.
 */
final class VerifyingKeyCache {
  private static final int SLOTS = 1024; // a power of two
  private static final AtomicReferenceArray<Key> TABLE = new AtomicReferenceArray<>(SLOTS);

  private VerifyingKeyCache() {}

  /** A verification key in Edwards form. */
  static final class Key {
    private final byte[] u;
    private final int signBit;
    private final boolean validated;
    /** The encoding of A that is hashed and, on the exact path, decoded. */
    final byte[] encoded;
    /**
     * Bouncy Castle's point for A once A is known to have prime order L (every honest key
     * has); null before the check and for small-order and mixed-order keys, which only the
     * exact verifier may decide.
     */
    final Ed25519.PublicPoint primeOrderPoint;

    private Key(byte[] u, int signBit, byte[] encoded, boolean validated,
        Ed25519.PublicPoint primeOrderPoint) {
      this.u = u;
      this.signBit = signBit;
      this.encoded = encoded;
      this.validated = validated;
      this.primeOrderPoint = primeOrderPoint;
    }
  }

  /**
   * The key for a canonical u other than −1 and the sign bit taken from a signature;
   * {@code encodedA} computes A's encoding on a miss. The subgroup check costs about as much
   * as a verification, so a key seen for the first time is only decoded (its signature goes to
   * the exact verifier, as before); the check is made when the key comes back.
   */
  static Key of(byte[] u, int signBit, Supplier<byte[]> encodedA) {
    int slot = ((u[0] & 0xFF) | (u[1] & 0xFF) << 8 ^ signBit << 9) & (SLOTS - 1);
    Key k = TABLE.get(slot);
    if (k == null || k.signBit != signBit || !Arrays.equals(k.u, u)) {
      k = new Key(u.clone(), signBit, encodedA.get(), false, null);
    } else if (!k.validated) {
      // Full validation: canonical, on the curve, not of small order, and [L]A = O.
      k = new Key(k.u, signBit, k.encoded, true,
          Ed25519.validatePublicKeyFullExport(k.encoded, 0));
    } else {
      return k;
    }
    TABLE.set(slot, k);
    return k;
  }

  /** Forgets every entry (tests use it to exercise the miss path). */
  static void clear() {
    for (int i = 0; i < SLOTS; i++) {
      TABLE.set(i, null);
    }
  }
}
