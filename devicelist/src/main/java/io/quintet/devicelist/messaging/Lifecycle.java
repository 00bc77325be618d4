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
        previous = old.account().equals(account) ? old.version() : 0;
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
    lifecycle.publish(devices.current());
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

  /** Stores the primary's new list as accepted, then hands it to the server. */
  SignedDeviceList publish(SignedDeviceList list) throws IOException {
    try {
      ctx.verifier.accept(list);
    } catch (QuintetException e) {
      throw new IllegalStateException("the primary's own list does not verify", e);
    }
    ctx.server.publishDeviceList(list);
    return list;
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
        VerifiedDeviceList own = ownList();
        if (!ctx.clock.instant().isBefore(own.signedAt().plus(ctx.refreshAfter))) {
          publish(primary.refresh());
        }
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
    // Approved but not yet in a list: the approval itself can only be added for a while.
    if (now.toEpochMilli() > m.linkedAt + ctx.linkPolicy.companionExpiry().toMillis()) {
      logOut(LoggedOutException.Reason.EXPIRED);
    }
    throw new IOException("the account's device list does not name this device yet");
  }

  private boolean namesMe(Optional<VerifiedDeviceList> list, Instant now) {
    return list.isPresent() && list.get().vouchesFor(membership.device,
        ctx.store.identityKeyPair().identityKey(), now);
  }

  private void logOut(LoggedOutException.Reason reason) throws LoggedOutException {
    Membership out = membership.loggedOut(reason);
    ctx.store.atomically(() -> {
      ctx.store.deleteAllSessions();
      ctx.store.deleteAllSenderKeys();
      ctx.store.deleteStateNamespace(Retries.REBUILT);
      ctx.store.deleteStateNamespace(Inbox.SEEN);
      GroupState.wipe(ctx.store);
      out.save(ctx.store);
      return null;
    });
    membership = out;
    throw new LoggedOutException(reason);
  }

  private Membership save(Membership m) {
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
        try {
          checkCompanion(false, false);
        } catch (LoggedOutException e) {
          return DeviceStatus.LOGGED_OUT;
        } catch (IOException e) {
          return DeviceStatus.LINK_PENDING;
        }
        return ownList().status(ctx.clock.instant()) == VerifiedDeviceList.Status.EXPIRING_SOON
            ? DeviceStatus.EXPIRING_SOON : DeviceStatus.ACTIVE;
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
