package io.quintet.devicelist.link;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.internal.crypto.AesGcm;
import io.quintet.core.internal.crypto.ConstantTime;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.internal.proto.LinkProtos.QrOffer;
import io.quintet.devicelist.internal.proto.LinkProtos.SealedApproval;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The companion's side of linking by QR code: a one-time offer (shown as a QR code) and, when
 * the primary's sealed approval comes back through the server, the companion's counter-signed
 * identity to return. One offer opens at most one approval.
 *
 * <pre>{@code
 * QrLinkOffer offer = QrLinkOffer.create(laptopIdentity, clock.instant(), Duration.ofMinutes(2));
 * System.out.print(QrCode.encode(offer.payload()).toTerminal());
 * LinkedCompanion linked = offer.open(sealedFromServer, clock.instant());
 * server.send(linked.account(), linked.identity().serialize());   // to the primary
 * }</pre>
 */
public final class QrLinkOffer {
  /** What every payload starts with; the number is the protocol version. */
  public static final String PREFIX = "quintet-link:1:";

  private final IdentityKeyPair identity;
  private final Curve25519KeyPair ephemeral;
  private final byte[] ref;
  private final byte[] secret;
  private final Instant expiresAt;
  private boolean used;

  private QrLinkOffer(IdentityKeyPair identity, Curve25519KeyPair ephemeral, byte[] ref,
      byte[] secret, Instant expiresAt) {
    this.identity = identity;
    this.ephemeral = ephemeral;
    this.ref = ref;
    this.secret = secret;
    this.expiresAt = expiresAt;
  }

  /** A fresh offer for the companion with identity {@code identity}, valid for {@code ttl}. */
  public static QrLinkOffer create(IdentityKeyPair identity, Instant now, Duration ttl) {
    Objects.requireNonNull(identity, "identity");
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofMinutes(30)) > 0) {
      throw new IllegalArgumentException("a QR offer lives between 0 and 30 minutes");
    }
    return new QrLinkOffer(identity, Curve25519KeyPair.generate(), Rng.bytes(16), Rng.bytes(32),
        now.plus(ttl));
  }

  /** The text to render as a QR code. It holds the linking secret: show it, never send it. */
  public String payload() {
    byte[] record = QrOffer.newBuilder()
        .setRef(ByteString.copyFrom(ref))
        .setIdentityKey(ByteString.copyFrom(identity.identityKey().serialize()))
        .setEphemeralKey(ByteString.copyFrom(ephemeral.publicKey().serialize()))
        .setSecret(ByteString.copyFrom(secret))
        .setExpiresAt(expiresAt.toEpochMilli())
        .build().toByteArray();
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(record);
  }

  /** The reference the server routes the approval by (not secret). */
  public byte[] ref() {
    return ref.clone();
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * Opens the primary's sealed approval and counter-signs it.
   *
   * @throws InvalidMessageException if the offer expired or was used, or the approval is not
   *     for this offer, does not decrypt under its key (forged or redirected), or is malformed
   * @throws InvalidSignatureException if the approval does not name this device or is not
   *     signed by the primary it names
   */
  public synchronized LinkedCompanion open(byte[] sealed, Instant now)
      throws InvalidMessageException, InvalidSignatureException {
    if (used) {
      throw new InvalidMessageException("this QR offer was already used");
    }
    if (!now.isBefore(expiresAt)) {
      throw new InvalidMessageException("this QR offer has expired");
    }
    SealedApproval s;
    Curve25519PublicKey primaryEphemeral;
    try {
      s = SealedApproval.parseFrom(sealed == null ? new byte[0] : sealed);
      primaryEphemeral = Curve25519PublicKey.parse(s.getPrimaryEphemeral().toByteArray());
    } catch (InvalidProtocolBufferException | InvalidKeyException e) {
      throw new InvalidMessageException("sealed approval is malformed");
    }
    if (!ConstantTime.equals(s.getRef().toByteArray(), ref)) {
      throw new InvalidMessageException("sealed approval is for another QR offer");
    }
    byte[] key;
    try {
      key = QrLinkKeys.sealingKey(ephemeral.privateKey().agree(primaryEphemeral), secret, ref,
          ephemeral.publicKey().serialize(), primaryEphemeral.serialize(),
          identity.identityKey().serialize());
    } catch (InvalidKeyException e) {
      throw new InvalidMessageException("sealed approval carries an unusable key");
    }
    byte[] plain;
    try {
      plain = AesGcm.decrypt(key, QrLinkKeys.NONCE, s.getCiphertext().toByteArray(), ref);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
    used = true; // authentic: from here on this offer is spent, whatever follows
    java.util.Arrays.fill(secret, (byte) 0);
    ephemeral.privateKey().destroy();
    try {
      return Approvals.counterSign(Approvals.parse(plain), identity);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "QrLinkOffer[expires " + expiresAt + ", secret redacted]";
  }
}
