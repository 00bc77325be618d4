package io.quintet.devicelist.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.store.ProtocolStore;
import io.quintet.devicelist.internal.proto.MessagingProtos.WireMembership;
import java.util.Optional;

/**
 * What this device is: a primary, a linked companion, or a fresh companion waiting to be
 * linked; and whether it was logged out. Kept in the store so it survives restarts; a store
 * that has a membership is not fresh.
 */
final class Membership {
  static final String NAMESPACE = "quintet.device";
  private static final String KEY = "membership";

  enum Role { PRIMARY, COMPANION, FRESH }

  final Role role;
  final AccountId account; // null while FRESH
  final DeviceId device; // null while FRESH
  final IdentityKey primaryKey; // null while FRESH
  final LoggedOutException.Reason loggedOut; // null while in the account
  final long linkedAt; // companion: the approval's time, ms
  final boolean confirmed; // companion: a verified list of its account has named it

  Membership(Role role, AccountId account, DeviceId device, IdentityKey primaryKey,
      LoggedOutException.Reason loggedOut, long linkedAt, boolean confirmed) {
    this.linkedAt = linkedAt;
    this.confirmed = confirmed;
    this.role = role;
    this.account = account;
    this.device = device;
    this.primaryKey = primaryKey;
    this.loggedOut = loggedOut;
  }

  static Membership fresh() {
    return new Membership(Role.FRESH, null, null, null, null, 0, false);
  }

  DeviceAddress address() {
    return account == null ? null : DeviceAddress.of(account, device);
  }

  Membership loggedOut(LoggedOutException.Reason reason) {
    return new Membership(role, account, device, primaryKey, reason, linkedAt, confirmed);
  }

  Membership confirmed() {
    return new Membership(role, account, device, primaryKey, loggedOut, linkedAt, true);
  }

  static Optional<Membership> load(ProtocolStore store) {
    Optional<byte[]> stored = store.loadState(NAMESPACE, KEY);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      WireMembership w = WireMembership.parseFrom(stored.get());
      if (w.getRole() < 1 || w.getRole() > Role.values().length) {
        throw new IllegalStateException("stored membership has an unknown role");
      }
      Role role = Role.values()[w.getRole() - 1];
      LoggedOutException.Reason out = w.getLoggedOut() == 0
          ? null : LoggedOutException.Reason.values()[w.getLoggedOut() - 1];
      if (role == Role.FRESH) {
        return Optional.of(new Membership(role, null, null, null, out, 0, false));
      }
      return Optional.of(new Membership(role, AccountId.of(w.getAccount()),
          DeviceId.of(w.getDeviceId()), IdentityKey.parse(w.getPrimaryIdentityKey().toByteArray()),
          out, w.getLinkedAt(), w.getConfirmed()));
    } catch (InvalidProtocolBufferException | InvalidKeyException
        | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("the store's device membership record is damaged", e);
    }
  }

  void save(ProtocolStore store) {
    WireMembership.Builder w = WireMembership.newBuilder().setRole(role.ordinal() + 1)
        .setLoggedOut(loggedOut == null ? 0 : loggedOut.ordinal() + 1).setLinkedAt(linkedAt)
        .setConfirmed(confirmed);
    if (account != null) {
      w.setAccount(account.value()).setDeviceId(device.value())
          .setPrimaryIdentityKey(ByteString.copyFrom(primaryKey.serialize()));
    }
    store.storeState(NAMESPACE, KEY, w.build().toByteArray());
  }
}
