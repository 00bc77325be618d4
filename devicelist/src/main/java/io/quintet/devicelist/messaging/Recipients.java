package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKey;
import io.quintet.devicelist.VerifiedDeviceList;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who one send reaches: the verified list of every recipient account (fetched from the server
 * and checked) and of the sender's own account, and from them every valid device but the
 * sender, with the identity its list names. Accounts without a verifiable list reach nobody
 * (fail closed) and are reported.
 */
final class Recipients {
  final Map<AccountId, VerifiedDeviceList> lists = new LinkedHashMap<>();
  final Map<DeviceAddress, IdentityKey> targets = new TreeMap<>();
  final Map<DeviceAddress, String> unreachable = new TreeMap<>();
  final Map<AccountId, String> problems = new TreeMap<>();
  final Map<AccountId, Long> versions = new TreeMap<>();
  final Map<AccountId, byte[]> digests = new HashMap<>();

  private Recipients() {}

  static Recipients resolve(DeviceContext ctx, Membership self, VerifiedDeviceList own,
      Collection<AccountId> others) throws IOException {
    Recipients r = new Recipients();
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
    r.lists.forEach((account, list) -> {
      for (DeviceAddress d : list.validDevices(at)) {
        if (!d.equals(self.address())) {
          r.targets.put(d, list.identityOf(d.device(), at).orElseThrow());
        }
      }
      r.versions.put(account, list.version());
      r.digests.put(account, DeviceLists.digest(list));
    });
    return r;
  }
}
