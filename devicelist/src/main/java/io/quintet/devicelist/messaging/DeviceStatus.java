package io.quintet.devicelist.messaging;

/**
 * Where a device stands in its account, as {@link QuintetDevice#status()} reports it, so the
 * app can warn ahead of expiry ("open Quintet on your phone within 2 days").
 *
 * <pre>{@code
 * if (laptop.status() == DeviceStatus.EXPIRING_SOON) ui.askToOpenPrimary();
 * }</pre>
 */
public enum DeviceStatus {
  /** A fresh companion, not linked yet. */
  NOT_LINKED,
  /** A linked companion whose account list does not name it yet. */
  LINK_PENDING,
  /** In the account and valid. */
  ACTIVE,
  /** A companion whose account list expires within the policy's warning period. */
  EXPIRING_SOON,
  /** A companion that was removed or expired; its sessions are wiped. */
  LOGGED_OUT
}
