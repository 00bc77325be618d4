package io.quintet.bench;

import io.quintet.core.AccountId;
import io.quintet.devicelist.messaging.Envelope;
import io.quintet.devicelist.messaging.GroupId;
import io.quintet.devicelist.messaging.Outgoing;
import io.quintet.devicelist.messaging.Payload;
import io.quintet.devicelist.messaging.Received;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Quintet's share of row 8, through {@code QuintetDevice.encryptToGroup}: Alice (a primary
 * alone) sends to {@code accounts} member accounts of a primary and {@code companions}
 * companions each. Setup: the accounts are made and linked by QR code, Alice's first send to
 * the steady group builds every pairwise session (PQXDH) and carries her sender key, and every
 * device answers (see {@link ApiAccounts#establish}). Alice runs the fan-out on her calling
 * thread, as libsignal's loop does.
 */
final class QuintetApiGroup implements LargeGroup {
  private final ApiAccounts accounts = new ApiAccounts();
  private final ApiAccounts.Device alice;
  private final List<AccountId> members;
  private final GroupId steady = GroupId.random();
  private final int devices;
  private Outgoing lastFirst;
  private Outgoing lastSteady;

  /**
   * {@code answered}: whether every device answers Alice's first message (only a first send
   * uses the pairwise sessions, so a steady-state trial skips it).
   */
  QuintetApiGroup(int memberAccounts, int companions, boolean answered) throws Exception {
    long t0 = System.nanoTime();
    alice = accounts.primary("alice", Runnable::run);
    members = IntStream.range(0, memberAccounts).mapToObj(i -> AccountId.of("m" + i))
        .collect(Collectors.toList());
    members.parallelStream().forEach(a -> {
      try {
        accounts.account(a.value(), companions);
      } catch (Exception e) {
        throw new IllegalStateException("could not make account " + a, e);
      }
    });
    devices = memberAccounts * (1 + companions);
    long t1 = System.nanoTime();
    byte[] kib = Payloads.kib();
    Outgoing first = alice.api.encryptToGroup(steady, members, payload(kib));
    check(first, Envelope.Type.PREKEY, devices);
    long t2 = System.nanoTime();
    if (answered) {
      accounts.establish(alice, first);
    }
    long t3 = System.nanoTime();
    System.out.printf("%n[accounts %.1f s, first send with sessions %.1f s, answers %.1f s]%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    // One member device reads the group message: the key it was sent works.
    Envelope sample = first.envelopes().get(first.envelopes().size() - 1);
    ApiAccounts.Device reader = accounts.device(sample.recipient());
    if (!answered) {
      for (Envelope e : first.envelopes()) {
        if (e.type() == Envelope.Type.PREKEY && e.recipient().equals(sample.recipient())) {
          reader.api.decrypt(e);
        }
      }
    }
    Received r = reader.api.decrypt(sample);
    if (!(r instanceof Received.Delivered)
        || !Arrays.equals(((Received.Delivered) r).payload().data(), kib)) {
      throw new IllegalStateException("a member could not read the group message: " + r);
    }
  }

  private static Payload payload(byte[] plaintext) {
    return Payload.data("application/octet-stream", plaintext);
  }

  @Override
  public Object firstSend(byte[] plaintext) throws Exception {
    lastFirst = alice.api.encryptToGroup(GroupId.random(), members, payload(plaintext));
    return lastFirst;
  }

  @Override
  public Object steadySend(byte[] plaintext) throws Exception {
    lastSteady = alice.api.encryptToGroup(steady, members, payload(plaintext));
    return lastSteady;
  }

  /**
   * What a send must produce: {@code keys} pairwise envelopes of type {@code pairwise} (the
   * sender key, one per device; none in a steady send), then one GROUP envelope per device,
   * and nobody unreachable.
   */
  private void check(Outgoing out, Envelope.Type pairwise, int keys) {
    if (!out.unreachable().isEmpty() || !out.listProblems().isEmpty()) {
      throw new IllegalStateException("unreachable: " + out.unreachable() + " " + out.listProblems());
    }
    long pairwiseCount = out.envelopes().stream().filter(e -> e.type() == pairwise).count();
    long groupCount = out.envelopes().stream().filter(e -> e.type() == Envelope.Type.GROUP).count();
    if (pairwiseCount != keys || groupCount != devices || out.envelopes().size() != keys + devices) {
      throw new IllegalStateException("expected " + keys + " " + pairwise + " and " + devices
          + " GROUP envelopes, got " + out.envelopes().size() + " (" + pairwiseCount + ", "
          + groupCount + ")");
    }
  }

  @Override
  public void check() {
    if (lastFirst != null) {
      check(lastFirst, Envelope.Type.WHISPER, devices);
    }
    if (lastSteady != null) {
      check(lastSteady, Envelope.Type.WHISPER, 0);
      System.out.printf("%n[a steady group envelope: %d bytes serialized]%n",
          lastSteady.envelopes().get(0).serialize().length);
    }
  }
}
