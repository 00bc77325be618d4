package io.quintet.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The stable name of an account (a user) as the app's server knows it: a UUID, a phone
 * number, a handle. Quintet treats it as an opaque, case-sensitive string of 1 to 256 UTF-8
 * bytes without control characters or lone surrogates.
 *
 * <pre>{@code
 * AccountId alice = AccountId.of("alice@example.org");
 * DeviceAddress alicePhone = DeviceAddress.of(alice, DeviceId.PRIMARY);
 * }</pre>
 */
public final class AccountId implements Comparable<AccountId> {
  /** The longest account id, in UTF-8 bytes. */
  public static final int MAX_BYTES = 256;

  private final String value;

  private AccountId(String value) {
    this.value = value;
  }

  /**
   * Returns the account id for {@code value}.
   *
   * @throws IllegalArgumentException if it is empty, longer than {@link #MAX_BYTES} in UTF-8,
   *     or contains a control character or a lone surrogate
   */
  public static AccountId of(String value) {
    Objects.requireNonNull(value, "value");
    // A lone surrogate encodes as "?", so two different ids would sign as the same bytes.
    if (value.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
      throw new IllegalArgumentException("account id must be well-formed UTF-16");
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_BYTES) {
      throw new IllegalArgumentException("account id must be 1.." + MAX_BYTES + " UTF-8 bytes");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("account id must not contain control characters");
    }
    return new AccountId(value);
  }

  public String value() {
    return value;
  }

  /** The UTF-8 encoding, as it is bound into signatures and transcripts. */
  public byte[] toBytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountId && ((AccountId) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
