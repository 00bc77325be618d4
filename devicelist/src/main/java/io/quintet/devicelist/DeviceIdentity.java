package io.quintet.devicelist;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.internal.proto.DeviceListProtos.DeviceIdentityDetails;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceIdentity;
import java.util.Objects;

/**
 * A companion's identity as its account's primary approved it: the details (account, device
 * id, key index, time, the companion's identity key) signed by the primary's identity key —
 * the <em>account signature</em> — and counter-signed by the companion — the <em>device
 * signature</em>, which also covers the primary's identity key, so a companion consents to
 * exactly one account.
 *
 * <pre>{@code
 * DeviceIdentity approved = DeviceIdentity.approve(primaryKeys, alice, DeviceId.of(1), 7, now,
 *     laptopIdentityKey);                           // on the primary
 * DeviceIdentity complete = approved.counterSign(laptopKeys, primaryIdentityKey); // on the laptop
 * complete.verify(primaryIdentityKey);              // anyone: throws if either signature is bad
 * }</pre>
 */
public final class DeviceIdentity {
  private static final int SIGNATURE_LENGTH = 64;

  private final byte[] details;
  private final byte[] accountSignature;
  private final byte[] deviceSignature; // empty until counter-signed
  private final AccountId account;
  private final DeviceId deviceId;
  private final int keyIndex;
  private final long timestamp;
  private final IdentityKey identityKey;

  private DeviceIdentity(byte[] details, byte[] accountSignature, byte[] deviceSignature,
      AccountId account, DeviceId deviceId, int keyIndex, long timestamp, IdentityKey identityKey) {
    this.details = details;
    this.accountSignature = accountSignature;
    this.deviceSignature = deviceSignature;
    this.account = account;
    this.deviceId = deviceId;
    this.keyIndex = keyIndex;
    this.timestamp = timestamp;
    this.identityKey = identityKey;
  }

  /** The primary's approval of a companion: details plus the account signature. */
  public static DeviceIdentity approve(IdentityKeyPair primary, AccountId account,
      DeviceId deviceId, int keyIndex, long timestamp, IdentityKey companionKey) {
    if (deviceId.isPrimary()) {
      throw new IllegalArgumentException("the primary does not approve itself");
    }
    byte[] details = DeviceIdentityDetails.newBuilder()
        .setAccount(account.value())
        .setDeviceId(deviceId.value())
        .setKeyIndex(keyIndex)
        .setTimestamp(timestamp)
        .setIdentityKey(ByteString.copyFrom(companionKey.serialize()))
        .build()
        .toByteArray();
    byte[] signature = primary.sign(SignatureDomains.concat(SignatureDomains.ACCOUNT_SIGNATURE, details));
    return new DeviceIdentity(details, signature, new byte[0], account, deviceId, keyIndex,
        timestamp, companionKey);
  }

  /**
   * The companion's counter-signature, after checking that the approval names this companion
   * and verifies under {@code primaryKey}.
   *
   * @throws InvalidSignatureException if the approval is not the primary's or not for us
   */
  public DeviceIdentity counterSign(IdentityKeyPair companion, IdentityKey primaryKey)
      throws InvalidSignatureException {
    if (!companion.identityKey().equals(identityKey)) {
      throw new InvalidSignatureException("the approval names another device's identity key");
    }
    verifyAccountSignature(primaryKey);
    byte[] signature = companion.sign(deviceSignedMessage(primaryKey));
    return new DeviceIdentity(details, accountSignature, signature, account, deviceId, keyIndex,
        timestamp, identityKey);
  }

  /**
   * Checks both signatures: the account signature by {@code primaryKey}, the device signature
   * by the companion's own key over the details and {@code primaryKey}.
   */
  public void verify(IdentityKey primaryKey) throws InvalidSignatureException {
    verifyAccountSignature(primaryKey);
    if (deviceSignature.length != SIGNATURE_LENGTH
        || !identityKey.verifySignature(deviceSignedMessage(primaryKey), deviceSignature)) {
      throw new InvalidSignatureException("device signature of " + account + "." + deviceId
          + " does not verify");
    }
  }

  private void verifyAccountSignature(IdentityKey primaryKey) throws InvalidSignatureException {
    if (!primaryKey.verifySignature(
        SignatureDomains.concat(SignatureDomains.ACCOUNT_SIGNATURE, details), accountSignature)) {
      throw new InvalidSignatureException("account signature of " + account + "." + deviceId
          + " does not verify under the account's primary key");
    }
  }

  private byte[] deviceSignedMessage(IdentityKey primaryKey) {
    return SignatureDomains.concat(SignatureDomains.DEVICE_SIGNATURE, details, primaryKey.serialize());
  }

  /** Parses the wire form; signatures are checked by {@link #verify}. */
  public static DeviceIdentity parse(byte[] serialized) throws InvalidMessageException {
    if (serialized == null) {
      throw new InvalidMessageException("device identity is missing");
    }
    try {
      return fromProto(SignedDeviceIdentity.parseFrom(serialized));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidMessageException("device identity is not a valid protobuf");
    }
  }

  static DeviceIdentity fromProto(SignedDeviceIdentity p) throws InvalidMessageException {
    try {
      byte[] details = p.getDetails().toByteArray();
      DeviceIdentityDetails d = DeviceIdentityDetails.parseFrom(details);
      if (p.getAccountSignature().size() != SIGNATURE_LENGTH
          || (p.getDeviceSignature().size() != 0 && p.getDeviceSignature().size() != SIGNATURE_LENGTH)) {
        throw new InvalidMessageException("device identity signature has the wrong length");
      }
      if (d.getDeviceId() == 0 || d.getDeviceId() > DeviceId.MAX) {
        throw new InvalidMessageException("device identity names an invalid companion id");
      }
      return new DeviceIdentity(details, p.getAccountSignature().toByteArray(),
          p.getDeviceSignature().toByteArray(), AccountId.of(d.getAccount()),
          DeviceId.of(d.getDeviceId()), d.getKeyIndex(), d.getTimestamp(),
          IdentityKey.parse(d.getIdentityKey().toByteArray()));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidMessageException("device identity details are not a valid protobuf");
    } catch (InvalidKeyException | IllegalArgumentException e) {
      throw new InvalidMessageException("device identity is malformed: " + e.getMessage());
    }
  }

  SignedDeviceIdentity toProto() {
    return SignedDeviceIdentity.newBuilder()
        .setDetails(ByteString.copyFrom(details))
        .setAccountSignature(ByteString.copyFrom(accountSignature))
        .setDeviceSignature(ByteString.copyFrom(deviceSignature))
        .build();
  }

  public byte[] serialize() {
    return toProto().toByteArray();
  }

  public boolean isCounterSigned() {
    return deviceSignature.length == SIGNATURE_LENGTH;
  }

  public AccountId account() {
    return account;
  }

  public DeviceId deviceId() {
    return deviceId;
  }

  public int keyIndex() {
    return keyIndex;
  }

  public long timestamp() {
    return timestamp;
  }

  public IdentityKey identityKey() {
    return identityKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceIdentity
        && java.util.Arrays.equals(((DeviceIdentity) o).serialize(), serialize());
  }

  @Override
  public int hashCode() {
    return Objects.hash(account, deviceId, keyIndex);
  }

  @Override
  public String toString() {
    return "DeviceIdentity[" + account + "." + deviceId + ", keyIndex=" + keyIndex + ", "
        + identityKey + (isCounterSigned() ? "" : ", not counter-signed") + "]";
  }
}
