package io.quintet.devicelist.link;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.AesGcm;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.PrimaryDevices;
import io.quintet.devicelist.internal.proto.LinkProtos.QrOffer;
import io.quintet.devicelist.internal.proto.LinkProtos.SealedApproval;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The primary's side of linking by QR code: read the scanned payload, approve the companion's
 * identity (allotting its device id) and seal the approval to that one QR code.
 *
 * <pre>{@code
 * byte[] sealed = QrLinkApprover.approve(devices, phoneIdentity, scannedText, clock.instant());
 * server.deliver(QrLinkApprover.ref(scannedText), sealed);
 * // later, when the companion's counter-signed identity arrives:
 * SignedDeviceList list = devices.add(DeviceIdentity.parse(fromCompanion));
 * }</pre>
 */
public final class QrLinkApprover {
  private static final int MAX_PAYLOAD = 1000;
  private static final java.time.Duration MAX_OFFER_LIFETIME = java.time.Duration.ofMinutes(30);

  private QrLinkApprover() {}

  /**
   * Approves the companion the payload names and returns the sealed approval for the server.
   *
   * @throws InvalidMessageException if the payload is not a Quintet QR offer, or has expired
   * @throws DeviceListException if the account cannot take another companion
   */
  public static byte[] approve(PrimaryDevices devices, IdentityKeyPair primary, String payload,
      Instant now) throws InvalidMessageException, DeviceListException {
    QrOffer offer = parse(payload);
    if (offer.getExpiresAt() < 0 || now.toEpochMilli() >= offer.getExpiresAt()) {
      throw new InvalidMessageException("the QR code has expired");
    }
    // The expiry comes from whoever made the code: no offer may claim to live longer than a
    // fresh one can, so an old photo of a code cannot be used later.
    if (offer.getExpiresAt() - now.toEpochMilli() > MAX_OFFER_LIFETIME.toMillis()) {
      throw new InvalidMessageException("the QR code claims an implausible lifetime");
    }
    IdentityKey companion;
    Curve25519PublicKey companionEphemeral;
    try {
      companion = IdentityKey.parse(offer.getIdentityKey().toByteArray());
      companionEphemeral = Curve25519PublicKey.parse(offer.getEphemeralKey().toByteArray());
    } catch (InvalidKeyException e) {
      throw new InvalidMessageException("the QR code carries an invalid key");
    }
    if (companion.equals(primary.identityKey())) {
      throw new InvalidMessageException("a primary cannot link itself");
    }
    DeviceIdentity approval = devices.approve(companion);
    byte[] plain = Approvals.encode(approval, primary.identityKey());
    Curve25519KeyPair ephemeral = Curve25519KeyPair.generate();
    byte[] ref = offer.getRef().toByteArray();
    byte[] key;
    try {
      key = QrLinkKeys.sealingKey(ephemeral.privateKey().agree(companionEphemeral),
          offer.getSecret().toByteArray(), ref, companionEphemeral.serialize(),
          ephemeral.publicKey().serialize(), companion.serialize());
    } catch (InvalidKeyException e) {
      throw new InvalidMessageException("the QR code's ephemeral key is unusable");
    } finally {
      ephemeral.privateKey().destroy();
    }
    byte[] ciphertext = AesGcm.encrypt(key, QrLinkKeys.NONCE, plain, ref);
    Arrays.fill(key, (byte) 0);
    return SealedApproval.newBuilder()
        .setRef(ByteString.copyFrom(ref))
        .setPrimaryEphemeral(ByteString.copyFrom(ephemeral.publicKey().serialize()))
        .setCiphertext(ByteString.copyFrom(ciphertext))
        .build().toByteArray();
  }

  /** The routing reference of a scanned payload, to address the sealed approval. */
  public static byte[] ref(String payload) throws InvalidMessageException {
    return parse(payload).getRef().toByteArray();
  }

  private static QrOffer parse(String payload) throws InvalidMessageException {
    if (payload == null || payload.length() > MAX_PAYLOAD || !payload.startsWith(QrLinkOffer.PREFIX)) {
      throw new InvalidMessageException("not a Quintet link QR code (or an unknown version)");
    }
    try {
      QrOffer offer = QrOffer.parseFrom(
          Base64.getUrlDecoder().decode(payload.substring(QrLinkOffer.PREFIX.length())));
      if (offer.getRef().size() != 16 || offer.getSecret().size() != 32) {
        throw new InvalidMessageException("the QR code is malformed");
      }
      return offer;
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      throw new InvalidMessageException("the QR code is malformed");
    }
  }
}
