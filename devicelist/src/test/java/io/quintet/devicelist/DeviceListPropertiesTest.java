package io.quintet.devicelist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.QuintetException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random histories of linking, removal, primary activity, clock jumps and list deliveries in
 * any order (plus forgeries), over several accounts, seen by one observing device: at most four
 * companions are ever believed, no accepted list is older than one accepted before, no device
 * is believed that its account's primary did not approve, and companions of an expired list
 * are never vouched for.
 */
class DeviceListPropertiesTest {

  private static final class Account {
    final AccountId id;
    final IdentityKeyPair primary = IdentityKeyPair.generate();
    final PrimaryDevices devices;
    final List<SignedDeviceList> published = new ArrayList<>();
    /** Every (device, identity) this account's primary ever approved. */
    final Set<String> approved = new HashSet<>();

    Account(String name, MutableClock clock) {
      id = AccountId.of(name);
      devices = PrimaryDevices.create(primary, id, LinkPolicy.DEFAULT, clock);
      published.add(devices.current());
    }
  }

  @Test
  void randomHistoriesNeverBreakTheDeviceListInvariants() {
    qt().withExamples(30)
        .withShrinkCycles(10)
        .forAll(longs().all(), integers().between(10, 80))
        .checkAssert((seed, steps) -> {
          try {
            run(seed, steps);
          } catch (Exception e) {
            throw new AssertionError("seed " + seed + ", steps " + steps + ": " + e, e);
          }
        });
  }

  private static void run(long seed, int steps) throws Exception {
    Random r = new Random(seed);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    List<Account> accounts = List.of(new Account("a", clock), new Account("b", clock), new Account("c", clock));
    InMemoryProtocolStore store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 3);
    // The observer knows each account's primary identity (as after comparing safety numbers);
    // without that, the first list it sees is trusted on first use, as Signal trusts a first
    // contact, and DeviceListVerifierTest covers what happens when the key then changes.
    for (Account a : accounts) {
      store.saveIdentity(DeviceAddress.of(a.id, DeviceId.PRIMARY), a.primary.identityKey());
    }
    DeviceListVerifier observer = new DeviceListVerifier(store, LinkPolicy.DEFAULT, clock);
    Map<AccountId, Long> highestAccepted = new HashMap<>();
    for (int step = 0; step < steps; step++) {
      Account a = accounts.get(r.nextInt(accounts.size()));
      int op = r.nextInt(10);
      if (op < 3) {
        IdentityKeyPair companion = IdentityKeyPair.generate();
        try {
          DeviceIdentity approval = a.devices.approve(companion.identityKey());
          a.published.add(a.devices.add(approval.counterSign(companion, a.primary.identityKey())));
          a.approved.add(approval.deviceId() + "/" + companion.identityKey());
        } catch (DeviceListException full) {
          assertEquals(4, a.devices.current().entries().size(), "refused although not full");
        }
      } else if (op < 4 && !a.devices.current().entries().isEmpty()) {
        List<SignedDeviceList.Entry> es = a.devices.current().entries();
        a.published.add(a.devices.remove(es.get(r.nextInt(es.size())).deviceId));
      } else if (op < 5) {
        a.published.add(a.devices.refresh());
      } else if (op < 6) {
        clock.advance(Duration.ofHours(r.nextInt(24 * 20)));
      } else if (op < 9) {
        SignedDeviceList delivered = a.published.get(r.nextInt(a.published.size()));
        deliver(observer, SignedDeviceList.parse(delivered.serialize()), highestAccepted);
      } else {
        // A forgery: a list for this account signed by someone else, naming a stranger.
        IdentityKeyPair mallory = IdentityKeyPair.generate();
        IdentityKeyPair stranger = IdentityKeyPair.generate();
        DeviceIdentity fake = DeviceIdentity.approve(mallory, a.id, DeviceId.of(9), 9, clock.millis(),
            stranger.identityKey()).counterSign(stranger, mallory.identityKey());
        SignedDeviceList forged = SignedDeviceList.sign(mallory, a.id, 1_000_000, clock.millis(),
            List.of(fake), 10);
        deliver(observer, forged, highestAccepted);
      }
      checkInvariants(observer, accounts, clock.instant(), highestAccepted);
    }
  }

  private static void deliver(DeviceListVerifier observer, SignedDeviceList list,
      Map<AccountId, Long> highestAccepted) {
    try {
      VerifiedDeviceList v = observer.accept(list);
      long before = highestAccepted.getOrDefault(list.account(), Long.MIN_VALUE);
      assertTrue(v.version() >= before, "accepted v" + v.version() + " after v" + before);
      highestAccepted.put(list.account(), v.version());
    } catch (QuintetException refused) {
      // refusals are fine; the invariants below say what must hold either way
    }
  }

  private static void checkInvariants(DeviceListVerifier observer, List<Account> accounts,
      Instant now, Map<AccountId, Long> highestAccepted) {
    for (Account a : accounts) {
      Optional<VerifiedDeviceList> current = observer.current(a.id);
      if (current.isEmpty()) {
        assertFalse(highestAccepted.containsKey(a.id));
        continue;
      }
      VerifiedDeviceList v = current.get();
      assertEquals(highestAccepted.get(a.id), v.version(), "the stored list is the newest accepted");
      assertEquals(a.primary.identityKey(), v.primaryIdentityKey(), "only the real primary's list");
      assertTrue(v.companions().size() <= 4);
      for (Map.Entry<DeviceId, IdentityKey> c : v.companions().entrySet()) {
        assertTrue(a.approved.contains(c.getKey() + "/" + c.getValue()),
            "believes a device the primary never approved: " + c.getKey());
      }
      boolean expired = !now.isBefore(v.signedAt().plus(Duration.ofDays(14)));
      if (expired) {
        assertEquals(List.of(DeviceAddress.of(a.id, DeviceId.PRIMARY)), v.validDevices(now));
        for (Map.Entry<DeviceId, IdentityKey> c : v.companions().entrySet()) {
          assertFalse(v.vouchesFor(c.getKey(), c.getValue(), now), "an expired companion is vouched for");
        }
      } else {
        assertEquals(1 + v.companions().size(), v.validDevices(now).size());
      }
    }
  }
}
