package io.quintet.devicelist.link;

import io.quintet.core.QuintetException;
import java.util.Objects;

/**
 * Linking by one-time code failed or was refused, with the reason an app can act on. The
 * message never contains the code, a share, a MAC or a key.
 *
 * <p>Which reasons spend something: {@link Reason#WRONG_CODE} always means the code's one
 * exchange happened and failed (the companion must show a new code; the primary counted a failed
 * attempt). Messages refused as {@link Reason#MALFORMED}, {@link Reason#NOT_FOR_THIS_RUN} or
 * {@link Reason#NOT_AUTHENTIC} spend nothing: the run waits for the right message.
 *
 * <pre>{@code
 * try {
 *   byte[] response = approver.respond(hello, typedCode, clock.instant());
 * } catch (CodeLinkException e) {
 *   switch (e.reason()) {
 *     case TOO_MANY_ATTEMPTS -> show("Too many failed attempts, try again later");
 *     case WRONG_CODE -> show("Wrong code: get a new one on the new device");
 *     default -> show("Linking failed: " + e.getMessage());
 *   }
 * }
 * }</pre>
 */
public final class CodeLinkException extends QuintetException {
  private static final long serialVersionUID = 1L;

  /** Why linking by code failed. */
  public enum Reason {
    /** Not a well-formed message of this protocol version; nothing was spent. */
    MALFORMED,
    /**
     * Addressed to another run: another ref, account or primary key, or no run is waiting for
     * this message. Nothing was spent.
     */
    NOT_FOR_THIS_RUN,
    /** A sealed message does not decrypt under this run's key (forged or modified). Nothing spent. */
    NOT_AUTHENTIC,
    /** What the user typed is not a code (8 characters of {@link LinkCode#ALPHABET}). */
    INVALID_CODE,
    /** The code or the request expired, or the rest of the run took too long. */
    EXPIRED,
    /**
     * The code was already spent on an exchange (the companion's request is single-use; the
     * primary tries each typed code and each request once).
     */
    CODE_USED,
    /**
     * The key exchange failed: the code typed on the primary is not the one the companion shows,
     * or someone in the middle changed a message. The code is burned and, on the primary, the
     * failure counts against the account's limit.
     */
    WRONG_CODE,
    /** The account's limit of failed attempts in the current window is reached. */
    TOO_MANY_ATTEMPTS,
    /** This companion already belongs to an account: it must not link again. */
    ALREADY_LINKED,
    /**
     * The authenticated peer sent an approval or counter-signature that does not check out
     * (another device, account or primary key, or a bad signature).
     */
    BAD_APPROVAL
  }

  private final Reason reason;

  public CodeLinkException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
