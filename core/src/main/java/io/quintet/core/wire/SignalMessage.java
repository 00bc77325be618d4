package io.quintet.core.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.ConstantTime;
import io.quintet.core.internal.crypto.HmacSha256;
import io.quintet.core.internal.proto.SignalWireProtos;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * A Double Ratchet message: version byte ‖ protobuf ‖ 8-byte MAC, where the MAC is the first
 * 8 bytes of HMAC-SHA256(macKey, senderIdentity ‖ receiverIdentity ‖ version byte ‖ protobuf).
 *
 * <pre>{@code
 * SignalMessage m = SignalMessage.parse(bytes);        // shape only
 * if (!m.verifyMac(alice, bob, macKey)) reject();      // then authenticity
 * }</pre>
 */
public final class SignalMessage {
  public static final int MAC_LENGTH = 8;

  private final int version;
  private final Curve25519PublicKey ratchetKey;
  private final int counter;
  private final int previousCounter;
  private final byte[] ciphertext;
  private final byte[] pqRatchet;
  private final byte[] serialized;

  private SignalMessage(
      int version,
      Curve25519PublicKey ratchetKey,
      int counter,
      int previousCounter,
      byte[] ciphertext,
      byte[] pqRatchet,
      byte[] serialized) {
    this.version = version;
    this.ratchetKey = ratchetKey;
    this.counter = counter;
    this.previousCounter = previousCounter;
    this.ciphertext = ciphertext;
    this.pqRatchet = pqRatchet;
    this.serialized = serialized;
  }

  /** Parses and validates the structure; the MAC is checked by {@link #verifyMac}. */
  public static SignalMessage parse(byte[] serialized) throws InvalidMessageException {
    int version =
        WireVersions.check(
            serialized, 1 + MAC_LENGTH, WireVersions.PRE_KYBER, WireVersions.CURRENT,
            "Signal message");
    SignalWireProtos.SignalMessage proto;
    try {
      proto =
          SignalWireProtos.SignalMessage.parseFrom(
              ByteString.copyFrom(serialized, 1, serialized.length - 1 - MAC_LENGTH));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidMessageException("Signal message body is not a valid protobuf");
    }
    if (!proto.hasRatchetKey() || !proto.hasCounter() || !proto.hasCiphertext()) {
      throw new InvalidMessageException("Signal message lacks a required field");
    }
    Curve25519PublicKey ratchetKey;
    try {
      ratchetKey = Curve25519PublicKey.parse(proto.getRatchetKey().toByteArray());
    } catch (InvalidKeyException e) {
      throw new InvalidMessageException("Signal message ratchet key is invalid: " + e.getMessage());
    }
    return new SignalMessage(
        version,
        ratchetKey,
        proto.getCounter(),
        proto.getPreviousCounter(),
        proto.getCiphertext().toByteArray(),
        proto.getPqRatchet().toByteArray(),
        serialized.clone());
  }

  /** Builds and MACs a message. {@code counter} and {@code previousCounter} are unsigned. */
  public static SignalMessage create(
      int version,
      Curve25519PublicKey ratchetKey,
      int counter,
      int previousCounter,
      byte[] ciphertext,
      byte[] macKey,
      IdentityKey sender,
      IdentityKey receiver) {
    byte[] body =
        SignalWireProtos.SignalMessage.newBuilder()
            .setRatchetKey(ByteString.copyFrom(ratchetKey.serialize()))
            .setCounter(counter)
            .setPreviousCounter(previousCounter)
            .setCiphertext(ByteString.copyFrom(ciphertext))
            .build()
            .toByteArray();
    byte[] out = new byte[1 + body.length + MAC_LENGTH];
    out[0] = WireVersions.versionByte(version, WireVersions.CURRENT);
    System.arraycopy(body, 0, out, 1, body.length);
    byte[] mac = mac(sender, receiver, macKey, out, out.length - MAC_LENGTH);
    System.arraycopy(mac, 0, out, out.length - MAC_LENGTH, MAC_LENGTH);
    return new SignalMessage(
        version, ratchetKey, counter, previousCounter, ciphertext.clone(), new byte[0], out);
  }

  private static byte[] mac(
      IdentityKey sender, IdentityKey receiver, byte[] macKey, byte[] data, int length) {
    Mac mac = HmacSha256.init(macKey);
    mac.update(sender.serialize());
    mac.update(receiver.serialize());
    mac.update(data, 0, length);
    return Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
  }

  /** Checks the truncated MAC in constant time. */
  public boolean verifyMac(IdentityKey sender, IdentityKey receiver, byte[] macKey) {
    byte[] ours = mac(sender, receiver, macKey, serialized, serialized.length - MAC_LENGTH);
    byte[] theirs = Arrays.copyOfRange(serialized, serialized.length - MAC_LENGTH, serialized.length);
    return ConstantTime.equals(ours, theirs);
  }

  /** 3 (X3DH session) or 4 (PQXDH session). */
  public int version() {
    return version;
  }

  public Curve25519PublicKey ratchetKey() {
    return ratchetKey;
  }

  /** The message's index in its sending chain (unsigned). */
  public int counter() {
    return counter;
  }

  /** The length of the sender's previous sending chain (unsigned). */
  public int previousCounter() {
    return previousCounter;
  }

  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** libsignal's SPQR field (5), empty when absent; opaque to Quintet for now. */
  public byte[] pqRatchet() {
    return pqRatchet.clone();
  }

  public byte[] serialize() {
    return serialized.clone();
  }

  @Override
  public String toString() {
    return "SignalMessage[v" + version + ", counter=" + Integer.toUnsignedString(counter)
        + ", " + ciphertext.length + " bytes]";
  }
}
