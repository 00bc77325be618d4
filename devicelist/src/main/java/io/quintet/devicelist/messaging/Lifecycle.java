package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.QuintetException;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.PrimaryDevices;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import io.quintet.devicelist.link.CodeLinkApprover;
import io.quintet.devicelist.link.CodeLinkException;
import io.quintet.devicelist.link.CodeLinkRequest;
import io.quintet.devicelist.link.LinkedCompanion;
import io.quintet.core.keys.IdentityKey;
import io.quintet.devicelist.link.QrLinkOffer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A device's place in its account over time: created as a primary or a fresh companion,
 * linked, kept valid by the primary's re-signed lists, and logged out when removed or when
 * the primary stays inactive too long — which wipes the companion's sessions and sender keys.
 */
final class Lifecycle {
  private final DeviceContext ctx;
  private volatile Membership membership;
  private final PrimaryDevices primary; // null on companions
  private QrLinkOffer offer; // a fresh companion's pending QR offer
  private CodeLinkRequest codeRequest; // a fresh companion's pending code link
  private CodeLinkApprover codeApprover; // the primary's code-link side, made on first use
  private static final Duration OWN_LIST_RECHECK = Duration.ofHours(1);
  /** A reinstalled primary continues after a served version only below this. */
  private static final long MAX_INHERITED_VERSION = 1L << 40;
  /** Longer than any approval stays pending (10 minutes; code-link runs at most 30). */
  private static final Duration UNCONFIRMED_LIFETIME = Duration.ofHours(1);
  private volatile long lastOwnRefresh = Long.MIN_VALUE / 2;

  private Lifecycle(DeviceContext ctx, Membership membership, PrimaryDevices primary) {
    this.ctx = ctx;
    this.membership = membership;
    this.primary = primary;
  }

  static Lifecycle createPrimary(DeviceContext ctx, AccountId account) throws IOException {
    requireNew(ctx);
    // A reinstalled primary continues the account's versions, so its lists are newer.
    long previous = 0;
    Optional<byte[]> served = ctx.server.deviceList(account);
    if (served.isPresent()) {
      try {
        SignedDeviceList old = SignedDeviceList.parse(served.get());
        // Unverified: bounded, so a server cannot push the versions to overflow.
        previous = old.account().equals(account) && old.version() < MAX_INHERITED_VERSION
            ? old.version() : 0;
      } catch (InvalidMessageException e) {
        previous = 0; // nothing usable; receivers will refuse a rollback and say so
      }
    }
    PrimaryDevices devices = PrimaryDevices.create(ctx.store.identityKeyPair(), account,
        ctx.linkPolicy, ctx.clock, previous);
    Membership m = new Membership(Membership.Role.PRIMARY, account, DeviceId.PRIMARY,
        ctx.store.identityKeyPair().identityKey(), null, ctx.clock.millis(), true);
    ctx.store.atomically(() -> {
      m.save(ctx.store);
      return null;
    });
    Lifecycle lifecycle = new Lifecycle(ctx, m, devices);
    lifecycle.change(devices::current);
    return lifecycle;
  }

  static Lifecycle createCompanion(DeviceContext ctx) {
    requireNew(ctx);
    Membership m = Membership.fresh();
    ctx.store.atomically(() -> {
      m.save(ctx.store);
      return null;
    });
    return new Lifecycle(ctx, m, null);
  }

  static Lifecycle open(DeviceContext ctx) {
    Membership m = Membership.load(ctx.store).orElseThrow(() ->
        new IllegalStateException("this store holds no Quintet device; create one first"));
    PrimaryDevices devices = null;
    if (m.role == Membership.Role.PRIMARY) {
      try {
        byte[] stored = ctx.store.loadDeviceList(m.account).orElseThrow(() ->
            new IllegalStateException("the primary's own device list is missing from its store"));
        devices = PrimaryDevices.resume(ctx.store.identityKeyPair(), SignedDeviceList.parse(stored),
            ctx.linkPolicy, ctx.clock);
      } catch (QuintetException e) {
        throw new IllegalStateException("the primary's own device list is damaged", e);
      }
    }
    return new Lifecycle(ctx, m, devices);
  }

  private static void requireNew(DeviceContext ctx) {
    if (Membership.load(ctx.store).isPresent()) {
      throw new IllegalStateException("this store already holds a Quintet device; open it instead");
    }
  }

  Membership membership() {
    return membership;
  }

  DeviceAddress requireAddress() {
    DeviceAddress address = membership.address();
    if (address == null) {
      throw new IllegalStateException("this companion is not linked yet");
    }
    return address;
  }

  PrimaryDevices primaryDevices() {
    if (primary == null) {
      throw new IllegalStateException("only the primary manages the account's devices");
    }
    return primary;
  }

  /** A change of the primary's list (link, removal, re-signing), made under the publish lock. */
  @FunctionalInterface
  interface ListChange<E extends Exception> {
    SignedDeviceList sign() throws E;
  }

  private static final String UNPUBLISHED = "unpublished";
  private static final String PUBLISHED_AT = "published-at";
  private final Object publishLock = new Object();

  /**
   * Signs a change, stores it as this device's accepted list, then hands the newest list to
   * the server — all under one lock, so two changes cannot overtake each other on the way to
   * the server. If the server cannot be reached, the list is marked unpublished and published
   * again at the start of the next operation.
   */
  <E extends Exception> SignedDeviceList change(ListChange<E> change) throws E, IOException {
    synchronized (publishLock) {
      SignedDeviceList list = change.sign();
      // Marked first: a crash after storing the list must still leave it to be published.
      ctx.store.atomically(() -> {
        ctx.store.storeState(Membership.NAMESPACE, UNPUBLISHED, new byte[] {1});
        return null;
      });
      try {
        ctx.verifier.accept(list);
      } catch (QuintetException e) {
        throw new IllegalStateException("the primary's own list does not verify", e);
      }
      publishNewest();
      return list;
    }
  }

  /** Publishes the primary's newest list and clears the unpublished mark. */
  private void publishNewest() throws IOException {
    synchronized (publishLock) {
      SignedDeviceList newest = primary.current();
      ctx.server.publishDeviceList(newest);
      ctx.store.atomically(() -> {
        ctx.store.deleteState(Membership.NAMESPACE, UNPUBLISHED);
        ctx.store.storeState(Membership.NAMESPACE, PUBLISHED_AT,
            java.nio.ByteBuffer.allocate(Long.BYTES).putLong(newest.timestamp()).array());
        return null;
      });
    }
  }

  /** The primary's routine: publish what is unpublished, re-sign a list that got old. */
  private void keepPrimaryListFresh() {
    synchronized (publishLock) {
      try {
        VerifiedDeviceList own = ownList();
        // Companions judge by what reached the server: a list signed while offline and never
        // published kept nobody valid, so expiry counts from the last published signature.
        long published = ctx.store.loadState(Membership.NAMESPACE, PUBLISHED_AT)
            .filter(b -> b.length == Long.BYTES)
            .map(b -> java.nio.ByteBuffer.wrap(b).getLong())
            .orElse(own.signedAt().toEpochMilli());
        if (ctx.clock.millis() >= published + ctx.linkPolicy.companionExpiry().toMillis()) {
          change(primary::refreshAfterExpiry); // its companions logged themselves out
        } else if (!ctx.clock.instant().isBefore(own.signedAt().plus(ctx.refreshAfter))) {
          change(primary::refresh);
        } else if (ctx.store.loadState(Membership.NAMESPACE, UNPUBLISHED).isPresent()) {
          publishNewest();
        }
      } catch (IOException e) {
        // Marked unpublished; the next operation tries again. Messaging goes on meanwhile.
      }
    }
  }

  VerifiedDeviceList ownList() {
    return ctx.lists.known(membership.account).orElseThrow(() ->
        new IllegalStateException("no verified list of this device's own account"));
  }

  /**
   * Before any operation: a logged-out companion refuses; a primary re-signs a list that is
   * getting old (its proof of life); a companion checks that its account's newest list still
   * names it and has not expired, and logs itself out if not.
   */
  Membership ensureActive(boolean sending) throws LoggedOutException, IOException {
    Membership m = membership;
    if (m.loggedOut != null) {
      throw new LoggedOutException(m.loggedOut);
    }
    switch (m.role) {
      case FRESH:
        throw new IllegalStateException("this companion is not linked yet");
      case PRIMARY:
        keepPrimaryListFresh();
        return m;
      default:
        boolean due = ctx.clock.millis() - lastOwnRefresh >= OWN_LIST_RECHECK.toMillis();
        return checkCompanion(sending || due, true);
    }
  }

  /**
   * A companion's check of its own account's list: from the server when sending, when the
   * known list no longer names it, or at least this often, so a removal is noticed.
   */
  private Membership checkCompanion(boolean refresh, boolean askServer)
      throws LoggedOutException, IOException {
    Membership m = membership;
    Instant now = ctx.clock.instant();
    Optional<VerifiedDeviceList> list = ctx.lists.known(m.account);
    if ((refresh || !namesMe(list, now)) && askServer) {
      list = ctx.lists.refresh(m.account).list;
      lastOwnRefresh = ctx.clock.millis();
    }
    if (namesMe(list, now)) {
      if (!m.confirmed) {
        m = save(m.confirmed());
      }
      return m;
    }
    boolean named = list.isPresent() && list.get().companions().containsKey(m.device)
        && list.get().companions().get(m.device).equals(ctx.store.identityKeyPair().identityKey());
    if (named || (list.isPresent() && m.confirmed)) {
      logOut(named ? LoggedOutException.Reason.EXPIRED : LoggedOutException.Reason.REMOVED);
    }
    // Never named, and its approval can no longer be added (approvals live minutes): it was
    // removed (or the link was abandoned) before this device ever saw a list naming it.
    if (list.isPresent() && now.toEpochMilli() > m.linkedAt + UNCONFIRMED_LIFETIME.toMillis()) {
      logOut(LoggedOutException.Reason.REMOVED);
    }
    // Approved but not yet in a list: the approval itself can only be added for a while.
    if (!m.confirmed
        && now.toEpochMilli() > m.linkedAt + ctx.linkPolicy.companionExpiry().toMillis()) {
      logOut(LoggedOutException.Reason.EXPIRED);
    }
    throw new IOException("the account's device list does not name this device yet");
  }

  private boolean namesMe(Optional<VerifiedDeviceList> list, Instant now) {
    return list.isPresent() && list.get().vouchesFor(membership.device,
        ctx.store.identityKeyPair().identityKey(), now);
  }

  private synchronized void logOut(LoggedOutException.Reason reason) throws LoggedOutException {
    Membership out = membership.loggedOut(reason);
    ctx.sent.clear();
    ctx.store.atomically(() -> {
      ctx.store.deleteAllSessions();
      ctx.store.deleteAllSenderKeys();
      ctx.store.signedPreKeys().forEach(k -> ctx.store.removeSignedPreKey(k.id()));
      ctx.store.kemPreKeys().forEach(k -> ctx.store.removeKemPreKey(k.id()));
      ctx.store.deleteStateNamespace(Retries.REBUILT);
      ctx.store.deleteStateNamespace(Inbox.SEEN);
      GroupState.wipe(ctx.store);
      out.save(ctx.store);
      return null;
    });
    membership = out;
    throw new LoggedOutException(reason);
  }

  private synchronized Membership save(Membership m) {
    if (membership.loggedOut != null) {
      return membership; // a logout that happened meanwhile wins
    }
    ctx.store.atomically(() -> {
      m.save(ctx.store);
      return null;
    });
    membership = m;
    return m;
  }

  DeviceStatus status() {
    Membership m = membership;
    if (m.loggedOut != null) {
      return DeviceStatus.LOGGED_OUT;
    }
    switch (m.role) {
      case FRESH:
        return DeviceStatus.NOT_LINKED;
      case PRIMARY:
        return DeviceStatus.ACTIVE;
      default:
        // From what this device knows, without the server and without side effects: only
        // refresh() or an operation may conclude that it was removed or expired.
        Optional<VerifiedDeviceList> list = ctx.lists.known(m.account);
        Instant now = ctx.clock.instant();
        if (namesMe(list, now)) {
          return list.get().status(now) == VerifiedDeviceList.Status.EXPIRING_SOON
              ? DeviceStatus.EXPIRING_SOON : DeviceStatus.ACTIVE;
        }
        return m.confirmed ? DeviceStatus.CHECK_NEEDED : DeviceStatus.LINK_PENDING;
    }
  }

  synchronized String offerQrLink(Duration ttl) throws NotFreshException {
    requireFresh();
    offer = QrLinkOffer.create(ctx.store.identityKeyPair(), ctx.clock.instant(), ttl);
    return offer.payload();
  }

  synchronized byte[] acceptQrApproval(byte[] sealed)
      throws InvalidMessageException, InvalidSignatureException, NotFreshException {
    requireFresh();
    if (offer == null) {
      throw new InvalidMessageException("no QR link offer is pending on this device");
    }
    LinkedCompanion linked = offer.open(sealed, ctx.clock.instant());
    offer = null;
    return join(linked.account(), linked.primaryIdentityKey(), linked.identity());
  }

  /**
   * Starts linking this fresh companion by code to {@code account}, whose primary key the
   * server names (a wrong key only makes the link fail). Runs Argon2id: off the UI thread.
   */
  synchronized CodeLinkRequest offerCodeLink(AccountId account, IdentityKey primaryKey)
      throws NotFreshException, CodeLinkException {
    requireFresh();
    if (codeRequest != null) {
      codeRequest.cancel();
    }
    codeRequest = CodeLinkRequest.builder(ctx.store.identityKeyPair(), account, primaryKey)
        .alreadyLinked(false).start(ctx.clock.instant());
    return codeRequest;
  }

  synchronized byte[] confirmCodeLink(byte[] response) throws CodeLinkException, NotFreshException {
    requireFresh();
    return pendingCode().confirm(response, ctx.clock.instant());
  }

  synchronized byte[] acceptCodeApproval(byte[] sealed) throws CodeLinkException, NotFreshException {
    requireFresh();
    CodeLinkRequest request = pendingCode();
    LinkedCompanion linked = request.open(sealed, ctx.clock.instant());
    join(linked.account(), linked.primaryIdentityKey(), linked.identity());
    codeRequest = null;
    return request.reply();
  }

  private CodeLinkRequest pendingCode() {
    if (codeRequest == null) {
      throw new IllegalStateException("no code link is pending on this device");
    }
    return codeRequest;
  }

  synchronized CodeLinkApprover codeApprover() {
    if (codeApprover == null) {
      codeApprover = CodeLinkApprover.create(primaryDevices());
    }
    return codeApprover;
  }

  /** The companion joins the account its primary approved it for. */
  byte[] join(AccountId account, io.quintet.core.keys.IdentityKey primaryKey,
      DeviceIdentity identity) {
    Membership m = new Membership(Membership.Role.COMPANION, account, identity.deviceId(),
        primaryKey, null, identity.timestamp(), false);
    ctx.store.atomically(() -> {
      m.save(ctx.store);
      ctx.store.saveIdentity(DeviceAddress.of(account, DeviceId.PRIMARY), primaryKey);
      return null;
    });
    membership = m;
    return identity.serialize();
  }

  private void requireFresh() throws NotFreshException {
    if (membership.role != Membership.Role.FRESH || membership.loggedOut != null) {
      throw new NotFreshException("this device already belongs to an account; link a fresh one");
    }
  }
}
