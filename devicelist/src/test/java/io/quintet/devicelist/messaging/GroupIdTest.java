package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GroupIdTest {
  @Test
  void groupIdsAreOneToSixtyFourBytesAndKeepTheirOwnCopy() {
    assertThrows(IllegalArgumentException.class, () -> GroupId.of(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> GroupId.of(new byte[65]));
    assertThrows(NullPointerException.class, () -> GroupId.of(null));
    byte[] b = new byte[64];
    GroupId id = GroupId.of(b);
    b[0] = 1;
    assertEquals(GroupId.of(new byte[64]), id, "changing the caller's array changes nothing");
    id.bytes()[1] = 1;
    assertEquals(GroupId.of(new byte[64]), id, "nor does changing the returned one");
    assertEquals(GroupId.of(new byte[] {0x0a, (byte) 0xff}).hex(), "0aff");
    assertEquals(32, GroupId.random().bytes().length);
    assertNotEquals(GroupId.random(), GroupId.random());
  }
}
