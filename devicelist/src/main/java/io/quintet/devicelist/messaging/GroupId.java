package io.quintet.devicelist.messaging;

import io.quintet.core.internal.crypto.Rng;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The name of a group, chosen by the app: 1 to 64 opaque bytes, the same on every member's
 * devices. Quintet keeps one sender key per group and sending device under this name; who is
 * in the group stays the app's business (it passes the members to every send). Immutable.
 *
 * <pre>{@code
 * GroupId family = GroupId.random();                       // a new group
 * phone.encryptToGroup(family, List.of(bob, carol), Payload.text("dinner at 8"));
 * GroupId same = GroupId.of(delivered.groupId().orElseThrow()); // on the receiving side
 * }</pre>
 */
public final class GroupId {
  /** The longest group id, in bytes. */
  public static final int MAX_BYTES = Content.MAX_GROUP_ID_BYTES;
  private static final int RANDOM_BYTES = 32;

  private final byte[] bytes;

  private GroupId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh random group id (32 bytes), for a new group. */
  public static GroupId random() {
    return new GroupId(Rng.bytes(RANDOM_BYTES));
  }

  /**
   * The group id with these bytes.
   *
   * @throws IllegalArgumentException if there are none or more than {@link #MAX_BYTES}
   */
  public static GroupId of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("group id must be 1.." + MAX_BYTES + " bytes");
    }
    return new GroupId(bytes.clone());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes as lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupId && MessageDigest.isEqual(((GroupId) o).bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "GroupId[" + hex() + "]";
  }
}
