package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random membership histories (members joining and leaving, a companion removed at a random
 * moment) against a model of who holds the sender key: the key is replaced exactly when a
 * device that had it may no longer read the group, it goes pairwise exactly to the devices
 * that lack it, every device that may read a message reads it once, and no other device —
 * even one handed the envelope — can read it.
 */
class GroupPropertiesTest {

  @Test
  void onlyCurrentMemberDevicesEverReadAGroupMessage() {
    qt().withExamples(6)
        .withShrinkCycles(2)
        .forAll(longs().all(), integers().between(3, 6))
        .checkAssert((seed, steps) -> {
          try {
            run(new Random(seed), steps);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  private static void run(Random random, int steps) throws Exception {
    Accounts world = new Accounts();
    QuintetDevice sender = world.primary("alice");
    QuintetDevice ownLaptop = world.linkByQr(sender);
    Map<AccountId, List<QuintetDevice>> accounts = new LinkedHashMap<>();
    for (String name : List.of("bob", "carol", "dave")) {
      accounts.put(AccountId.of(name), new ArrayList<>(List.of(world.primary(name))));
    }
    QuintetDevice bobPhone = accounts.get(AccountId.of("bob")).get(0);
    QuintetDevice bobDesk = world.linkByQr(bobPhone);
    accounts.get(AccountId.of("bob")).add(bobDesk);
    int removeAt = random.nextInt(steps + 1); // == steps: never removed
    List<QuintetDevice> outsiders = new ArrayList<>(); // removed devices

    GroupId group = GroupId.random();
    Set<DeviceAddress> holders = new HashSet<>(); // the model
    UUID lastKey = null;
    for (int step = 0; step < steps; step++) {
      if (step == removeAt) {
        bobPhone.removeCompanion(bobDesk.address().get().device());
        accounts.get(AccountId.of("bob")).remove(bobDesk);
        outsiders.add(bobDesk);
      }
      List<AccountId> members = new ArrayList<>();
      List<QuintetDevice> readers = new ArrayList<>(List.of(ownLaptop));
      List<QuintetDevice> others = new ArrayList<>(outsiders);
      for (Map.Entry<AccountId, List<QuintetDevice>> a : accounts.entrySet()) {
        if (random.nextBoolean()) {
          members.add(a.getKey());
          readers.addAll(a.getValue());
        } else {
          others.addAll(a.getValue());
        }
      }
      Set<DeviceAddress> targets = new HashSet<>();
      readers.forEach(d -> targets.add(d.address().get()));
      boolean rotate = lastKey == null || !targets.containsAll(holders);
      Set<DeviceAddress> expectedKeys = new HashSet<>(targets);
      if (!rotate) {
        expectedKeys.removeAll(holders);
      }

      Outgoing out = sender.encryptToGroup(group, members, Payload.text("step " + step));
      UUID key = GroupsTest.distributionId(out);
      assertEquals(rotate, !key.equals(lastKey), "rotation at step " + step);
      assertEquals(expectedKeys, GroupsTest.recipients(GroupsTest.keys(out)));
      assertEquals(targets, GroupsTest.recipients(GroupsTest.groupMessages(out)));
      holders = rotate ? new HashSet<>(targets) : union(holders, targets);
      lastKey = key;

      world.server.deliverAll(out.envelopes());
      for (QuintetDevice d : readers) {
        List<Received> got = world.receive(d);
        Received.Delivered last = assertInstanceOf(Received.Delivered.class,
            got.get(got.size() - 1), () -> d + " got " + got);
        assertEquals(out.messageId(), last.messageId());
        assertEquals(1, got.stream().filter(r -> r instanceof Received.Delivered).count());
      }
      Envelope sample = GroupsTest.groupMessages(out).get(0);
      for (QuintetDevice d : others) {
        assertCannotRead(d, GroupsTest.readdressed(sample, d.address().get()),
            outsiders.contains(d));
      }
    }
  }

  private static void assertCannotRead(QuintetDevice d, Envelope e, boolean removed)
      throws Exception {
    try {
      Received r = d.decrypt(e);
      assertFalse(r instanceof Received.Delivered, d + " read a message not meant for it");
    } catch (LoggedOutException | java.io.IOException x) {
      // A removed companion that noticed its removal (it wiped its keys), or that was never
      // confirmed by a list and now is not named by one: it refuses to decrypt at all.
      assertTrue(removed, d + " refused to decrypt: " + x);
    }
  }

  private static Set<DeviceAddress> union(Set<DeviceAddress> a, Set<DeviceAddress> b) {
    Set<DeviceAddress> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
