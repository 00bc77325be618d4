package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link Targets} against a {@link TreeMap}, and {@link GroupState.Sending#plan}'s ordered walk
 * against the plain definition: the key is stale when some holder is not a target with the
 * identity it had, and the targets that lack it are those it was not sent to with their
 * current identity.
 */
class TargetsAndPlanTest {
  private static final List<IdentityKey> KEYS = List.of(IdentityKeyPair.generate().identityKey(),
      IdentityKeyPair.generate().identityKey(), IdentityKeyPair.generate().identityKey());

  /** Up to {@code max} random devices of a few accounts (names chosen to sort unevenly). */
  private static TreeMap<DeviceAddress, IdentityKey> randomDevices(Random r, int max) {
    TreeMap<DeviceAddress, IdentityKey> m = new TreeMap<>();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      String account = List.of("a", "b", "ab", "B", "zz", "é").get(r.nextInt(6));
      m.put(DeviceAddress.of(AccountId.of(account), DeviceId.of(1 + r.nextInt(5))),
          KEYS.get(r.nextInt(KEYS.size())));
    }
    return m;
  }

  /** Any map's entries, sorted, through the builder. */
  private static Targets targetsOf(Map<DeviceAddress, IdentityKey> map) {
    Targets.Builder b = new Targets.Builder(map.size());
    new TreeMap<>(map).forEach(b::add);
    return b.build();
  }

  @Test
  void targetsBehaveLikeASortedMap() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      TreeMap<DeviceAddress, IdentityKey> model = randomDevices(r, 30);
      Map<DeviceAddress, IdentityKey> shuffled = new LinkedHashMap<>();
      List<DeviceAddress> keys = new ArrayList<>(model.keySet());
      java.util.Collections.shuffle(keys, r);
      keys.forEach(k -> shuffled.put(k, model.get(k)));
      Targets targets = targetsOf(shuffled);
      assertEquals(model, targets);
      assertEquals(new ArrayList<>(model.keySet()), new ArrayList<>(targets.keySet()));
      for (int i = 0; i < targets.size(); i++) {
        assertEquals(model.get(targets.device(i)), targets.identity(i));
      }
      for (Map.Entry<DeviceAddress, IdentityKey> probe : randomDevices(r, 10).entrySet()) {
        assertEquals(model.get(probe.getKey()), targets.get(probe.getKey()));
        assertEquals(model.containsKey(probe.getKey()), targets.containsKey(probe.getKey()));
      }
      assertNull(targets.get("not an address"));
    });
  }

  @Test
  void theBuilderRefusesDevicesOutOfOrderOrTwice() {
    DeviceAddress a1 = DeviceAddress.of(AccountId.of("a"), DeviceId.of(1));
    DeviceAddress a2 = DeviceAddress.of(AccountId.of("a"), DeviceId.of(2));
    Targets.Builder b = new Targets.Builder(1).add(a2, KEYS.get(0));
    assertThrows(IllegalArgumentException.class, () -> b.add(a1, KEYS.get(0)));
    assertThrows(IllegalArgumentException.class, () -> b.add(a2, KEYS.get(1)));
    assertThrows(NullPointerException.class, () -> b.add(a1, null));
    assertThrows(IndexOutOfBoundsException.class, () -> b.build().device(1));
  }

  @Test
  void thePlanMatchesTheDefinition() {
    qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      TreeMap<DeviceAddress, IdentityKey> holders = randomDevices(r, 12);
      TreeMap<DeviceAddress, IdentityKey> wanted = randomDevices(r, 12);
      if (r.nextBoolean()) { // often: the same devices, some reinstalled or removed
        wanted = new TreeMap<>(holders);
        for (DeviceAddress d : holders.keySet()) {
          int roll = r.nextInt(10);
          if (roll == 0) {
            wanted.remove(d);
          } else if (roll == 1) {
            wanted.put(d, KEYS.get(r.nextInt(KEYS.size())));
          }
        }
      }
      GroupState.Sending key = new GroupState.Sending(UUID.randomUUID(), holders);
      GroupState.Plan plan = key.plan(targetsOf(wanted));

      final TreeMap<DeviceAddress, IdentityKey> targets = wanted;
      boolean stale = holders.entrySet().stream()
          .anyMatch(h -> !h.getValue().equals(targets.get(h.getKey())));
      Map<DeviceAddress, IdentityKey> missing = new TreeMap<>();
      targets.forEach((d, k) -> {
        if (!key.holds(d, k)) {
          missing.put(d, k);
        }
      });
      assertEquals(stale, plan.stale, () -> "holders " + holders + " targets " + targets);
      assertEquals(missing, plan.missing);
      assertEquals(new ArrayList<>(missing.keySet()), new ArrayList<>(plan.missing.keySet()),
          "in address order");
      assertEquals(key, plan.key);
    });
  }

  @Test
  void aKeyNobodyHoldsIsMissingEverywhereAndNotStale() {
    TreeMap<DeviceAddress, IdentityKey> wanted = randomDevices(new Random(7), 20);
    GroupState.Plan plan = new GroupState.Sending(UUID.randomUUID(), Map.of()).plan(targetsOf(wanted));
    assertFalse(plan.stale);
    assertEquals(wanted, plan.missing);
  }
}
