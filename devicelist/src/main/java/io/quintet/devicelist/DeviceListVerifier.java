package io.quintet.devicelist;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.QuintetException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.store.IdentityKeyStore.Direction;
import io.quintet.core.store.ProtocolStore;
import io.quintet.devicelist.DeviceListException.Reason;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether to believe a device list, and remembers the newest one per account. A list
 * is accepted only if the primary's signature verifies, the primary's identity is the one the
 * app trusts for the account, it names at most four companions with distinct ids and key
 * indexes, every companion's identity is signed by that primary and counter-signed by the
 * companion, and it is not older than a list already accepted (no rollback). Fail closed:
 * an account whose list cannot be verified has no valid companions.
 *
 * <pre>{@code
 * DeviceListVerifier verifier = new DeviceListVerifier(store, LinkPolicy.DEFAULT, clock);
 * VerifiedDeviceList bobs = verifier.accept(SignedDeviceList.parse(bytesFromServer));
 * Optional<VerifiedDeviceList> known = verifier.current(bob);   // the newest accepted
 * }</pre>
 */
public final class DeviceListVerifier {
  /** How many accounts' checked lists are remembered (beyond it, all are forgotten). */
  static final int CHECKED_ACCOUNTS = 4096;
  /** Larger lists are checked on every read rather than remembered (a normal one is ~1 KB). */
  static final int CHECKED_MAX_BYTES = 4096;

  private final ProtocolStore store;
  private final LinkPolicy policy;
  private final Clock clock;
  /**
   * The last list of each account that passed {@link #check}, with the exact bytes it was
   * parsed from. {@code check} depends on nothing but those bytes and the policy, so a read
   * of identical bytes can skip it (up to nine signature checks per account and send); any
   * other bytes, e.g. a record altered in the store, are parsed and checked again.
   */
  private final Map<AccountId, Checked> checked = new ConcurrentHashMap<>();

  private static final class Checked {
    final byte[] bytes;
    final VerifiedDeviceList verified;

    Checked(byte[] bytes, VerifiedDeviceList verified) {
      this.bytes = bytes;
      this.verified = verified;
    }
  }

  public DeviceListVerifier(ProtocolStore store, LinkPolicy policy, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies {@code list} and, if it is newer than the stored one, stores it. Re-delivery of
   * the stored list itself is accepted and changes nothing.
   *
   * @throws DeviceListException why the list is refused; nothing is stored
   * @throws UntrustedIdentityException if the list's primary key is not the one the app trusts
   */
  public VerifiedDeviceList accept(SignedDeviceList list)
      throws DeviceListException, UntrustedIdentityException {
    if (store.inTransaction()) {
      throw new IllegalStateException(
          "Quintet operations must not run inside ProtocolStore.atomically");
    }
    check(list, policy);
    if (list.timestamp() > clock.millis() + policy.maxClockSkew().toMillis()) {
      throw new DeviceListException(Reason.FROM_THE_FUTURE,
          "device list of " + list.account() + " is signed in the future");
    }
    DeviceAddress primary = DeviceAddress.of(list.account(), DeviceId.PRIMARY);
    byte[] serialized = list.serialize();
    boolean stored;
    try {
      // Trust, version and write in one transaction: two lists racing cannot both win.
      stored = store.atomically(() -> {
        if (!store.isTrustedIdentity(primary, list.primaryIdentityKey(), Direction.RECEIVING)) {
          throw new UntrustedIdentityException(primary,
              store.identity(primary).isPresent()
                  ? UntrustedIdentityException.Reason.IDENTITY_CHANGED
                  : UntrustedIdentityException.Reason.NEW_DEVICE);
        }
        Optional<Long> newest = store.deviceListVersion(list.account());
        if (newest.isPresent() && list.version() <= newest.get()) {
          if (list.version() == newest.get() && sameBody(list)) {
            return false; // the accepted list again: nothing to do
          }
          throw new DeviceListException(Reason.ROLLBACK, "device list v" + list.version()
              + " of " + list.account() + " is not newer than the accepted v" + newest.get());
        }
        store.storeDeviceList(list.account(), list.version(), serialized);
        store.saveIdentity(primary, list.primaryIdentityKey());
        return true;
      });
    } catch (DeviceListException | UntrustedIdentityException | RuntimeException e) {
      throw e;
    } catch (QuintetException e) {
      throw new IllegalStateException("unexpected failure", e);
    }
    // Only what was stored is remembered: the same list in other bytes (a re-encoded
    // signature) must not displace the bytes the store holds.
    return stored ? remember(list.account(), serialized, list) : new VerifiedDeviceList(list, policy);
  }

  /**
   * Whether the stored list signs the same body: the signed meaning, not the record's bytes,
   * since anyone can re-encode an XEdDSA signature (s + L) without changing what it signs.
   */
  private boolean sameBody(SignedDeviceList list) {
    return store.loadDeviceList(list.account()).map(stored -> {
      try {
        return Arrays.equals(SignedDeviceList.parse(stored).body(), list.body());
      } catch (InvalidMessageException corrupt) {
        return false;
      }
    }).orElse(false);
  }

  /**
   * The newest accepted list of {@code account}, re-checked as it is read back: a record that
   * is damaged, of another account, not the stored version, or signed by a primary the app no
   * longer trusts vouches for nobody (fail closed).
   */
  public Optional<VerifiedDeviceList> current(AccountId account) {
    Optional<byte[]> stored = store.loadDeviceList(account);
    Optional<Long> version = store.deviceListVersion(account);
    if (stored.isEmpty() || version.isEmpty()) {
      return Optional.empty();
    }
    try {
      VerifiedDeviceList verified = checkedList(account, stored.get());
      SignedDeviceList list = verified.signedList();
      DeviceAddress primary = DeviceAddress.of(account, DeviceId.PRIMARY);
      if (!list.account().equals(account) || list.version() != version.get()
          || !store.isTrustedIdentity(primary, list.primaryIdentityKey(), Direction.SENDING)) {
        return Optional.empty();
      }
      return Optional.of(verified);
    } catch (InvalidMessageException | DeviceListException e) {
      return Optional.empty();
    }
  }

  /** {@code bytes} parsed and {@link #check}ed, or the remembered result for the same bytes. */
  private VerifiedDeviceList checkedList(AccountId account, byte[] bytes)
      throws InvalidMessageException, DeviceListException {
    Checked hit = checked.get(account);
    if (hit != null && Arrays.equals(hit.bytes, bytes)) {
      return hit.verified;
    }
    SignedDeviceList list = SignedDeviceList.parse(bytes);
    check(list, policy);
    return remember(account, bytes.clone(), list);
  }

  private VerifiedDeviceList remember(AccountId account, byte[] bytes, SignedDeviceList list) {
    VerifiedDeviceList verified = new VerifiedDeviceList(list, policy);
    if (bytes.length <= CHECKED_MAX_BYTES) {
      if (checked.size() >= CHECKED_ACCOUNTS && !checked.containsKey(account)) {
        checked.clear(); // rare and fair: a forgotten list is only checked again
      }
      checked.put(account, new Checked(bytes, verified));
    }
    return verified;
  }

  /**
   * Every check of the list itself (no stored state, no clock): signatures, the companion
   * limit, numbering, and that every identity is the one the body names.
   */
  static void check(SignedDeviceList list, LinkPolicy policy) throws DeviceListException {
    if (!list.signatureVerifies()) {
      throw new DeviceListException(Reason.BAD_SIGNATURE,
          "device list of " + list.account() + " is not signed by its primary key");
    }
    List<SignedDeviceList.Entry> entries = list.entries();
    if (entries.size() > policy.maxCompanions()) {
      throw new DeviceListException(Reason.TOO_MANY_COMPANIONS, "device list of " + list.account()
          + " names " + entries.size() + " companions; at most " + policy.maxCompanions() + " allowed");
    }
    if (list.identities().size() != entries.size()) {
      throw new DeviceListException(Reason.IDENTITY_MISMATCH,
          "device list carries " + list.identities().size() + " identities for " + entries.size()
              + " companions");
    }
    Set<DeviceId> ids = new HashSet<>();
    Set<Integer> keyIndexes = new HashSet<>();
    Set<io.quintet.core.keys.IdentityKey> keys = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      SignedDeviceList.Entry e = entries.get(i);
      if (e.deviceId.isPrimary() || e.deviceId.value() != e.keyIndex || !ids.add(e.deviceId)
          || !keyIndexes.add(e.keyIndex)
          || Integer.compareUnsigned(e.keyIndex, list.nextKeyIndex()) >= 0
          || e.identityKey.equals(list.primaryIdentityKey()) || !keys.add(e.identityKey)) {
        throw new DeviceListException(Reason.DUPLICATE_DEVICE, "device list of " + list.account()
            + " repeats or misnumbers device " + e.deviceId);
      }
      DeviceIdentity d = list.identities().get(i);
      if (!d.account().equals(list.account())) {
        throw new DeviceListException(Reason.FOREIGN_DEVICE,
            "device " + e.deviceId + " in the list of " + list.account() + " belongs to " + d.account());
      }
      if (!d.deviceId().equals(e.deviceId) || d.keyIndex() != e.keyIndex
          || !d.identityKey().equals(e.identityKey)) {
        throw new DeviceListException(Reason.IDENTITY_MISMATCH, "device " + e.deviceId
            + " of " + list.account() + " does not match its signed identity");
      }
      try {
        d.verify(list.primaryIdentityKey());
      } catch (InvalidSignatureException ex) {
        throw new DeviceListException(Reason.BAD_SIGNATURE, ex.getMessage());
      }
    }
  }
}
