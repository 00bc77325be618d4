package io.quintet.devicelist.messaging;

import io.quintet.core.DeviceAddress;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireRetryRequest;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireSignedRetryRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The simulated world's store-and-forward network: envelopes in flight (as bytes, so each
 * crosses the wire format), delivered to a device some at a time in random order, sometimes
 * lost or delivered twice, and old ones replayed late. Every result of {@link
 * QuintetDevice#decrypt} is checked here against {@link WorldModel} and recorded in {@link
 * WorldLedger}; replies (retry requests, resends) go back into flight.
 */
final class WorldNetwork {
  private static final int HISTORY = 300;

  /** An envelope on its way; a copy is a duplicate or replay, whose loss excuses nothing. */
  private static final class Parcel {
    final DeviceAddress to;
    final byte[] wire;
    final boolean copy;

    Parcel(DeviceAddress to, byte[] wire, boolean copy) {
      this.to = to;
      this.wire = wire;
      this.copy = copy;
    }
  }

  private final Clock clock;
  private final Random random;
  private final WorldModel model;
  private final WorldLedger ledger;
  private final Map<DeviceAddress, QuintetDevice> devices;
  private final Map<DeviceAddress, InMemoryProtocolStore> stores;
  private final Consumer<String> note;
  private final Consumer<String> count;
  private final List<Parcel> inFlight = new ArrayList<>();
  private final List<byte[]> history = new ArrayList<>();
  private final java.util.Set<String> answeredRetries = new java.util.HashSet<>();

  WorldNetwork(Clock clock, Random random, WorldModel model, WorldLedger ledger,
      Map<DeviceAddress, QuintetDevice> devices, Map<DeviceAddress, InMemoryProtocolStore> stores,
      Consumer<String> note, Consumer<String> count) {
    this.clock = clock;
    this.random = random;
    this.model = model;
    this.ledger = ledger;
    this.devices = devices;
    this.stores = stores;
    this.note = note;
    this.count = count;
  }

  void send(Collection<Envelope> envelopes) {
    for (Envelope e : envelopes) {
      inFlight.add(new Parcel(e.recipient(), e.serialize(), false));
    }
  }

  int pending() {
    return inFlight.size();
  }

  /** The devices with mail waiting, in a stable order. */
  Set<DeviceAddress> recipients() {
    Set<DeviceAddress> out = new TreeSet<>();
    inFlight.forEach(p -> out.add(p.to));
    return out;
  }

  /** Delivers a random part of {@code to}'s mail in random order, with loss and duplicates. */
  void deliverSome(DeviceAddress to, int lossPercent, int duplicatePercent) throws Exception {
    List<Parcel> mine = new ArrayList<>();
    for (Parcel p : inFlight) {
      if (p.to.equals(to)) {
        mine.add(p);
      }
    }
    Collections.shuffle(mine, random);
    List<Parcel> now = mine.subList(0, 1 + random.nextInt(mine.size()));
    inFlight.removeAll(now);
    for (Parcel p : new ArrayList<>(now)) {
      Envelope e = Envelope.parse(p.wire);
      if (random.nextInt(100) < lossPercent) {
        lose(e, p.copy);
        continue;
      }
      if (random.nextInt(100) < duplicatePercent) {
        inFlight.add(new Parcel(p.to, p.wire, true));
      }
      process(e, p.wire);
    }
  }

  /** Delivers everything in flight once, in random order, without loss. */
  void deliverAll() throws Exception {
    List<Parcel> batch = new ArrayList<>(inFlight);
    inFlight.clear();
    Collections.shuffle(batch, random);
    for (Parcel p : batch) {
      process(Envelope.parse(p.wire), p.wire);
    }
  }

  /** The server (or an attacker) delivers an envelope that was delivered long ago again. */
  void replayOld() throws Exception {
    if (!history.isEmpty()) {
      byte[] wire = history.get(random.nextInt(history.size()));
      Envelope e = Envelope.parse(wire);
      inFlight.add(new Parcel(e.recipient(), wire, true));
      note.accept("replays " + describe(e));
    }
  }

  private void lose(Envelope e, boolean copy) {
    count.accept("lost");
    note.accept("loses " + describe(e) + (copy ? " (a copy)" : ""));
    if (!copy) {
      DeviceAddress excused = e.type() == Envelope.Type.RETRY ? e.sender() : e.recipient();
      ledger.excuse(e.messageIdHex(), excused, "envelope lost");
    }
  }

  private String describe(Envelope e) {
    return e.type() + " " + ledger.label(e.messageIdHex()) + " " + e.sender() + " -> "
        + e.recipient();
  }

  private void process(Envelope e, byte[] wire) throws Exception {
    remember(wire);
    DeviceAddress at = e.recipient();
    QuintetDevice device = devices.get(at);
    WorldModel.Check expected = WorldModel.Check.ACTIVE;
    boolean mayMissRemoval = false;
    if (device.isPrimary()) {
      model.primaryUsed(at.account());
    } else {
      expected = model.check(at);
      if (model.mustCheck(at, false)) {
        if (expected == WorldModel.Check.REMOVED && !model.isLoggedOut(at)) {
          count.accept("removals noticed on receive");
        }
        model.checked(at);
      } else {
        // It relies on the list it got within the hour, which may still name it.
        mayMissRemoval = !model.isLoggedOut(at);
      }
      model.receivedFrom(at, e.sender());
    }
    if (e.type() == Envelope.Type.RETRY && rebuildRateLimited(e)) {
      ledger.excuse(e.messageIdHex(), e.sender(), "session re-creation rate-limited");
      count.accept("rebuilds rate-limited");
    }
    if (e.type() == Envelope.Type.RETRY && tooOldToRebuild(e)) {
      ledger.excuse(e.messageIdHex(), e.sender(), "retry request too old to re-create the session");
      count.accept("rebuilds refused: old request");
    }
    // A RETRY envelope answered before is a replay: its sender may call it a duplicate.
    boolean retrySeenBefore = e.type() == Envelope.Type.RETRY
        && !answeredRetries.add(at + "/" + HexFormat.of().formatHex(e.serialize()));
    Received r;
    try {
      r = device.decrypt(e);
    } catch (LoggedOutException x) {
      if (WorldModel.Check.of(x.reason()) != expected) {
        throw new AssertionError(at + " logged out as " + x.reason() + " on " + describe(e)
            + ", expected " + expected);
      }
      model.loggedOut(at, x.reason());
      count.accept("decrypts refused: logged out");
      note.accept(at + " is logged out (" + x.reason() + "): " + describe(e) + " unread");
      if (e.type() == Envelope.Type.RETRY) {
        ledger.excuse(e.messageIdHex(), e.sender(), "retry request to a logged-out sender");
      }
      return;
    } catch (IOException x) {
      if (expected != WorldModel.Check.NOT_LISTED_YET) {
        throw new AssertionError(at + " failed on " + describe(e) + " (expected " + expected + ")", x);
      }
      ledger.excuse(e.messageIdHex(), at, "removed before it saw itself listed");
      count.accept("decrypts refused: not listed yet");
      note.accept(at + " cannot decrypt: " + x.getMessage() + ": " + describe(e) + " unread");
      return;
    }
    if (expected != WorldModel.Check.ACTIVE
        && !(mayMissRemoval && expected == WorldModel.Check.REMOVED)) {
      throw new AssertionError(at + " processed " + describe(e) + " but its check must find it "
          + expected + ": " + r);
    }
    if (!device.isPrimary()) {
      model.confirmed(at);
    }
    if (r instanceof Received.Delivered) {
      ledger.delivered(at, (Received.Delivered) r);
      note.accept(at + " decrypts " + describe(e));
    } else if (r instanceof Received.Duplicate && e.type() == Envelope.Type.RETRY) {
      if (!retrySeenBefore) {
        throw new AssertionError(at + " called a first retry request a replay: " + describe(e));
      }
      count.accept("replayed retry requests");
      note.accept(at + " sees a replayed retry request: " + describe(e));
    } else if (r instanceof Received.Duplicate) {
      ledger.duplicate(at, (Received.Duplicate) r);
      count.accept("duplicates");
      note.accept(at + " sees a duplicate: " + describe(e));
    } else if (r instanceof Received.Reply) {
      reply(e, (Received.Reply) r);
    } else if (r instanceof Received.Rejected) {
      rejected(e, (Received.Rejected) r);
    } else {
      throw new AssertionError("unexpected " + r + " for " + describe(e));
    }
  }

  /**
   * Whether this retry request asks its recipient to re-create the session from a bundle,
   * which the recipient does at most once an hour per device (a documented bound): then the
   * resend goes on the current session, which the requester may have lost again.
   */
  /** Whether this retry request carries a bundle but is too old to re-create the session. */
  private boolean tooOldToRebuild(Envelope e) throws Exception {
    WireRetryRequest r = WireRetryRequest.parseFrom(WireSignedRetryRequest.parseFrom(e.body())
        .getRequest());
    return r.hasBundle() && r.getTimestamp() < clock.millis()
        - io.quintet.devicelist.LinkPolicy.DEFAULT.maxClockSkew().toMillis()
        - Retries.FRESH_FOR_REBUILD.toMillis();
  }

  private boolean rebuildRateLimited(Envelope e) throws Exception {
    if (!WireRetryRequest.parseFrom(WireSignedRetryRequest.parseFrom(e.body()).getRequest())
        .hasBundle()) {
      return false;
    }
    Optional<byte[]> last = stores.get(e.recipient()).loadState(Retries.REBUILT, e.sender().toString());
    return last.isPresent() && clock.millis() - ByteBuffer.wrap(last.get()).getLong()
        < Duration.ofHours(1).toMillis();
  }

  private void reply(Envelope e, Received.Reply r) {
    boolean retry = e.type() == Envelope.Type.RETRY;
    Received.Reply.Kind kind = retry ? Received.Reply.Kind.RESEND : Received.Reply.Kind.RETRY_REQUEST;
    if (r.kind() != kind || r.envelopes().size() != 1) {
      throw new AssertionError("expected one " + kind + " for " + describe(e) + ", got " + r);
    }
    Envelope out = r.envelopes().get(0);
    if (!out.recipient().equals(e.sender()) || !out.sender().equals(e.recipient())
        || !out.messageIdHex().equals(e.messageIdHex())
        || (out.type() == Envelope.Type.RETRY) == retry) {
      throw new AssertionError("inconsistent " + kind + " " + out + " for " + describe(e));
    }
    count.accept(kind == Received.Reply.Kind.RESEND ? "resends" : "retry requests");
    note.accept(e.recipient() + " answers " + describe(e) + " with " + describe(out)
        + " (" + r.detail() + ")");
    send(r.envelopes());
  }

  private void rejected(Envelope e, Received.Rejected r) {
    if (r.reason() == Received.Rejected.Reason.DEVICE_NOT_IN_LIST && !model.valid(e.sender())) {
      DeviceAddress excused = e.type() == Envelope.Type.RETRY ? e.sender() : e.recipient();
      ledger.excuse(e.messageIdHex(), excused, "rejected, its sender no longer valid");
      count.accept("rejected: sender no longer valid");
    } else if (r.reason() == Received.Rejected.Reason.TOO_OLD
        && ledger.sentAt(e.messageIdHex()).stream().anyMatch(t ->
            model.now() - t > SeenMessages.RESEND_HORIZON.toMillis())) {
      ledger.excuse(e.messageIdHex(), e.recipient(), "resend older than the replay horizon");
      count.accept("rejected: resend too old");
    } else if (r.reason() == Received.Rejected.Reason.TOO_MANY_RETRIES) {
      count.accept("rejected: too many retries");
    } else if (r.reason() == Received.Rejected.Reason.UNKNOWN_MESSAGE
        && e.type() == Envelope.Type.RETRY
        && ledger.sentAt(e.messageIdHex()).stream().anyMatch(t ->
            model.now() - t > SentMessages.MAX_RESEND_AGE.toMillis())) {
      // A sender never sends a message again after a day (a late retry is likelier a replay).
      ledger.excuse(e.messageIdHex(), e.sender(), "retry later than a resend is allowed");
      count.accept("rejected: retry too late");
    } else {
      throw new AssertionError(e.recipient() + " rejected " + describe(e) + ": " + r
          + " (sender valid now: " + model.valid(e.sender()) + ")");
    }
    note.accept(e.recipient() + " rejects " + describe(e) + ": " + r.reason());
  }

  private void remember(byte[] wire) {
    if (history.size() == HISTORY) {
      history.remove(random.nextInt(HISTORY));
    }
    history.add(wire);
  }
}
