package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.devicelist.VerifiedDeviceList;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who one send reaches: the verified list of every recipient account (fetched from the server
 * and checked) and of the sender's own account, and from them every valid device but the
 * sender, with the identity its list names. Accounts without a verifiable list reach nobody
 * (fail closed) and are reported.
 */
final class Recipients {
  final Map<AccountId, VerifiedDeviceList> lists;
  /** Every device to send to, with the identity its list names. */
  Targets targets;
  final Map<DeviceAddress, String> unreachable = new TreeMap<>();
  final Map<AccountId, String> problems = new TreeMap<>();
  /** The version of every list used, in account order. */
  final Map<AccountId, Long> versions;
  final Map<AccountId, byte[]> digests;

  /** Sized for {@code accounts} lists of at most a primary and four companions each. */
  private Recipients(int accounts) {
    int capacity = 2 * accounts + 2; // no rehashing below the default load factor
    lists = new LinkedHashMap<>(capacity);
    versions = new LinkedHashMap<>(capacity);
    digests = new HashMap<>(capacity);
  }

  static Recipients resolve(DeviceContext ctx, Membership self, VerifiedDeviceList own,
      Collection<AccountId> others) throws IOException {
    Recipients r = new Recipients(1 + others.size());
    r.lists.put(self.account, own);
    for (AccountId account : others) {
      DeviceLists.Outcome outcome = ctx.lists.refresh(account);
      if (outcome.problem != null) {
        r.problems.put(account, outcome.problem);
      }
      if (outcome.list.isEmpty()) {
        r.unreachable.put(DeviceAddress.of(account, DeviceId.PRIMARY),
            "no verified device list: " + outcome.problem);
      } else {
        r.lists.put(account, outcome.list.get());
      }
    }
    Instant at = ctx.clock.instant();
    // Accounts sorted, each list's devices in address order: the targets come in order.
    List<Map.Entry<AccountId, VerifiedDeviceList>> accounts = new ArrayList<>(r.lists.entrySet());
    accounts.sort(Map.Entry.comparingByKey());
    Targets.Builder targets = new Targets.Builder(5 * accounts.size());
    for (Map.Entry<AccountId, VerifiedDeviceList> entry : accounts) {
      AccountId account = entry.getKey();
      VerifiedDeviceList list = entry.getValue();
      list.validIdentities(at).forEach((d, identity) -> {
        if (!d.equals(self.address())) {
          targets.add(d, identity);
        }
      });
      r.versions.put(account, list.version());
      r.digests.put(account, DeviceLists.digest(list));
    }
    r.targets = targets.build();
    return r;
  }
}
