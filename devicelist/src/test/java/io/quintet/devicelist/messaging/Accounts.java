package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.MutableClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds devices on one {@link TestServer} and one clock, and links companions by QR. */
final class Accounts {
  private static final SecureRandom RANDOM = new SecureRandom();
  final TestServer server = new TestServer();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

  Quintet.Builder builder(InMemoryProtocolStore store) {
    return Quintet.device().store(store).server(server).clock(clock)
        .executor(Runnable::run);
  }

  static InMemoryProtocolStore newStore() {
    return InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1 + RANDOM.nextInt(16000));
  }

  QuintetDevice primary(String account) throws Exception {
    QuintetDevice d = builder(newStore()).createPrimary(AccountId.of(account));
    upload(d);
    return d;
  }

  void upload(QuintetDevice d) {
    DeviceAddress a = d.address().orElseThrow();
    server.upload(a, d.newPreKeyBundles(5));
  }

  /** Links a fresh companion to {@code primary} by QR, through the server, and uploads its keys. */
  QuintetDevice linkByQr(QuintetDevice primary) throws Exception {
    QuintetDevice companion = builder(newStore()).createCompanion();
    String qr = companion.offerQrLink(java.time.Duration.ofMinutes(2));
    byte[] sealed = primary.approveQrLink(qr);
    byte[] counterSigned = companion.acceptQrApproval(sealed);
    primary.completeLink(counterSigned);
    upload(companion);
    return companion;
  }

  /** Links a fresh companion to {@code primary} by one-time code, through the server. */
  QuintetDevice linkByCode(QuintetDevice primary) throws Exception {
    QuintetDevice companion = builder(newStore()).createCompanion();
    io.quintet.devicelist.link.CodeLinkRequest request =
        companion.offerCodeLink(primary.address().orElseThrow().account());
    String typed = request.code().display().toLowerCase(); // what the user reads and types
    byte[] response = primary.respondToCodeLink(request.hello(), typed);
    byte[] confirmation = companion.confirmCodeLink(response);
    byte[] sealed = primary.approveCodeLink(confirmation);
    byte[] reply = companion.acceptCodeApproval(sealed);
    primary.completeCodeLink(reply);
    upload(companion);
    return companion;
  }

  /** Delivers every envelope waiting for {@code device} and returns the results. */
  List<Received> receive(QuintetDevice device) throws Exception {
    List<Received> out = new ArrayList<>();
    for (Envelope e : server.drain(device.address().orElseThrow())) {
      Received r = device.decrypt(e);
      if (r instanceof Received.Reply) {
        server.deliverAll(((Received.Reply) r).envelopes());
      }
      out.add(r);
    }
    return out;
  }
}
