package io.quintet.devicelist.internal.pake;

import io.quintet.core.internal.crypto.ConstantTime;
import io.quintet.core.internal.crypto.Rng;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * One party of one SPAKE2 exchange (RFC 9382, suite SPAKE2-P256-SHA256-HKDF-HMAC), with key
 * confirmation. A is the party that starts and masks with M; B responds and masks with N. Both
 * parties are created with the same (A, B) identity pair, the same password scalar and the same
 * AAD; any difference makes the confirmations fail.
 *
 * <p>The object is a one-shot state machine: {@link #start()}, then {@link #finish(byte[])}, then
 * {@link #verifyConfirmation(byte[])}, each exactly once. The shared key Ke is released only by a
 * successful {@code verifyConfirmation}. Calling out of order or twice throws {@link
 * IllegalStateException}; any {@link PakeException} ends the exchange. Every secret the object
 * holds is overwritten when it ends (success, failure or {@link #destroy()}), except the ephemeral
 * scalar's {@link BigInteger}, which Java cannot overwrite and which is dropped.
 *
 * <pre>{@code
 * Spake2 a = Spake2.partyA(companionId, accountId, wA, aad);   // companion
 * Spake2 b = Spake2.partyB(companionId, accountId, wB, aad);   // primary
 * byte[] pA = a.start();                  // A → B
 * byte[] pB = b.start();                  // B → A
 * byte[] cB = b.finish(pA);               // B → A (may travel with pB)
 * byte[] cA = a.finish(pB);               // A → B
 * byte[] keA = a.verifyConfirmation(cB);  // throws PakeException on a wrong code
 * byte[] keB = b.verifyConfirmation(cA);  // same 16 bytes as keA
 * }</pre>
 *
 * <p>Not for concurrent use by design (one exchange, one thread), but the methods are synchronized
 * so a misuse cannot corrupt the state machine.
 */
public final class Spake2 {
  /** Length of pA and pB: an uncompressed SEC1 P-256 point. */
  public static final int SHARE_LENGTH = P256Group.SHARE_LENGTH;

  /** Length of cA and cB (HMAC-SHA256). */
  public static final int MAC_LENGTH = 32;

  /** Length of Ke: half of SHA-256, as the suite defines it. */
  public static final int KEY_LENGTH = Spake2Transcript.KEY_LENGTH;

  /** RFC 9382 §3.1: AAD of at most 2^16 - 128 bits. */
  public static final int MAX_AAD_LENGTH = ((1 << 16) - 128) / 8;

  enum Role {
    A,
    B
  }

  private enum State {
    NEW,
    STARTED,
    FINISHED,
    ENDED
  }

  private final Role role;
  private final byte[] idA;
  private final byte[] idB;
  private final byte[] aad;
  private byte[] w;
  private BigInteger scalar;
  private byte[] ourShare;
  private Spake2Transcript transcript;
  private State state = State.NEW;

  private Spake2(
      Role role, byte[] idA, byte[] idB, Spake2Password password, byte[] aad, BigInteger scalar) {
    if (aad.length > MAX_AAD_LENGTH) {
      throw new IllegalArgumentException("AAD longer than " + MAX_AAD_LENGTH + " bytes");
    }
    if (scalar.signum() <= 0 || scalar.compareTo(P256Group.ORDER) >= 0) {
      throw new IllegalArgumentException("ephemeral scalar out of range");
    }
    this.role = role;
    this.idA = idA.clone();
    this.idB = idB.clone();
    this.aad = aad.clone();
    this.w = password.scalar();
    this.scalar = scalar;
  }

  /**
   * The party that starts (x, M).
   *
   * @param idA A's identity (may be empty only if identities are implicit in the context)
   * @param idB B's identity (same caveat)
   * @param password w, derived by both parties from the same code and identities
   * @param aad additional data both parties bind, at most {@link #MAX_AAD_LENGTH} bytes
   * @throws IllegalArgumentException if the AAD is too long
   * @throws IllegalStateException if the password was destroyed
   */
  public static Spake2 partyA(byte[] idA, byte[] idB, Spake2Password password, byte[] aad) {
    return create(Role.A, idA, idB, password, aad, null);
  }

  /** The responder (y, N); the arguments are the same as for {@link #partyA}. */
  public static Spake2 partyB(byte[] idA, byte[] idB, Spake2Password password, byte[] aad) {
    return create(Role.B, idA, idB, password, aad, null);
  }

  /** As the public factories, with a given ephemeral scalar (x or y) for known-answer tests. */
  static Spake2 create(
      Role role, byte[] idA, byte[] idB, Spake2Password password, byte[] aad, BigInteger scalar) {
    Objects.requireNonNull(role, "role");
    return new Spake2(
        role,
        Objects.requireNonNull(idA, "idA"),
        Objects.requireNonNull(idB, "idB"),
        Objects.requireNonNull(password, "password"),
        Objects.requireNonNull(aad, "aad"),
        scalar != null ? scalar : P256Group.randomScalar(Rng.secureRandom()));
  }

  /** Our share: pA = x·P + w·M for A, pB = y·P + w·N for B (65 bytes, uncompressed). */
  public synchronized byte[] start() {
    require(State.NEW, "start");
    ECPoint share =
        P256Group.multiply(P256Group.P, scalar).add(P256Group.multiply(ourMask(), wValue()));
    ourShare = P256Group.encode(share.normalize());
    state = State.STARTED;
    return ourShare.clone();
  }

  /**
   * Takes the peer's share, derives K, TT and the keys, and returns our confirmation MAC (cA for A,
   * cB for B) to send. The shared key stays inside until the peer's MAC verifies.
   *
   * @throws PakeException if the share is not a valid P-256 point in uncompressed form, or yields K
   *     = identity (a peer that did not follow the protocol); the exchange is over
   */
  public synchronized byte[] finish(byte[] peerShare) throws PakeException {
    require(State.STARTED, "finish");
    state = State.ENDED; // until proven otherwise: a failure ends the exchange
    byte[] share = peerShare == null ? null : peerShare.clone(); // validated bytes = TT's bytes
    try {
      ECPoint peer = P256Group.decodeShare(share);
      // K = h·x·(pB − w·N) for A, h·y·(pA − w·M) for B; h = 1 on P-256.
      ECPoint unmasked = peer.subtract(P256Group.multiply(peerMask(), wValue())).normalize();
      ECPoint k = P256Group.multiply(unmasked, scalar);
      // Only a peer that sent exactly w·N (w·M) gets here, so this branch tells it no more
      // than the confirmation would: that its one guess of w was right.
      if (k.isInfinity()) {
        throw new PakeException(PakeException.Reason.INVALID_SHARE, "share yields K = identity");
      }
      byte[] kBytes = P256Group.encode(k);
      byte[] pA = role == Role.A ? ourShare : share;
      byte[] pB = role == Role.A ? share : ourShare;
      transcript = Spake2Transcript.compute(idA, idB, pA, pB, kBytes, w, aad);
      Arrays.fill(kBytes, (byte) 0);
      state = State.FINISHED;
      return (role == Role.A ? transcript.cA() : transcript.cB()).clone();
    } finally {
      if (state != State.FINISHED) {
        wipe();
      }
    }
  }

  /**
   * Checks the peer's confirmation MAC (cB for A, cA for B) in constant time and, only if it
   * matches, returns the shared key Ke (16 bytes). Either way the exchange ends here.
   *
   * @throws PakeException if the MAC does not match (wrong code, identities, AAD, or a modified
   *     share); no key is released
   */
  public synchronized byte[] verifyConfirmation(byte[] peerMac) throws PakeException {
    require(State.FINISHED, "verifyConfirmation");
    state = State.ENDED;
    try {
      byte[] expected = role == Role.A ? transcript.cB() : transcript.cA();
      if (!ConstantTime.equals(expected, peerMac)) {
        throw new PakeException(
            PakeException.Reason.CONFIRMATION_FAILED, "key confirmation does not verify");
      }
      return transcript.ke().clone();
    } finally {
      wipe();
    }
  }

  /** Abandons the exchange and overwrites its secrets; later calls throw. Idempotent. */
  public synchronized void destroy() {
    state = State.ENDED;
    wipe();
  }

  /** The transcript and keys, between finish and the end; known-answer tests read it. */
  synchronized Spake2Transcript transcript() {
    require(State.FINISHED, "transcript");
    return transcript;
  }

  @Override
  public synchronized String toString() {
    return "Spake2[role=" + role + ", state=" + state + "]";
  }

  private ECPoint ourMask() {
    return role == Role.A ? P256Group.M : P256Group.N;
  }

  private ECPoint peerMask() {
    return role == Role.A ? P256Group.N : P256Group.M;
  }

  private BigInteger wValue() {
    return new BigInteger(1, w);
  }

  private void require(State expected, String operation) {
    if (state != expected) {
      throw new IllegalStateException(
          operation + "() needs state " + expected + " but the party is " + state);
    }
  }

  private void wipe() {
    if (w != null) {
      Arrays.fill(w, (byte) 0);
      w = null;
    }
    if (transcript != null) {
      transcript.wipe();
      transcript = null;
    }
    scalar = null;
  }

  /**
   * Checks that {@code share} is a valid P-256 point as a peer's share must be, without running
   * the exchange, so a message carrying an invalid one can be refused as malformed before any
   * code-dependent work (it carries no guess).
   *
   * @throws PakeException {@code INVALID_SHARE} if it is not
   */
  public static void checkShare(byte[] share) throws PakeException {
    P256Group.decodeShare(share);
  }
}
