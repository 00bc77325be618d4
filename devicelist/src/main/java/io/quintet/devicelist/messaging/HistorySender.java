package io.quintet.devicelist.messaging;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKey;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.devicelist.history.HistoryBundle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sends a history bundle's descriptor to one new companion, pairwise (see sendHistory). */
final class HistorySender {
  private HistorySender() {}

  static Outgoing send(DeviceContext ctx, Fanout fanout, Membership self, VerifiedDeviceList own,
      DeviceId companion, HistoryBundle bundle) throws IOException {
    if (self.role != Membership.Role.PRIMARY) {
      throw new IllegalStateException("only the primary sends history to its companions");
    }
    IdentityKey identity = own.identityOf(companion, ctx.clock.instant())
        .filter(k -> !companion.isPrimary())
        .orElseThrow(() -> new IllegalArgumentException(companion + " is not a valid companion"));
    DeviceAddress to = DeviceAddress.of(self.account, companion);
    byte[] messageId = Rng.bytes(Envelope.MESSAGE_ID_BYTES);
    long now = ctx.clock.millis();
    Map<DeviceAddress, String> unreachable = new TreeMap<>();
    fanout.ensureSessions(Map.of(to, identity), unreachable);
    byte[] content = Content.payload(messageId, now, Payload.history(bundle),
        Map.of(self.account, own.version())).serialize();
    List<Envelope> envelopes = new ArrayList<>();
    for (Fanout.Sealed s : fanout.encrypt(
        unreachable.isEmpty() ? List.of(to) : List.of(), d -> content, unreachable)) {
      byte[] digest = DeviceLists.digest(own);
      envelopes.add(Fanout.envelope(messageId, self.address(), s, now, digest, digest));
    }
    return new Outgoing(HexFormat.of().formatHex(messageId), envelopes, unreachable,
        Map.of(self.account, DeviceLists.digest(own)), Map.of());  }
}
