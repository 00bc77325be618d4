package io.quintet.devicelist;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A device list that passed every check of {@link DeviceListVerifier}: the devices a sender
 * may encrypt to and a receiver may accept messages from, as of a given time. The primary is
 * always valid; companions only until the list's signature is older than the policy allows.
 *
 * <pre>{@code
 * for (DeviceAddress d : verified.validDevices(clock.instant())) encryptFor(d);
 * if (verified.status(now) == VerifiedDeviceList.Status.EXPIRING_SOON) ui.askToOpenPrimary();
 * }</pre>
 */
public final class VerifiedDeviceList {
  /** Where the companions' approval stands. */
  public enum Status {
    ACTIVE,
    /** Within the policy's warning period before expiry. */
    EXPIRING_SOON,
    /** The primary has not re-signed for too long: companions are invalid. */
    EXPIRED
  }

  private final SignedDeviceList list;
  private final LinkPolicy policy;
  private final Map<DeviceId, IdentityKey> companions;
  private final Instant expiresAt;
  private final Instant warnFrom;
  /** Every device in address order with its identity, and the primary alone (once expired). */
  private final Map<DeviceAddress, IdentityKey> everyDevice;
  private final Map<DeviceAddress, IdentityKey> primaryOnly;

  VerifiedDeviceList(SignedDeviceList list, LinkPolicy policy) {
    this.list = list;
    this.policy = policy;
    Map<DeviceId, IdentityKey> m = new LinkedHashMap<>();
    for (SignedDeviceList.Entry e : list.entries()) {
      m.put(e.deviceId, e.identityKey);
    }
    this.companions = Collections.unmodifiableMap(m);
    this.expiresAt = Instant.ofEpochMilli(list.timestamp()).plus(policy.companionExpiry());
    this.warnFrom = expiresAt.minus(policy.warnBefore());
    DeviceAddress primary = DeviceAddress.of(list.account(), DeviceId.PRIMARY);
    this.primaryOnly = Map.of(primary, list.primaryIdentityKey());
    Map<DeviceAddress, IdentityKey> all = new LinkedHashMap<>(primaryOnly);
    new TreeMap<>(m).forEach((d, k) -> all.put(DeviceAddress.of(list.account(), d), k));
    this.everyDevice = Collections.unmodifiableMap(all);
  }

  public AccountId account() {
    return list.account();
  }

  public long version() {
    return list.version();
  }

  public IdentityKey primaryIdentityKey() {
    return list.primaryIdentityKey();
  }

  public Instant signedAt() {
    return Instant.ofEpochMilli(list.timestamp());
  }

  /** When the companions stop being valid unless the primary re-signs before. */
  public Instant companionsExpireAt() {
    return expiresAt;
  }

  public Status status(Instant now) {
    if (!now.isBefore(expiresAt)) {
      return Status.EXPIRED;
    }
    return now.isBefore(warnFrom) ? Status.ACTIVE : Status.EXPIRING_SOON;
  }

  /** The primary and, unless expired, every companion, in address order. */
  public List<DeviceAddress> validDevices(Instant now) {
    return new ArrayList<>(validIdentities(now).keySet());
  }

  /**
   * The primary and, unless expired, every companion, each with the identity key the list
   * vouches for, in address order (an unmodifiable map).
   */
  public Map<DeviceAddress, IdentityKey> validIdentities(Instant now) {
    return status(now) == Status.EXPIRED ? primaryOnly : everyDevice;
  }

  /** The identity key the list vouches for at {@code device}, if it is valid at {@code now}. */
  public Optional<IdentityKey> identityOf(DeviceId device, Instant now) {
    if (device.isPrimary()) {
      return Optional.of(primaryIdentityKey());
    }
    return status(now) == Status.EXPIRED ? Optional.empty() : Optional.ofNullable(companions.get(device));
  }

  /** Whether {@code device} with {@code identity} may send and receive for the account now. */
  public boolean vouchesFor(DeviceId device, IdentityKey identity, Instant now) {
    return identityOf(device, now).map(identity::equals).orElse(false);
  }

  /** The companions named by the list, expired or not. */
  public Map<DeviceId, IdentityKey> companions() {
    return companions;
  }

  /**
   * SHA-256 of the signed list's bytes ({@code signedList().serialize()}): envelopes carry it so
   * a receiver or server can tell which list a sender used.
   */
  public byte[] digest() {
    return list.digest().clone();
  }

  /** The list as signed, to forward or store. */
  public SignedDeviceList signedList() {
    return list;
  }

  @Override
  public String toString() {
    return "VerifiedDeviceList[" + account() + " v" + version() + ", companions " + companions.keySet() + "]";
  }
}
