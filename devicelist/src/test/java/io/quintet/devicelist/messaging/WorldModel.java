package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.devicelist.LinkPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each account's newest published device list says, kept by the simulated world from
 * the actions it performs — never read back from the library under test. It is the ground
 * truth of "valid": a device is valid while the newest list names it and, for a companion,
 * while that list's signature is younger than the expiry (14 days). The primary re-signs its
 * list when it is used (sends or receives) and the list is a day old or more; linking and
 * removal re-sign at once.
 */
final class WorldModel {
  static final Duration EXPIRY = LinkPolicy.DEFAULT.companionExpiry();
  static final Duration REFRESH_AFTER = Duration.ofDays(1);
  static final Duration RECHECK = Duration.ofHours(1);

  private static final class Account {
    final Set<DeviceAddress> companions = new LinkedHashSet<>();
    Instant signedAt;
  }

  /** The list a companion holds of its own account, as of when it fetched it. */
  private static final class Snapshot {
    final Set<DeviceAddress> companions;
    final Instant signedAt;

    Snapshot(Set<DeviceAddress> companions, Instant signedAt) {
      this.companions = companions;
      this.signedAt = signedAt;
    }

    boolean vouchesFor(DeviceAddress companion, Instant now) {
      return companions.contains(companion) && now.isBefore(signedAt.plus(EXPIRY));
    }
  }

  private final Clock clock;
  private final Map<AccountId, Account> accounts = new LinkedHashMap<>();
  private final Set<DeviceAddress> removed = new HashSet<>();
  private final Map<DeviceAddress, LoggedOutException.Reason> loggedOut = new HashMap<>();
  private final Map<DeviceAddress, Long> linkedAt = new HashMap<>();
  private final Set<DeviceAddress> confirmed = new HashSet<>();
  private final Map<DeviceAddress, Long> lastCheck = new HashMap<>();
  private final Map<DeviceAddress, Snapshot> known = new HashMap<>(); // a companion's own list

  long now() {
    return clock.millis();
  }

  WorldModel(Clock clock) {
    this.clock = clock;
  }

  void created(AccountId account) {
    Account a = new Account();
    a.signedAt = clock.instant();
    accounts.put(account, a);
  }

  void linked(DeviceAddress companion) {
    Account a = accounts.get(companion.account());
    a.companions.add(companion);
    a.signedAt = clock.instant();
    linkedAt.put(companion, clock.millis());
  }

  void removed(DeviceAddress companion) {
    Account a = accounts.get(companion.account());
    a.companions.remove(companion);
    removed.add(companion);
    a.signedAt = clock.instant();
  }

  /**
   * The primary of {@code account} sent or received: it re-signs a list a day old; a list that
   * had expired is re-signed without its companions (they logged themselves out; see {@link
   * WorldFindingsTest#companionsThatExpiredAreNotReinstatedByThePrimarysNextList}).
   */
  void primaryUsed(AccountId account) {
    Account a = accounts.get(account);
    if (expired(account)) {
      removed.addAll(a.companions);
      a.companions.clear();
    }
    if (!clock.instant().isBefore(a.signedAt.plus(REFRESH_AFTER))) {
      a.signedAt = clock.instant();
    }
  }

  int companions(AccountId account) {
    return accounts.get(account).companions.size();
  }

  Set<DeviceAddress> companionsOf(AccountId account) {
    return Set.copyOf(accounts.get(account).companions);
  }

  boolean expired(AccountId account) {
    return !clock.instant().isBefore(accounts.get(account).signedAt.plus(EXPIRY));
  }

  /** The primary, and the companions unless the list expired. */
  Set<DeviceAddress> validDevices(AccountId account) {
    Set<DeviceAddress> out = new LinkedHashSet<>();
    out.add(DeviceAddress.of(account, DeviceId.PRIMARY));
    if (!expired(account)) {
      out.addAll(accounts.get(account).companions);
    }
    return out;
  }

  boolean valid(DeviceAddress device) {
    return validDevices(device.account()).contains(device);
  }

  boolean isRemoved(DeviceAddress device) {
    return removed.contains(device);
  }

  boolean isLoggedOut(DeviceAddress device) {
    return loggedOut.containsKey(device);
  }

  /** What a companion's check of its account's newest list (on the server) yields now. */
  enum Check {
    ACTIVE,
    REMOVED,
    EXPIRED,
    /** Not named, and never saw a list naming it: the link may still be on its way. */
    NOT_LISTED_YET;

    static Check of(LoggedOutException.Reason reason) {
      return reason == LoggedOutException.Reason.REMOVED ? REMOVED : EXPIRED;
    }
  }

  /**
   * What a companion that checks its account's list finds now: its earlier logout again; the
   * list names it (ACTIVE, or EXPIRED once the list expired); or, removed, REMOVED if it once
   * saw itself listed, else (it cannot tell removal from a link still on its way) an
   * IOException until its approval is older than the expiry, then EXPIRED.
   */
  Check check(DeviceAddress companion) {
    LoggedOutException.Reason out = loggedOut.get(companion);
    if (out != null) {
      return Check.of(out);
    }
    if (!removed.contains(companion)) {
      return expired(companion.account()) ? Check.EXPIRED : Check.ACTIVE;
    }
    if (confirmed.contains(companion)) {
      return Check.REMOVED;
    }
    // Never saw itself listed: once its approval is older than any pending approval can be
    // (Lifecycle allows an hour), a list that does not name it proves the removal.
    return clock.millis() > linkedAt.get(companion) + Duration.ofHours(1).toMillis()
        ? Check.REMOVED : Check.NOT_LISTED_YET;
  }

  /**
   * Whether a companion used now must ask the server for its list (as Lifecycle documents):
   * when sending, when it never did, at least hourly, and when the list it got last no
   * longer vouches for it (removed, or expired by now). Otherwise it may rely on that list —
   * so a removed companion may go on receiving for up to an hour.
   */
  boolean mustCheck(DeviceAddress companion, boolean sending) {
    Long last = lastCheck.get(companion);
    Snapshot list = known.get(companion);
    boolean vouches = list != null && list.vouchesFor(companion, clock.instant());
    return sending || last == null || clock.millis() - last >= RECHECK.toMillis() || !vouches;
  }

  /** The companion asked the server: it now holds the newest list. */
  void checked(DeviceAddress companion) {
    lastCheck.put(companion, clock.millis());
    known.put(companion, newest(companion.account()));
  }

  /**
   * A companion received from {@code sender}: if that is a sibling companion its list does
   * not vouch for, it fetches the newest list (without counting it as its hourly check).
   */
  void receivedFrom(DeviceAddress companion, DeviceAddress sender) {
    Snapshot list = known.get(companion);
    if (sender.account().equals(companion.account()) && !sender.device().isPrimary()
        && (list == null || !list.vouchesFor(sender, clock.instant()))) {
      known.put(companion, newest(companion.account()));
    }
  }

  private Snapshot newest(AccountId account) {
    Account a = accounts.get(account);
    return new Snapshot(Set.copyOf(a.companions), a.signedAt);
  }

  /** The companion's check succeeded: it has seen a list naming it. */
  void confirmed(DeviceAddress companion) {
    confirmed.add(companion);
  }

  void loggedOut(DeviceAddress companion, LoggedOutException.Reason reason) {
    loggedOut.putIfAbsent(companion, reason);
  }
}
