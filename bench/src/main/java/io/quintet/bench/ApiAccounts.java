package io.quintet.bench;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.messaging.Envelope;
import io.quintet.devicelist.messaging.Outgoing;
import io.quintet.devicelist.messaging.Quintet;
import io.quintet.devicelist.messaging.QuintetDevice;
import io.quintet.devicelist.messaging.Received;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionCipher;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Accounts made through Quintet's app-facing API ({@code io.quintet.devicelist.messaging}) on
 * one {@link BenchServer}: a primary, companions linked to it by QR code, one prekey bundle
 * per device on the server. {@link #establish} then turns the sessions a send created into
 * answered ones, as between devices that have talked before.
 */
final class ApiAccounts {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** A device's answer: any short message does, it only has to carry a new ratchet key. */
  private static final byte[] ANSWER = {1};

  final BenchServer server = new BenchServer();
  /** Every device made here, by address, so that envelopes can be handed to it. */
  private final Map<DeviceAddress, Device> devices = new ConcurrentHashMap<>();

  /** One device: the API object and the store it runs on (the bench made the store). */
  static final class Device {
    final QuintetDevice api;
    final InMemoryProtocolStore store;

    Device(QuintetDevice api, InMemoryProtocolStore store) {
      this.api = api;
      this.store = store;
    }

    DeviceAddress address() {
      return api.address().orElseThrow();
    }
  }

  private Quintet.Builder builder(InMemoryProtocolStore store, Executor executor) {
    return Quintet.device().store(store).server(server).executor(executor);
  }

  private static InMemoryProtocolStore newStore() {
    return InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1 + RANDOM.nextInt(16000));
  }

  /** A new account's primary, with one prekey bundle on the server. */
  Device primary(String account, Executor executor) throws Exception {
    InMemoryProtocolStore store = newStore();
    Device d = new Device(builder(store, executor).createPrimary(AccountId.of(account)), store);
    register(d);
    return d;
  }

  /**
   * A new account of a primary and {@code companions} companions linked by QR code, each
   * with one prekey bundle on the server; the primary first. Devices that only receive run
   * their fan-outs on the calling thread.
   */
  List<Device> account(String account, int companions) throws Exception {
    List<Device> out = new ArrayList<>();
    Device primary = primary(account, Runnable::run);
    out.add(primary);
    for (int i = 0; i < companions; i++) {
      InMemoryProtocolStore store = newStore();
      QuintetDevice companion = builder(store, Runnable::run).createCompanion();
      String qr = companion.offerQrLink(Duration.ofMinutes(2));
      byte[] counterSigned = companion.acceptQrApproval(primary.api.approveQrLink(qr));
      primary.api.completeLink(counterSigned);
      Device d = new Device(companion, store);
      register(d);
      out.add(d);
    }
    return out;
  }

  private void register(Device d) {
    server.upload(d.address(), d.api.newPreKeyBundles(1));
    devices.put(d.address(), d);
  }

  /**
   * Delivers the pairwise envelopes of {@code sent} (the sender's first messages, PREKEY) to
   * their devices through the API, and has every device answer on its new session, so that
   * the sender's next messages are plain WHISPER messages on answered sessions. The answer
   * goes through the ratchet's {@link SessionCipher} on both stores: what matters is the
   * session state, and an API answer would also fan out to the answering account's other
   * devices. Recipients work in parallel (they are independent).
   *
   * @throws IllegalStateException if a device does not accept its envelope
   */
  void establish(Device sender, Outgoing sent) {
    DeviceAddress from = sender.address();
    sent.envelopes().parallelStream()
        .filter(e -> e.type() == Envelope.Type.PREKEY || e.type() == Envelope.Type.WHISPER)
        .forEach(e -> {
          Device to = devices.get(e.recipient());
          try {
            Received r = to.api.decrypt(e);
            if (!(r instanceof Received.Delivered) && !(r instanceof Received.Handled)) {
              throw new IllegalStateException(e.recipient() + " did not accept: " + r);
            }
            CiphertextMessage answer = new SessionCipher(to.store, from).encrypt(ANSWER);
            new SessionCipher(sender.store, to.address()).decrypt(answer.type(), answer.serialize());
          } catch (RuntimeException ex) {
            throw ex;
          } catch (Exception ex) {
            throw new IllegalStateException("could not establish a session with " + e.recipient(), ex);
          }
        });
  }

  /** The device at {@code address} made here. */
  Device device(DeviceAddress address) {
    return devices.get(address);
  }

  /**
   * Checks that a send reached exactly {@code expected} devices, nobody was unreachable, and
   * every pairwise envelope is a WHISPER message (sessions answered).
   */
  static void checkSteady(Outgoing out, int expected, Envelope.Type type) {
    if (!out.unreachable().isEmpty() || !out.listProblems().isEmpty()) {
      throw new IllegalStateException("unreachable: " + out.unreachable() + " " + out.listProblems());
    }
    long n = out.envelopes().stream().filter(e -> e.type() == type).count();
    if (out.envelopes().size() != expected || n != expected) {
      throw new IllegalStateException("expected " + expected + " " + type + " envelopes, got "
          + out.envelopes().size() + " (" + n + " " + type + ")");
    }
  }
}
