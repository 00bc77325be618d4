package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.store.AppWriteException;
import io.quintet.core.store.TransactionHook;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.devicelist.link.QrLinkApprover;
import io.quintet.devicelist.link.QrLinkOffer;
import io.quintet.ratchet.CiphertextMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One device of an account — the primary or a companion — as an app embeds it: linking,
 * the signed device list, and one call that encrypts a message for every device of every
 * recipient and for this account's other devices. Built by {@link Quintet#device()}.
 *
 * <pre>{@code
 * QuintetDevice phone = Quintet.device().store(store).server(server).createPrimary(alice);
 * Outgoing out = phone.encrypt(List.of(bob), Payload.text("hello"));
 * out.envelopes().forEach(server::deliver);
 * Received r = laptop.decrypt(envelope);
 * }</pre>
 *
 * <p>Thread-safe: operations on different sessions run in parallel; each session is
 * serialized by the ratchet's own lock.
 */
public final class QuintetDevice {
  private final DeviceContext ctx;
  private final Fanout fanout;
  private final Retries retries;
  private final Inbox inbox;
  private final Lifecycle lifecycle;

  QuintetDevice(DeviceContext ctx, Lifecycle lifecycle) {
    this.ctx = ctx;
    this.fanout = new Fanout(ctx);
    this.retries = new Retries(ctx, fanout);
    this.lifecycle = lifecycle;
    this.inbox = new Inbox(ctx, lifecycle, retries, fanout);
  }

  /** This device's address; empty while a fresh companion is not linked yet. */
  public Optional<DeviceAddress> address() {
    return Optional.ofNullable(lifecycle.membership().address());
  }

  public boolean isPrimary() {
    return lifecycle.membership().role == Membership.Role.PRIMARY;
  }

  public IdentityKey identityKey() {
    return ctx.store.identityKeyPair().identityKey();
  }

  /** Where this device stands, from what it knows (no server call). */
  public DeviceStatus status() {
    return lifecycle.status();
  }

  /**
   * Generates {@code count} prekey bundles (fresh one-time EC and ML-KEM/Kyber prekeys over
   * the current signed prekey) for the app to upload; the server hands out one per session.
   */
  public List<PreKeyBundle> newPreKeyBundles(int count) {
    DeviceAddress self = lifecycle.requireAddress();
    return Bundles.fresh(ctx.store, ctx.clock, self.device(), ctx.kemType, count);
  }

  /**
   * Encrypts {@code payload} for every valid device of every recipient account and for this
   * account's other valid devices, after fetching and verifying all their device lists and
   * building missing sessions from one batch of prekey bundles.
   *
   * @throws LoggedOutException if this companion was removed or its account's list expired
   * @throws IOException if the server could not be reached
   */
  public Outgoing encrypt(Collection<AccountId> recipients, Payload payload)
      throws LoggedOutException, IOException {
    Membership self = lifecycle.ensureActive(true);
    VerifiedDeviceList own = lifecycle.ownList();
    Set<AccountId> others = new LinkedHashSet<>(recipients);
    others.remove(self.account);
    byte[] messageId = Rng.bytes(Envelope.MESSAGE_ID_BYTES);
    long now = ctx.clock.millis();

    Map<DeviceAddress, String> unreachable = new TreeMap<>();
    Map<AccountId, VerifiedDeviceList> lists = new LinkedHashMap<>();
    Map<AccountId, String> problems = new TreeMap<>();
    lists.put(self.account, own);
    for (AccountId account : others) {
      DeviceLists.Outcome outcome = ctx.lists.refresh(account);
      if (outcome.problem != null) {
        problems.put(account, outcome.problem);
      }
      if (outcome.list.isEmpty()) {
        unreachable.put(DeviceAddress.of(account, DeviceId.PRIMARY),
            "no verified device list: " + outcome.problem);
      } else {
        lists.put(account, outcome.list.get());
      }
    }
    Map<DeviceAddress, IdentityKey> targets = new LinkedHashMap<>();
    lists.forEach((account, list) -> {
      for (DeviceAddress d : list.validDevices(ctx.clock.instant())) {
        if (!d.equals(self.address())) {
          targets.put(d, list.identityOf(d.device(), ctx.clock.instant()).orElseThrow());
        }
      }
    });
    fanout.ensureSessions(targets, unreachable);

    Map<AccountId, Long> versions = new TreeMap<>();
    lists.forEach((a, l) -> versions.put(a, l.version()));
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

    Map<AccountId, byte[]> digests = new HashMap<>();
    lists.forEach((a, l) -> digests.put(a, DeviceLists.digest(l)));
    List<Envelope> envelopes = new ArrayList<>(sealed.size());
    for (Fanout.Sealed s : sealed) {
      envelopes.add(envelope(messageId, self.address(), s, now, digests.get(self.account),
          digests.get(s.device.account())));
    }
    ctx.sent.remember(HexFormat.of().formatHex(messageId),
        new SentMessages.Sent(destinations, payload, now, null));
    return new Outgoing(HexFormat.of().formatHex(messageId), envelopes, unreachable, digests,
        problems);
  }

  static Envelope envelope(byte[] messageId, DeviceAddress from, Fanout.Sealed sealed, long now,
      byte[] senderDigest, byte[] recipientDigest) {
    Envelope.Type type = sealed.message.type() == CiphertextMessage.Type.PREKEY
        ? Envelope.Type.PREKEY : Envelope.Type.WHISPER;
    return new Envelope(messageId, from, sealed.device, type, sealed.message.serialize(), now,
        senderDigest, recipientDigest);
  }

  /**
   * Decrypts an envelope addressed to this device. Every outcome is a {@link Received}:
   * a delivered message, a duplicate, a reply to hand to the server (retry request or
   * resend), a handled protocol message, or a rejection; a rejected envelope changes nothing.
   *
   * @throws LoggedOutException if this companion was removed or its account's list expired
   * @throws IOException if the server could not be reached for a device list or bundle
   */
  public Received decrypt(Envelope envelope) throws LoggedOutException, IOException {
    try {
      return inbox.decrypt(envelope, null);
    } catch (AppWriteException e) {
      throw new AssertionError("no hook, no app write", e);
    }
  }

  /**
   * As {@link #decrypt(Envelope)}, running the app's {@code hook} with the delivered message
   * inside the store transaction that advances the session: the message is stored if and
   * only if the ratchet step is.
   *
   * @throws AppWriteException if the hook failed; nothing was committed
   */
  public Received decrypt(Envelope envelope, TransactionHook<? super Received.Delivered> hook)
      throws LoggedOutException, IOException, AppWriteException {
    return inbox.decrypt(envelope, hook);
  }

  // --- linking: companion side ---

  /**
   * Starts linking this fresh companion by QR code: returns the text to show as a QR code
   * (see {@link io.quintet.devicelist.qr.QrCode}); the offer lives for {@code ttl}.
   *
   * @throws NotFreshException if this device already belongs to an account
   */
  public String offerQrLink(Duration ttl) throws NotFreshException {
    return lifecycle.offerQrLink(ttl);
  }

  /**
   * Opens the primary's sealed approval of the QR offer: this device joins the account and
   * returns its counter-signed identity, to send to the primary through the server.
   *
   * @throws InvalidMessageException if the approval is not for this device's offer, or expired
   * @throws InvalidSignatureException if the approval is not signed as it must be
   * @throws NotFreshException if this device already belongs to an account
   */
  public byte[] acceptQrApproval(byte[] sealed)
      throws InvalidMessageException, InvalidSignatureException, NotFreshException {
    return lifecycle.acceptQrApproval(sealed);
  }

  // --- linking and removal: primary side ---

  /**
   * Approves the companion whose QR code was scanned; returns the sealed approval to deliver
   * to it through the server (only that companion can open it).
   *
   * @throws InvalidMessageException if the text is not a valid, unexpired Quintet offer
   * @throws DeviceListException if the account cannot take another companion
   */
  public byte[] approveQrLink(String scannedText) throws InvalidMessageException, DeviceListException {
    return QrLinkApprover.approve(lifecycle.primaryDevices(), ctx.store.identityKeyPair(),
        scannedText, ctx.clock.instant());
  }

  /**
   * Adds the companion whose counter-signed identity came back, and publishes the new list.
   *
   * @throws InvalidMessageException if the bytes are not a device identity
   * @throws DeviceListException if it is not a pending approval of this primary
   * @throws IOException if the new list could not be published (it is kept and re-published)
   */
  public SignedDeviceList completeLink(byte[] counterSigned)
      throws InvalidMessageException, DeviceListException, IOException {
    DeviceIdentity identity = DeviceIdentity.parse(counterSigned);
    return lifecycle.publish(lifecycle.primaryDevices().add(identity));
  }

  /**
   * Removes a companion and publishes the new list: senders stop encrypting to it, and the
   * companion logs itself out when it sees the list.
   *
   * @throws DeviceListException if the account has no such companion
   * @throws IOException if the new list could not be published
   */
  public SignedDeviceList removeCompanion(DeviceId companion) throws DeviceListException, IOException {
    return lifecycle.publish(lifecycle.primaryDevices().remove(companion));
  }

  /** The newest device list this device has accepted for {@code account}, re-checked. */
  public Optional<VerifiedDeviceList> knownDeviceList(AccountId account) {
    return ctx.lists.known(account);
  }

  /**
   * Accepts the app's decision to trust a new primary identity for {@code account} (its
   * primary was reinstalled; the user compared safety numbers).
   */
  public void trustNewPrimaryIdentity(AccountId account, IdentityKey primaryKey) {
    DeviceAddress primary = DeviceAddress.of(account, DeviceId.PRIMARY);
    ctx.store.atomically(() -> {
      ctx.store.saveIdentity(primary, primaryKey);
      return null;
    });
  }

  @Override
  public String toString() {
    Membership m = lifecycle.membership();
    return "QuintetDevice[" + m.role + (m.account == null ? "" : " " + m.address())
        + (m.loggedOut == null ? "" : ", logged out") + "]";
  }
}
