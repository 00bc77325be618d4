package io.quintet.devicelist.link;

import io.quintet.core.AccountId;
import io.quintet.core.keys.IdentityKey;
import io.quintet.devicelist.DeviceIdentity;

/**
 * What a companion knows once a link was approved: its account, the primary's identity key it
 * now trusts, and its counter-signed identity, which goes back to the primary (through the
 * server: it is self-authenticating) for {@link io.quintet.devicelist.PrimaryDevices#add}.
 *
 * <pre>{@code
 * LinkedCompanion linked = offer.open(sealed, now);
 * server.forwardToPrimary(linked.identity().serialize());
 * }</pre>
 */
public final class LinkedCompanion {
  private final AccountId account;
  private final IdentityKey primaryIdentityKey;
  private final DeviceIdentity identity;

  LinkedCompanion(AccountId account, IdentityKey primaryIdentityKey, DeviceIdentity identity) {
    this.account = account;
    this.primaryIdentityKey = primaryIdentityKey;
    this.identity = identity;
  }

  public AccountId account() {
    return account;
  }

  public IdentityKey primaryIdentityKey() {
    return primaryIdentityKey;
  }

  public DeviceIdentity identity() {
    return identity;
  }

  @Override
  public String toString() {
    return "LinkedCompanion[" + identity + "]";
  }
}
