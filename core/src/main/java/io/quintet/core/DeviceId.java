package io.quintet.core;

/**
 * A device within an account: {@link #PRIMARY} (0) is the device that owns the account;
 * companions get ids from 1 upward. Ids are not reused within an account's device list, so a
 * re-linked companion gets a fresh id. Values range over 0..{@value #MAX}.
 *
 * <pre>{@code
 * DeviceId laptop = DeviceId.of(1);
 * assert !laptop.isPrimary();
 * }</pre>
 */
public final class DeviceId implements Comparable<DeviceId> {
  /** The largest device id. */
  public static final int MAX = 0xFFFF;

  /** The primary device of every account. */
  public static final DeviceId PRIMARY = new DeviceId(0);

  private final int value;

  private DeviceId(int value) {
    this.value = value;
  }

  /**
   * Returns the device id {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is outside 0..{@value #MAX}
   */
  public static DeviceId of(int value) {
    if (value < 0 || value > MAX) {
      throw new IllegalArgumentException("device id must be 0.." + MAX + ", got " + value);
    }
    return value == 0 ? PRIMARY : new DeviceId(value);
  }

  public int value() {
    return value;
  }

  public boolean isPrimary() {
    return value == 0;
  }

  @Override
  public int compareTo(DeviceId other) {
    return Integer.compare(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceId && ((DeviceId) o).value == value;
  }

  @Override
  public int hashCode() {
    return value;
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
