package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.devicelist.VerifiedDeviceList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One message to every valid device of the recipient accounts and of this account (see
 * {@code QuintetDevice.encrypt}): the lists resolved, missing sessions built from one batch of
 * bundles, one content for other accounts and a sent transcript for the own devices, every
 * session advanced by {@link Fanout}, and the plaintext kept for retries.
 */
final class PairwiseSender {
  private PairwiseSender() {}

  static Outgoing send(DeviceContext ctx, Fanout fanout, Membership self, VerifiedDeviceList own,
      Collection<AccountId> recipients, Payload payload) throws IOException {
    Set<AccountId> others = new LinkedHashSet<>(recipients);
    others.remove(self.account);
    byte[] messageId = Rng.bytes(Envelope.MESSAGE_ID_BYTES);
    long now = ctx.clock.millis();
    Content.checkFits(messageId, now, payload, others, self.account);

    Recipients who = Recipients.resolve(ctx, self, own, others);
    Map<DeviceAddress, String> unreachable = who.unreachable;
    Targets targets = who.targets;
    fanout.ensureSessions(targets, unreachable);

    Map<AccountId, Long> versions = who.versions;
    List<AccountId> destinations = new ArrayList<>(others);
    byte[] toOthers = Content.payload(messageId, now, payload, versions).serialize();
    byte[] toOwn = Content.sent(messageId, now, payload, destinations, null, versions).serialize();
    List<DeviceAddress> devices = new ArrayList<>();
    for (DeviceAddress d : targets.keySet()) {
      if (!unreachable.containsKey(d)) {
        devices.add(d);
      }
    }
    List<Fanout.Sealed> sealed = fanout.encrypt(devices,
        d -> d.account().equals(self.account) ? toOwn : toOthers, unreachable);

    Map<AccountId, byte[]> digests = who.digests;
    List<Envelope> envelopes = new ArrayList<>(sealed.size());
    for (Fanout.Sealed s : sealed) {
      envelopes.add(Fanout.envelope(messageId, self.address(), s, now, digests.get(self.account),
          digests.get(s.device.account())));
    }
    ctx.sent.remember(HexFormat.of().formatHex(messageId),
        new SentMessages.Sent(destinations, payload, now, null, targets));
    return new Outgoing(HexFormat.of().formatHex(messageId), envelopes, unreachable, digests,
        who.problems);
  }
}
