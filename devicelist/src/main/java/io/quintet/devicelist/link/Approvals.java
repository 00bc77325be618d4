package io.quintet.devicelist.link;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.internal.proto.LinkProtos.Approval;

/**
 * The approval both linking paths seal to the companion: the account, the primary's identity
 * key and the companion's {@link DeviceIdentity} with the account signature. One codec, so a QR
 * link and a code link hand over exactly the same record and the companion checks it the same
 * way.
 */
final class Approvals {
  private Approvals() {}

  /** The plaintext the primary seals. */
  static byte[] encode(DeviceIdentity approval, IdentityKey primaryKey) {
    return Approval.newBuilder()
        .setAccount(approval.account().value())
        .setPrimaryIdentityKey(ByteString.copyFrom(primaryKey.serialize()))
        .setDeviceIdentity(ByteString.copyFrom(approval.serialize()))
        .build().toByteArray();
  }

  /** An authentic approval, parsed but not yet checked against the companion. */
  record Parsed(AccountId account, IdentityKey primaryKey, DeviceIdentity approved) {}

  /**
   * Parses an authentic (already decrypted) approval.
   *
   * @throws InvalidMessageException if the record is malformed
   */
  static Parsed parse(byte[] plain) throws InvalidMessageException {
    try {
      Approval a = Approval.parseFrom(plain);
      return new Parsed(AccountId.of(a.getAccount()),
          IdentityKey.parse(a.getPrimaryIdentityKey().toByteArray()),
          DeviceIdentity.parse(a.getDeviceIdentity().toByteArray()));
    } catch (InvalidProtocolBufferException | InvalidKeyException | IllegalArgumentException e) {
      throw new InvalidMessageException("approval is malformed");
    }
  }

  /**
   * Checks that the approval names {@code companion}'s identity key and its own account, and
   * verifies under the primary key it carries, then counter-signs it.
   *
   * @throws InvalidSignatureException if it names another account than its identity does,
   *     another device, or is not signed by the primary key it names
   */
  static LinkedCompanion counterSign(Parsed approval, IdentityKeyPair companion)
      throws InvalidSignatureException {
    if (!approval.approved().account().equals(approval.account())) {
      throw new InvalidSignatureException("approval names another account");
    }
    DeviceIdentity counterSigned = approval.approved().counterSign(companion, approval.primaryKey());
    return new LinkedCompanion(approval.account(), approval.primaryKey(), counterSigned);
  }
}
