package io.quintet.devicelist;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceListException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The primary's side of its account's device list: approving companions, removing them, and
 * re-signing the list while the primary is in use (which is what keeps companions valid).
 * Every change yields a new {@link SignedDeviceList} with a higher version, to publish
 * through the app's server. Companion ids are never reused: a re-linked device gets a new id
 * and key index.
 *
 * <pre>{@code
 * PrimaryDevices devices = PrimaryDevices.create(phoneKeys, alice, LinkPolicy.DEFAULT, clock);
 * DeviceIdentity approval = devices.approve(laptopIdentityKey);      // send to the laptop
 * SignedDeviceList list = devices.add(counterSignedByLaptop);         // publish
 * list = devices.remove(DeviceId.of(1));                              // publish
 * list = devices.refresh();                                           // e.g. daily, when used
 * }</pre>
 */
public final class PrimaryDevices {
  private final IdentityKeyPair primary;
  private final AccountId account;
  private final LinkPolicy policy;
  private final Clock clock;
  private SignedDeviceList current;
  /** How long an approval waits for the companion's counter-signature. */
  static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

  private final Map<Integer, Pending> pending = new HashMap<>();
  private int reservedNext;

  /** An approval handed out and not yet added. */
  private static final class Pending {
    final IdentityKey identityKey;
    final long deadline;

    Pending(IdentityKey identityKey, long deadline) {
      this.identityKey = identityKey;
      this.deadline = deadline;
    }
  }

  private PrimaryDevices(IdentityKeyPair primary, AccountId account, LinkPolicy policy,
      Clock clock, SignedDeviceList current) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.account = Objects.requireNonNull(account, "account");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.current = current;
  }

  /** A new account: version 1, no companions. */
  public static PrimaryDevices create(IdentityKeyPair primary, AccountId account, LinkPolicy policy,
      Clock clock) {
    return create(primary, account, policy, clock, 0);
  }

  /**
   * A primary that replaces an earlier one of the account (reinstalled, new identity key):
   * its first list, with no companions, continues after {@code previousVersion} — the newest
   * version the server or the app knows — so receivers that accepted the old primary's lists
   * see a newer list (and ask their user to trust the new primary key) rather than a rollback.
   */
  public static PrimaryDevices create(IdentityKeyPair primary, AccountId account, LinkPolicy policy,
      Clock clock, long previousVersion) {
    if (previousVersion < 0 || previousVersion == Long.MAX_VALUE) {
      throw new IllegalArgumentException("previous version out of range");
    }
    SignedDeviceList first =
        SignedDeviceList.sign(primary, account, previousVersion + 1, clock.millis(), List.of(), 1);
    return new PrimaryDevices(primary, account, policy, clock, first);
  }

  /** Continues from the account's last published list (which this primary must have signed). */
  /**
   * Continues from the account's last published list, which must come from the primary's own
   * storage (not from the server). It is re-verified in full: only companions whose identities
   * match the entries this primary signed are carried into the next list.
   *
   * @throws DeviceListException if the list is not a valid list signed by this primary
   */
  public static PrimaryDevices resume(IdentityKeyPair primary, SignedDeviceList last,
      LinkPolicy policy, Clock clock) throws DeviceListException {
    if (!last.primaryIdentityKey().equals(primary.identityKey())) {
      throw new DeviceListException(Reason.BAD_SIGNATURE, "the list was not signed by this primary");
    }
    DeviceListVerifier.check(last, policy);
    return new PrimaryDevices(primary, last.account(), policy, clock, last);
  }

  public synchronized SignedDeviceList current() {
    return current;
  }

  /** The policy this primary enforces (companion limit, expiry, code-linking attempts). */
  public LinkPolicy policy() {
    return policy;
  }

  /**
   * Approves a companion with identity {@code companionKey}: allots it the next device id and
   * key index and signs its details. The companion counter-signs and returns it for
   * {@link #add}.
   *
   * @throws DeviceListException if the account already has the maximum of companions
   */
  public synchronized DeviceIdentity approve(IdentityKey companionKey) throws DeviceListException {
    checkCanApprove(companionKey);
    int keyIndex = Math.max(reservedNext, current.nextKeyIndex());
    if (keyIndex < 1 || keyIndex > DeviceId.MAX) {
      throw new DeviceListException(Reason.DUPLICATE_DEVICE, account + " has no device ids left");
    }
    // Each approval reserves its own index and is remembered for a short while: add() takes
    // only an approval this primary handed out, still pending, for that very key. A new
    // approval of a key supersedes its earlier ones (one key, at most one way into the list),
    // and expired ones are forgotten.
    long now = clock.millis();
    pending.values().removeIf(p -> p.identityKey.equals(companionKey) || now > p.deadline);
    reservedNext = keyIndex + 1;
    pending.put(keyIndex, new Pending(companionKey, clock.millis() + PENDING_LIFETIME.toMillis()));
    return DeviceIdentity.approve(primary, account, DeviceId.of(keyIndex), keyIndex,
        clock.millis(), companionKey);
  }

  /**
   * Checks, without approving anything, that {@link #approve} would accept {@code companionKey}
   * now: the account has room and the key is not already linked. Linking by code calls it before
   * the user's code is spent on an exchange that could not end in a link.
   *
   * @throws DeviceListException if the account is full or the key is already linked
   */
  public synchronized void checkCanApprove(IdentityKey companionKey) throws DeviceListException {
    Objects.requireNonNull(companionKey, "companionKey");
    if (current.entries().size() >= policy.maxCompanions()) {
      throw new DeviceListException(Reason.TOO_MANY_COMPANIONS,
          account + " already has " + current.entries().size() + " companions");
    }
    if (companionKey.equals(primary.identityKey())
        || current.entries().stream().anyMatch(e -> e.identityKey.equals(companionKey))) {
      throw new DeviceListException(Reason.DUPLICATE_DEVICE, "that identity key is already linked");
    }
  }

  /** Forgets a pending approval (the user cancelled the link). */
  public synchronized void cancel(DeviceIdentity approval) {
    pending.remove(approval.keyIndex());
  }

  /**
   * Adds a companion whose approval it counter-signed, and signs the new list.
   *
   * @throws DeviceListException if the identity is not a current approval of this primary,
   *     lacks a valid counter-signature, or the account is full
   */
  public synchronized SignedDeviceList add(DeviceIdentity counterSigned) throws DeviceListException {
    try {
      counterSigned.verify(primary.identityKey());
    } catch (InvalidSignatureException e) {
      throw new DeviceListException(Reason.BAD_SIGNATURE, e.getMessage());
    }
    if (!counterSigned.account().equals(account)) {
      throw new DeviceListException(Reason.FOREIGN_DEVICE, "approval is for " + counterSigned.account());
    }
    Pending p = pending.get(counterSigned.keyIndex());
    if (p == null || !p.identityKey.equals(counterSigned.identityKey())
        || counterSigned.deviceId().value() != counterSigned.keyIndex()
        || clock.millis() > p.deadline) {
      throw new DeviceListException(Reason.DUPLICATE_DEVICE,
          "approval " + counterSigned.keyIndex() + " is not pending (unknown, cancelled, used or expired)");
    }
    if (current.entries().stream().anyMatch(e -> e.identityKey.equals(counterSigned.identityKey()))) {
      pending.remove(counterSigned.keyIndex());
      throw new DeviceListException(Reason.DUPLICATE_DEVICE, "that identity key is already linked");
    }
    if (current.entries().size() >= policy.maxCompanions()) {
      throw new DeviceListException(Reason.TOO_MANY_COMPANIONS, account + " is full");
    }
    List<DeviceIdentity> next = new ArrayList<>(current.identities());
    next.add(counterSigned);
    pending.remove(counterSigned.keyIndex());
    return publish(next, Math.max(reservedNext, current.nextKeyIndex()));
  }

  /**
   * Removes a companion; senders that accept the new list stop encrypting to it.
   *
   * @throws DeviceListException if the account has no such companion
   */
  public synchronized SignedDeviceList remove(DeviceId device) throws DeviceListException {
    List<DeviceIdentity> next = new ArrayList<>();
    for (DeviceIdentity d : current.identities()) {
      if (!d.deviceId().equals(device)) {
        next.add(d);
      }
    }
    if (next.size() == current.identities().size()) {
      throw new DeviceListException(Reason.IDENTITY_MISMATCH, account + " has no companion " + device);
    }
    return publish(next, current.nextKeyIndex());
  }

  /** Re-signs the unchanged list now: the primary's proof of life that keeps companions valid. */
  public synchronized SignedDeviceList refresh() {
    return publish(current.identities(), Math.max(reservedNext, current.nextKeyIndex()));
  }

  private SignedDeviceList publish(List<DeviceIdentity> companions, int nextKeyIndex) {
    // The clock as it is now, even if earlier than the last list's: a clock that once ran
    // ahead must not pin every later list in the future. Versions, not times, order lists.
    current = SignedDeviceList.sign(primary, account, Math.addExact(current.version(), 1),
        clock.millis(), companions, nextKeyIndex);
    return current;
  }
}
