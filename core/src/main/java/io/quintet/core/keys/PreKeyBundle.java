package io.quintet.core.keys;

import io.quintet.core.DeviceId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a server hands an initiator about one device: its identity key, a signed prekey, an
 * optional one-time prekey and (for PQXDH) a signed KEM prekey. Signatures are not checked
 * here but by the session builder, before any key agreement.
 *
 * <pre>{@code
 * PreKeyBundle bundle = PreKeyBundle.builder()
 *     .registrationId(reg).deviceId(DeviceId.of(1)).identityKey(bobIdentity)
 *     .signedPreKey(spkId, spkPublic, spkSignature)
 *     .oneTimePreKey(opkId, opkPublic)                // optional
 *     .kemPreKey(kemId, kemPublic, kemSignature)      // optional; required by Signal peers
 *     .build();
 * }</pre>
 */
public final class PreKeyBundle {
  private final int registrationId;
  private final DeviceId deviceId;
  private final IdentityKey identityKey;
  private final int signedPreKeyId;
  private final Curve25519PublicKey signedPreKey;
  private final byte[] signedPreKeySignature;
  private final Integer oneTimePreKeyId;
  private final Curve25519PublicKey oneTimePreKey;
  private final Integer kemPreKeyId;
  private final KemPublicKey kemPreKey;
  private final byte[] kemPreKeySignature;

  private PreKeyBundle(Builder b) {
    this.registrationId = b.registrationId;
    this.deviceId = Objects.requireNonNull(b.deviceId, "deviceId");
    this.identityKey = Objects.requireNonNull(b.identityKey, "identityKey");
    this.signedPreKeyId = b.signedPreKeyId;
    this.signedPreKey = Objects.requireNonNull(b.signedPreKey, "signedPreKey");
    this.signedPreKeySignature = b.signedPreKeySignature;
    this.oneTimePreKeyId = b.oneTimePreKeyId;
    this.oneTimePreKey = b.oneTimePreKey;
    this.kemPreKeyId = b.kemPreKeyId;
    this.kemPreKey = b.kemPreKey;
    this.kemPreKeySignature = b.kemPreKeySignature;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int registrationId() {
    return registrationId;
  }

  public DeviceId deviceId() {
    return deviceId;
  }

  public IdentityKey identityKey() {
    return identityKey;
  }

  public int signedPreKeyId() {
    return signedPreKeyId;
  }

  public Curve25519PublicKey signedPreKey() {
    return signedPreKey;
  }

  public byte[] signedPreKeySignature() {
    return signedPreKeySignature.clone();
  }

  public Optional<Integer> oneTimePreKeyId() {
    return Optional.ofNullable(oneTimePreKeyId);
  }

  public Optional<Curve25519PublicKey> oneTimePreKey() {
    return Optional.ofNullable(oneTimePreKey);
  }

  public Optional<Integer> kemPreKeyId() {
    return Optional.ofNullable(kemPreKeyId);
  }

  public Optional<KemPublicKey> kemPreKey() {
    return Optional.ofNullable(kemPreKey);
  }

  /** The KEM prekey's signature, empty when the bundle has no KEM prekey. */
  public byte[] kemPreKeySignature() {
    return kemPreKeySignature == null ? new byte[0] : kemPreKeySignature.clone();
  }

  @Override
  public String toString() {
    return "PreKeyBundle[device=" + deviceId + ", spk=" + signedPreKeyId
        + (oneTimePreKeyId != null ? ", opk=" + oneTimePreKeyId : "")
        + (kemPreKeyId != null ? ", kem=" + kemPreKeyId + " " + kemPreKey.type() : "") + "]";
  }

  /** Builds a {@link PreKeyBundle}; identity key and signed prekey are required. */
  public static final class Builder {
    private int registrationId;
    private DeviceId deviceId = DeviceId.PRIMARY;
    private IdentityKey identityKey;
    private int signedPreKeyId;
    private Curve25519PublicKey signedPreKey;
    private byte[] signedPreKeySignature;
    private Integer oneTimePreKeyId;
    private Curve25519PublicKey oneTimePreKey;
    private Integer kemPreKeyId;
    private KemPublicKey kemPreKey;
    private byte[] kemPreKeySignature;

    private Builder() {}

    public Builder registrationId(int registrationId) {
      this.registrationId = registrationId;
      return this;
    }

    public Builder deviceId(DeviceId deviceId) {
      this.deviceId = deviceId;
      return this;
    }

    public Builder identityKey(IdentityKey identityKey) {
      this.identityKey = identityKey;
      return this;
    }

    public Builder signedPreKey(int id, Curve25519PublicKey key, byte[] signature) {
      this.signedPreKeyId = PreKeyIds.check(id);
      this.signedPreKey = Objects.requireNonNull(key, "key");
      this.signedPreKeySignature = Objects.requireNonNull(signature, "signature").clone();
      return this;
    }

    public Builder oneTimePreKey(int id, Curve25519PublicKey key) {
      this.oneTimePreKeyId = PreKeyIds.check(id);
      this.oneTimePreKey = Objects.requireNonNull(key, "key");
      return this;
    }

    public Builder kemPreKey(int id, KemPublicKey key, byte[] signature) {
      this.kemPreKeyId = PreKeyIds.check(id);
      this.kemPreKey = Objects.requireNonNull(key, "key");
      this.kemPreKeySignature = Objects.requireNonNull(signature, "signature").clone();
      return this;
    }

    public PreKeyBundle build() {
      return new PreKeyBundle(this);
    }
  }
}
