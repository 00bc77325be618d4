package io.quintet.core;

import java.util.Objects;

/**
 * One device of one account: the unit that owns a pairwise session.
 *
 * <pre>{@code
 * DeviceAddress bobLaptop = DeviceAddress.of(AccountId.of("bob"), DeviceId.of(2));
 * bobLaptop.toString(); // "bob.2"
 * }</pre>
 */
public final class DeviceAddress implements Comparable<DeviceAddress> {
  private final AccountId account;
  private final DeviceId device;

  private DeviceAddress(AccountId account, DeviceId device) {
    this.account = Objects.requireNonNull(account, "account");
    this.device = Objects.requireNonNull(device, "device");
  }

  public static DeviceAddress of(AccountId account, DeviceId device) {
    return new DeviceAddress(account, device);
  }

  public AccountId account() {
    return account;
  }

  public DeviceId device() {
    return device;
  }

  @Override
  public int compareTo(DeviceAddress other) {
    int byAccount = account.compareTo(other.account);
    return byAccount != 0 ? byAccount : device.compareTo(other.device);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeviceAddress)) {
      return false;
    }
    DeviceAddress other = (DeviceAddress) o;
    return account.equals(other.account) && device.equals(other.device);
  }

  @Override
  public int hashCode() {
    return account.hashCode() * 31 + device.hashCode();
  }

  @Override
  public String toString() {
    return account + "." + device;
  }
}
