package io.quintet.devicelist.messaging;

import io.quintet.core.QuintetException;

/**
 * This companion is no longer part of its account: the primary removed it, or stayed
 * inactive longer than the policy allows (14 days by default) so its device list expired.
 * The companion's sessions and sender keys have been wiped; to use the device again, link it
 * anew with a fresh store.
 *
 * <pre>{@code
 * try {
 *   laptop.encrypt(List.of(bob), Payload.text("hi"));
 * } catch (LoggedOutException e) {
 *   ui.showLoggedOut(e.reason());
 * }
 * }</pre>
 */
public final class LoggedOutException extends QuintetException {
  private static final long serialVersionUID = 1L;

  /** Why the companion was logged out. */
  public enum Reason {
    /** The primary removed this device from the account's list. */
    REMOVED,
    /** The primary did not re-sign the list within the policy's expiry. */
    EXPIRED
  }

  private final Reason reason;

  public LoggedOutException(Reason reason) {
    super(reason == Reason.REMOVED
        ? "this device was removed from its account"
        : "this device was logged out: the primary was inactive for too long");
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
