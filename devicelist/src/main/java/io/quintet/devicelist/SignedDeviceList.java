package io.quintet.devicelist;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.internal.proto.DeviceListProtos.DeviceListBody;
import io.quintet.devicelist.internal.proto.DeviceListProtos.DeviceListEntry;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceIdentity;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceListRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An account's device list as its primary signed it: a version that only grows, the time of
 * signing, the primary's identity key, and one entry per companion (device id, key index,
 * identity key), together with each companion's {@link DeviceIdentity}. Parsing checks only
 * the shape; {@link DeviceListVerifier} decides whether to believe it.
 *
 * <pre>{@code
 * SignedDeviceList list = SignedDeviceList.parse(bytesFromServer);
 * VerifiedDeviceList verified = verifier.accept(list);
 * }</pre>
 */
public final class SignedDeviceList {
  /** No list on the wire may claim more entries than this (the policy limit is lower). */
  static final int MAX_ENTRIES = 16;

  private final byte[] body;
  private final byte[] signature;
  private final List<DeviceIdentity> identities;
  private final AccountId account;
  private final long version;
  private final long timestamp;
  private final IdentityKey primaryKey;
  private final List<Entry> entries;
  private final int nextKeyIndex;
  /** {@link #serialize}'s result and its SHA-256, made once (benign races: equal results). */
  private volatile byte[] encoded;
  private volatile byte[] digest;

  /** One companion as the list names it. */
  public static final class Entry {
    public final DeviceId deviceId;
    public final int keyIndex;
    public final IdentityKey identityKey;

    Entry(DeviceId deviceId, int keyIndex, IdentityKey identityKey) {
      this.deviceId = deviceId;
      this.keyIndex = keyIndex;
      this.identityKey = identityKey;
    }
  }

  private SignedDeviceList(byte[] body, byte[] signature, List<DeviceIdentity> identities,
      DeviceListBody parsed) throws InvalidKeyException {
    this.body = body;
    this.signature = signature;
    this.identities = Collections.unmodifiableList(identities);
    this.account = AccountId.of(parsed.getAccount());
    this.version = parsed.getVersion();
    this.timestamp = parsed.getTimestamp();
    this.primaryKey = IdentityKey.parse(parsed.getPrimaryIdentityKey().toByteArray());
    List<Entry> es = new ArrayList<>();
    for (DeviceListEntry e : parsed.getCompanionsList()) {
      es.add(new Entry(DeviceId.of(e.getDeviceId()), e.getKeyIndex(),
          IdentityKey.parse(e.getIdentityKey().toByteArray())));
    }
    this.entries = Collections.unmodifiableList(es);
    this.nextKeyIndex = parsed.getNextKeyIndex();
  }

  /** Signs a list naming {@code companions} (each counter-signed) as {@code primary}. */
  public static SignedDeviceList sign(IdentityKeyPair primary, AccountId account, long version,
      long timestamp, List<DeviceIdentity> companions, int nextKeyIndex) {
    DeviceListBody.Builder b = DeviceListBody.newBuilder()
        .setAccount(account.value())
        .setVersion(version)
        .setTimestamp(timestamp)
        .setPrimaryIdentityKey(ByteString.copyFrom(primary.identityKey().serialize()))
        .setNextKeyIndex(nextKeyIndex);
    for (DeviceIdentity d : companions) {
      b.addCompanions(DeviceListEntry.newBuilder()
          .setDeviceId(d.deviceId().value())
          .setKeyIndex(d.keyIndex())
          .setIdentityKey(ByteString.copyFrom(d.identityKey().serialize())));
    }
    byte[] body = b.build().toByteArray();
    byte[] signature = primary.sign(SignatureDomains.concat(SignatureDomains.DEVICE_LIST, body));
    try {
      return new SignedDeviceList(body, signature, new ArrayList<>(companions), b.build());
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("own identity key does not parse", e);
    }
  }

  /** Larger than any list of {@link #MAX_ENTRIES} entries can be. */
  static final int MAX_BYTES = 64 * 1024;

  public static SignedDeviceList parse(byte[] serialized) throws InvalidMessageException {
    if (serialized == null) {
      throw new InvalidMessageException("device list is missing");
    }
    if (serialized.length > MAX_BYTES) {
      throw new InvalidMessageException("device list is larger than " + MAX_BYTES + " bytes");
    }
    try {
      SignedDeviceListRecord r = SignedDeviceListRecord.parseFrom(serialized);
      byte[] body = r.getBody().toByteArray();
      DeviceListBody parsed = DeviceListBody.parseFrom(body);
      if (parsed.getCompanionsCount() > MAX_ENTRIES || r.getIdentitiesCount() > MAX_ENTRIES) {
        throw new InvalidMessageException("device list has more than " + MAX_ENTRIES + " entries");
      }
      if (parsed.getVersion() < 1 || parsed.getTimestamp() < 0) {
        throw new InvalidMessageException("device list version or time is out of range");
      }
      if (r.getSignature().size() != 64) {
        throw new InvalidMessageException("device list signature has the wrong length");
      }
      List<DeviceIdentity> identities = new ArrayList<>();
      for (SignedDeviceIdentity s : r.getIdentitiesList()) {
        identities.add(DeviceIdentity.fromProto(s));
      }
      return new SignedDeviceList(body, r.getSignature().toByteArray(), identities, parsed);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidMessageException("device list is not a valid protobuf");
    } catch (InvalidKeyException | IllegalArgumentException e) {
      throw new InvalidMessageException("device list is malformed: " + e.getMessage());
    }
  }

  public byte[] serialize() {
    byte[] e = encoded;
    if (e == null) {
      e = encode();
      encoded = e;
    }
    return e.clone();
  }

  /** SHA-256 of {@link #serialize}'s bytes (not a copy: never modify). */
  byte[] digest() {
    byte[] d = digest;
    if (d == null) {
      try {
        d = java.security.MessageDigest.getInstance("SHA-256").digest(serialize());
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing", e);
      }
      digest = d;
    }
    return d;
  }

  private byte[] encode() {
    SignedDeviceListRecord.Builder b = SignedDeviceListRecord.newBuilder()
        .setBody(ByteString.copyFrom(body))
        .setSignature(ByteString.copyFrom(signature));
    for (DeviceIdentity d : identities) {
      b.addIdentities(d.toProto());
    }
    return b.build().toByteArray();
  }

  /** The signed body's bytes (not a copy: never modify). */
  byte[] body() {
    return body;
  }

  boolean signatureVerifies() {
    return primaryKey.verifySignature(SignatureDomains.concat(SignatureDomains.DEVICE_LIST, body),
        signature);
  }

  public AccountId account() {
    return account;
  }

  public long version() {
    return version;
  }

  /** When the primary signed this list, milliseconds since the epoch. */
  public long timestamp() {
    return timestamp;
  }

  public IdentityKey primaryIdentityKey() {
    return primaryKey;
  }

  public List<Entry> entries() {
    return entries;
  }

  public List<DeviceIdentity> identities() {
    return identities;
  }

  public int nextKeyIndex() {
    return nextKeyIndex;
  }

  @Override
  public String toString() {
    return "SignedDeviceList[" + account + " v" + version + ", " + entries.size() + " companions]";
  }
}
