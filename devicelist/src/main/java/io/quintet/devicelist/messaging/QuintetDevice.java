package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.QuintetException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.store.AppWriteException;
import io.quintet.core.store.TransactionHook;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.devicelist.history.HistoryBundle;
import io.quintet.devicelist.link.CodeLinkException;
import io.quintet.devicelist.link.CodeLinkRequest;
import io.quintet.devicelist.link.QrLinkApprover;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
  private final Groups groups;
  private final Inbox inbox;
  private final Lifecycle lifecycle;

  QuintetDevice(DeviceContext ctx, Lifecycle lifecycle) {
    this.ctx = ctx;
    this.fanout = new Fanout(ctx);
    this.groups = new Groups(ctx, fanout);
    this.retries = new Retries(ctx, fanout, groups);
    this.lifecycle = lifecycle;
    this.inbox = new Inbox(ctx, lifecycle, retries, fanout, new GroupInbox(ctx));
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

  /**
   * Where this device stands, from what it knows (no server call, no side effect); {@link
   * #refresh()} asks the server.
   */
  public DeviceStatus status() {
    return lifecycle.status();
  }

  /**
   * Asks the server for this account's newest list and re-checks this device against it (a
   * primary re-signs an old list): a companion learns here that it was linked, removed or
   * expired. Apps call it when they start and now and then.
   *
   * @throws IOException if the server could not be reached
   */
  public DeviceStatus refresh() throws IOException {
    if (lifecycle.membership().role == Membership.Role.FRESH) {
      return DeviceStatus.NOT_LINKED;
    }
    try {
      lifecycle.ensureActive(true);
    } catch (LoggedOutException e) {
      return DeviceStatus.LOGGED_OUT;
    }
    return status();
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
    return PairwiseSender.send(ctx, fanout, self, lifecycle.ownList(), recipients, payload);
  }

  /**
   * Encrypts {@code payload} once for the group: one GROUP envelope per device of every member
   * account and of this account (all with the same body, under this device's sender key), led
   * by the pairwise envelopes that carry the key to devices that do not have it yet. The app
   * owns membership and passes the members every time; when a device that had the key is no
   * longer a valid device of a member (a member left, a companion was removed or expired, an
   * identity changed), a fresh key is made first, so that device cannot read this message.
   * The app should deliver the envelopes in order.
   *
   * <pre>{@code
   * Outgoing out = phone.encryptToGroup(family, List.of(bob, carol), Payload.text("dinner?"));
   * out.envelopes().forEach(server::deliver);
   * }</pre>
   *
   * @throws LoggedOutException if this companion was removed or its account's list expired
   * @throws IOException if the server could not be reached
   */
  public Outgoing encryptToGroup(GroupId group, Collection<AccountId> members, Payload payload)
      throws LoggedOutException, IOException {
    Membership self = lifecycle.ensureActive(true);
    return groups.encrypt(self, lifecycle.ownList(), group, members, payload);
  }

  /**
   * Sends a history bundle to one newly linked companion of this account (primary only). The
   * bundle was written with {@link io.quintet.devicelist.history.HistoryBundleWriter} and
   * uploaded by the app; its descriptor, which holds the bundle's key, travels only in the
   * pairwise session to that companion.
   *
   * <pre>{@code
   * HistoryBundle bundle;
   * try (HistoryBundleWriter w = HistoryBundleWriter.create(upload)) {
   *   history.forEach(w::append);
   *   bundle = w.finish();
   * }
   * server.deliverAll(phone.sendHistory(laptopId, bundle).envelopes());
   * }</pre>
   *
   * @throws IllegalArgumentException if the device is not a valid companion of this account
   * @throws IOException if the server could not be reached for a prekey bundle
   */
  public Outgoing sendHistory(DeviceId companion, HistoryBundle bundle)
      throws LoggedOutException, IOException {
    return HistorySender.send(ctx, fanout, lifecycle.ensureActive(true), lifecycle.ownList(),
        companion, bundle);
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

  /**
   * Starts linking this fresh companion to {@code account} by one-time code: the request's
   * {@link CodeLinkRequest#code()} is shown to the user (who types it on the primary) and its
   * {@link CodeLinkRequest#hello()} goes to the primary through the server. The primary's
   * identity key comes from the account's device list on the server; a wrong one only makes
   * the link fail. Runs Argon2id (tens of milliseconds): call it off the UI thread.
   *
   * @throws NotFreshException if this device already belongs to an account
   * @throws CodeLinkException if the server has no usable device list for the account
   * @throws IOException if the server could not be reached
   */
  public CodeLinkRequest offerCodeLink(AccountId account)
      throws NotFreshException, CodeLinkException, IOException {
    Optional<byte[]> served = ctx.server.deviceList(account);
    if (served.isEmpty()) {
      throw new CodeLinkException(CodeLinkException.Reason.MALFORMED,
          "the server has no device list for " + account);
    }
    SignedDeviceList list;
    try {
      list = SignedDeviceList.parse(served.get());
    } catch (InvalidMessageException e) {
      throw new CodeLinkException(CodeLinkException.Reason.MALFORMED,
          "the server's device list for " + account + " is malformed");
    }
    return lifecycle.offerCodeLink(account, list.primaryIdentityKey());
  }

  /**
   * Checks the primary's answer (its SPAKE2 share and key confirmation) and returns this
   * device's confirmation for the primary. A wrong code fails here and spends the code.
   *
   * @throws CodeLinkException {@code WRONG_CODE} (start again with a new code), or why not
   */
  public byte[] confirmCodeLink(byte[] response) throws CodeLinkException, NotFreshException {
    return lifecycle.confirmCodeLink(response);
  }

  /**
   * Opens the primary's sealed approval: this device joins the account; returns its sealed
   * counter-signature for the primary.
   *
   * @throws CodeLinkException if the approval is not authentic or not for this device
   */
  public byte[] acceptCodeApproval(byte[] sealed) throws CodeLinkException, NotFreshException {
    return lifecycle.acceptCodeApproval(sealed);
  }

  // --- linking and removal: primary side ---

  /**
   * The primary's first step of a code link: the user typed {@code typedCode} for the
   * companion whose {@code hello} arrived; returns the answer for the companion. Failed
   * attempts are limited per account ({@link io.quintet.devicelist.LinkPolicy}).
   *
   * @throws CodeLinkException why the attempt is refused
   * @throws DeviceListException if the account cannot take another companion
   */
  public byte[] respondToCodeLink(byte[] hello, String typedCode)
      throws CodeLinkException, DeviceListException {
    return lifecycle.codeApprover().respond(hello, typedCode, ctx.clock.instant());
  }

  /**
   * Verifies the companion's key confirmation (proof it knew the code) and returns the sealed
   * approval for it.
   *
   * @throws CodeLinkException {@code WRONG_CODE} if the confirmation fails (an attempt spent)
   */
  public byte[] approveCodeLink(byte[] confirmation) throws CodeLinkException, DeviceListException {
    return lifecycle.codeApprover().approve(confirmation, ctx.clock.instant());
  }

  /**
   * Opens the companion's sealed counter-signature, adds it and publishes the new list.
   *
   * @throws CodeLinkException if it is not the companion's authentic reply
   * @throws IOException if the new list could not be published
   */
  public SignedDeviceList completeCodeLink(byte[] sealedReply)
      throws CodeLinkException, DeviceListException, IOException {
    try {
      return lifecycle.change(() -> lifecycle.codeApprover().complete(sealedReply, ctx.clock.instant()));
    } catch (CodeLinkException | DeviceListException | IOException e) {
      throw e;
    } catch (QuintetException e) {
      throw new AssertionError("complete throws only the exceptions above", e);
    }
  }

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
   * @throws IOException if the new list could not be published (it is kept, and published at
   *     the start of the next operation)
   */
  public SignedDeviceList completeLink(byte[] counterSigned)
      throws InvalidMessageException, DeviceListException, IOException {
    DeviceIdentity identity = DeviceIdentity.parse(counterSigned);
    return lifecycle.change(() -> lifecycle.primaryDevices().add(identity));
  }

  /**
   * Removes a companion and publishes the new list: senders stop encrypting to it, and the
   * companion logs itself out when it sees the list.
   *
   * @throws DeviceListException if the account has no such companion
   * @throws IOException if the new list could not be published
   */
  public SignedDeviceList removeCompanion(DeviceId companion) throws DeviceListException, IOException {
    return lifecycle.change(() -> lifecycle.primaryDevices().remove(companion));
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
    if (account.equals(lifecycle.membership().account)) {
      throw new IllegalArgumentException("a device cannot re-key its own account's primary");
    }
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
