package io.quintet.devicelist.internal.pake;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The SPAKE2 password scalar w = MHF(pw) mod p (RFC 9382 §3.1), with Argon2id as the memory-hard
 * function.
 *
 * <pre>
 * salt = "Quintet SPAKE2-P256 w v1" ‖ len(A) ‖ A ‖ len(B) ‖ B      (len: 8 bytes little-endian)
 * w    = Argon2id(pw, salt, m = 19 MiB, t = 2, p = 1, 48 bytes)  as a big-endian integer mod p
 * </pre>
 *
 * <p>Why a memory-hard function at all: the exchange itself already stops offline guessing by the
 * relaying server (it sees only pA, pB and MACs). w, however, is a password equivalent; if an
 * endpoint's memory or storage leaks it, the cost per guess is what separates it from the code. The
 * 48-byte output is 128 bits longer than p, so the reduction mod p is within 2^-128 of uniform. The
 * identities in the salt tie w to one (companion, account) pair. Parameters are the OWASP minimum
 * for Argon2id (19 MiB, 2 passes, one lane); see {@code docs/pake.md} for what it costs (not yet
 * measured on a phone).
 *
 * <p>Both sides derive w from the same normalized password bytes and the same A and B (A = the
 * party that starts). Normalizing the code (case, separators) is the caller's job.
 *
 * <pre>{@code
 * Spake2Password w = Spake2Password.derive(code, companionId, accountId);
 * Spake2 party = Spake2.partyB(companionId, accountId, w, aad);
 * w.destroy();   // the party keeps its own copy
 * }</pre>
 */
public final class Spake2Password implements Destroyable {
  /** Argon2id cost. Package-private so tests can run cheaply; production uses the default. */
  record Cost(int memoryKiB, int iterations, int parallelism) {}

  static final Cost DEFAULT_COST = new Cost(19 * 1024, 2, 1);
  static final byte[] SALT_LABEL = "Quintet SPAKE2-P256 w v1".getBytes(StandardCharsets.US_ASCII);

  /** 256 bits for the order plus 128 to make the reduction's bias negligible. */
  static final int MHF_OUTPUT_LENGTH = 48;

  private final byte[] w;
  private boolean destroyed;

  private Spake2Password(byte[] w) {
    this.w = w;
  }

  /**
   * Runs Argon2id over {@code password} with A and B in the salt. It takes 19 MiB and up to
   * about a second (a cold JVM on a slow CPU), so call it off the UI thread.
   *
   * @param password the normalized password bytes, not empty (not kept)
   * @param idA the identity of the party that starts (may be empty)
   * @param idB the identity of the responder (may be empty)
   * @throws IllegalArgumentException if the password is empty
   */
  public static Spake2Password derive(byte[] password, byte[] idA, byte[] idB) {
    return derive(password, idA, idB, DEFAULT_COST);
  }

  static Spake2Password derive(byte[] password, byte[] idA, byte[] idB, Cost cost) {
    if (password.length == 0) {
      throw new IllegalArgumentException("empty password");
    }
    byte[] salt = salt(idA, idB);
    Argon2Parameters.Builder builder =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(cost.memoryKiB())
            .withIterations(cost.iterations())
            .withParallelism(cost.parallelism());
    Argon2Parameters params = builder.build();
    Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
    argon2.init(params); // allocates the memory blocks; generateBytes clears them afterwards
    byte[] out = new byte[MHF_OUTPUT_LENGTH];
    try {
      argon2.generateBytes(password, out);
      // BigInteger arithmetic is not constant-time; this runs once per exchange, locally,
      // on a value an observer of the exchange never sees.
      return new Spake2Password(P256Group.scalarBytes(new BigInteger(1, out).mod(P256Group.ORDER)));
    } finally {
      Arrays.fill(out, (byte) 0);
      params.clear();
      builder.clear();
    }
  }

  /** The salt of the MHF: the label, then A and B length-prefixed as in TT. */
  static byte[] salt(byte[] idA, byte[] idB) {
    byte[] ids = Spake2Transcript.lengthPrefixed(idA, idB);
    byte[] salt = Arrays.copyOf(SALT_LABEL, SALT_LABEL.length + ids.length);
    System.arraycopy(ids, 0, salt, SALT_LABEL.length, ids.length);
    return salt;
  }

  /** A given w (32 bytes big-endian, below the order): RFC 9382's vectors skip the MHF. */
  static Spake2Password ofScalar(byte[] w) {
    if (w.length != P256Group.SCALAR_LENGTH
        || new BigInteger(1, w).compareTo(P256Group.ORDER) >= 0) {
      throw new IllegalArgumentException("w must be 32 bytes, below the group order");
    }
    return new Spake2Password(w.clone());
  }

  /** A copy of w, 32 bytes big-endian; the caller wipes it. */
  synchronized byte[] scalar() {
    if (destroyed) {
      throw new IllegalStateException("password scalar destroyed");
    }
    return w.clone();
  }

  /** Overwrites w; parties already created keep working with their own copies. */
  @Override
  public synchronized void destroy() {
    Arrays.fill(w, (byte) 0);
    destroyed = true;
  }

  @Override
  public synchronized boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return destroyed ? "Spake2Password[destroyed]" : "Spake2Password[redacted]";
  }
}
