package io.quintet.devicelist.internal.pake;

import io.quintet.core.QuintetException;

/**
 * A password-authenticated key exchange failed: the peer's share is not a valid group element, or
 * its key confirmation does not verify (a wrong code, or someone in the middle). The exchange is
 * over either way; the party object that threw it is spent and holds no secrets.
 *
 * <p>The message says what failed and never carries key, share or password bytes.
 *
 * <p>Attempt limits must not be counted on failures: a peer that learns our confirmation MAC
 * can test its guess offline and simply never answer, and a crafted share can make us fail with
 * {@link Reason#INVALID_SHARE} exactly when its guess is right. Count (and burn the code) when
 * {@code finish} is called, before its result is known.
 *
 * <pre>{@code
 * attempts.recordAttempt();            // one guess spent, whatever happens next
 * byte[] myMac = party.finish(peerShare);
 * try {
 *   byte[] key = party.verifyConfirmation(peerMac);
 * } catch (PakeException e) {
 *   log.warn("linking failed: {}", e.getMessage());
 * }
 * }</pre>
 */
public final class PakeException extends QuintetException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react differently (retry, count, report). */
  public enum Reason {
    /**
     * The peer's share is not an uncompressed P-256 point of the group (or yields K = identity).
     */
    INVALID_SHARE,
    /**
     * The peer's confirmation MAC does not match: different password, identities, AAD or shares.
     */
    CONFIRMATION_FAILED
  }

  private final Reason reason;

  PakeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
