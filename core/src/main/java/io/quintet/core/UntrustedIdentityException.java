package io.quintet.core;

import java.util.Objects;

/**
 * The identity key presented by a peer device is not trusted by the app's
 * {@link io.quintet.core.store.IdentityKeyStore}. {@link #reason()} tells a changed identity
 * for a device already known apart from a device never seen before, so an app can warn
 * "Bob's safety number changed" only when it really did.
 *
 * <pre>{@code
 * catch (UntrustedIdentityException e) {
 *   if (e.reason() == UntrustedIdentityException.Reason.IDENTITY_CHANGED) warnUser(e.address());
 * }
 * }</pre>
 */
public class UntrustedIdentityException extends QuintetException {
  private static final long serialVersionUID = 1L;

  /** Why the identity is not trusted. */
  public enum Reason {
    /** The device is known and presented a different identity key than the stored one. */
    IDENTITY_CHANGED,
    /** The device was never seen and the store does not trust new devices on first use. */
    NEW_DEVICE
  }

  private final DeviceAddress address;
  private final Reason reason;

  public UntrustedIdentityException(DeviceAddress address, Reason reason) {
    super(describe(address, reason));
    this.address = Objects.requireNonNull(address, "address");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  private static String describe(DeviceAddress address, Reason reason) {
    return reason == Reason.IDENTITY_CHANGED
        ? "identity key of " + address + " changed and is not trusted"
        : "identity key of new device " + address + " is not trusted";
  }

  public DeviceAddress address() {
    return address;
  }

  public Reason reason() {
    return reason;
  }
}
