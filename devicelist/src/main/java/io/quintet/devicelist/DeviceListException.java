package io.quintet.devicelist;

import io.quintet.core.QuintetException;
import java.util.Objects;

/**
 * A device list (or a device identity in it) that must not be accepted, with the reason an
 * app can act on. Nothing is stored when this is thrown.
 *
 * <pre>{@code
 * try {
 *   verifier.accept(list);
 * } catch (DeviceListException e) {
 *   if (e.reason() == DeviceListException.Reason.ROLLBACK) ignore(); else report(e);
 * }
 * }</pre>
 */
public class DeviceListException extends QuintetException {
  private static final long serialVersionUID = 1L;

  /** Why a list was refused. */
  public enum Reason {
    /** Not a well-formed list. */
    MALFORMED,
    /** The list's or a device identity's signature does not verify. */
    BAD_SIGNATURE,
    /** More companions than the policy (at most four) allows. */
    TOO_MANY_COMPANIONS,
    /** Two entries share a device id or key index, or a key index is out of range. */
    DUPLICATE_DEVICE,
    /** A device identity belongs to another account. */
    FOREIGN_DEVICE,
    /** A device identity does not match its entry in the list. */
    IDENTITY_MISMATCH,
    /** Older than (or conflicting with) a list already accepted for the account. */
    ROLLBACK,
    /** Signed in the future beyond the allowed clock skew. */
    FROM_THE_FUTURE
  }

  private final Reason reason;

  public DeviceListException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
