package io.quintet.core.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.proto.SignalWireProtos;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.keys.Curve25519PublicKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A group message encrypted with a sender key: version byte ‖ protobuf ‖ 64-byte XEdDSA
 * signature by the sender's signing key over everything before it.
 *
 * <p>Two layouts share version 3 and are <b>not interchangeable</b>:
 *
 * <ul>
 *   <li>libsignal's (what Signal speaks): fields 1 = distribution UUID (16 bytes), 2 = chain
 *       id, 3 = iteration, 4 = ciphertext. The distribution id names the sender key.
 *   <li>signal-protocol-java 2.8.1's ({@linkplain #isLegacy() legacy}): fields 1 = chain
 *       id, 2 = iteration, 3 = ciphertext, no distribution id; such groups were named by the
 *       app ({@code SenderKeyName(groupId, sender)}).
 * </ul>
 *
 * {@link #parse} tells them apart by the wire type of field 1 (bytes vs. varint) and rejects
 * anything ambiguous. Each peer understands only its own layout.
 *
 * <pre>{@code
 * SenderKeyMessage m = SenderKeyMessage.parse(bytes);  // shape only
 * if (!m.verifySignature(senderSigningKey)) reject();   // then authenticity
 * }</pre>
 */
public final class SenderKeyMessage {
  /** Length of the trailing XEdDSA signature. */
  public static final int SIGNATURE_LENGTH = 64;

  private final int version;
  private final UUID distributionId; // null: legacy layout
  private final int chainId;
  private final int iteration;
  private final byte[] ciphertext;
  private final byte[] serialized;

  private SenderKeyMessage(
      int version, UUID distributionId, int chainId, int iteration, byte[] ciphertext,
      byte[] serialized) {
    this.version = version;
    this.distributionId = distributionId;
    this.chainId = chainId;
    this.iteration = iteration;
    this.ciphertext = ciphertext;
    this.serialized = serialized;
  }

  /**
   * Parses and validates the structure of either layout; the signature is checked by
   * {@link #verifySignature}.
   *
   * @throws io.quintet.core.InvalidVersionException for a version other than 3
   * @throws InvalidMessageException for anything else malformed
   */
  public static SenderKeyMessage parse(byte[] serialized) throws InvalidMessageException {
    int version =
        WireVersions.check(
            serialized, 1 + SIGNATURE_LENGTH, WireVersions.SENDER_KEY, WireVersions.SENDER_KEY,
            "SenderKey message");
    Body body =
        Body.parse(serialized, 1, serialized.length - 1 - SIGNATURE_LENGTH, "SenderKey message");
    UUID distributionId = null;
    int chainId;
    int iteration;
    byte[] ciphertext;
    if (body.isLegacy()) {
      chainId = body.uint32(1, "chain id");
      iteration = body.uint32(2, "iteration");
      ciphertext = body.bytes(3, "ciphertext");
    } else {
      distributionId = body.uuid(1);
      chainId = body.uint32(2, "chain id");
      iteration = body.uint32(3, "iteration");
      ciphertext = body.bytes(4, "ciphertext");
    }
    return new SenderKeyMessage(
        version, distributionId, chainId, iteration, ciphertext, serialized.clone());
  }

  /**
   * Builds and signs a message in libsignal's layout. {@code chainId} and {@code iteration}
   * are unsigned.
   */
  public static SenderKeyMessage create(
      UUID distributionId, int chainId, int iteration, byte[] ciphertext,
      Curve25519PrivateKey signingKey) {
    Objects.requireNonNull(distributionId, "distributionId");
    byte[] body =
        SignalWireProtos.SenderKeyMessage.newBuilder()
            .setDistributionUuid(ByteString.copyFrom(Body.uuidBytes(distributionId)))
            .setChainId(chainId)
            .setIteration(iteration)
            .setCiphertext(ByteString.copyFrom(ciphertext))
            .build()
            .toByteArray();
    return sign(distributionId, chainId, iteration, ciphertext, body, signingKey);
  }

  /**
   * Builds and signs a message in signal-protocol-java 2.8.1's layout (no distribution id),
   * for talking to peers that only speak that.
   */
  public static SenderKeyMessage createLegacy(
      int chainId, int iteration, byte[] ciphertext, Curve25519PrivateKey signingKey) {
    byte[] body =
        UnknownFieldSet.newBuilder()
            .addField(1, Body.varint(chainId))
            .addField(2, Body.varint(iteration))
            .addField(3, Body.bytesField(ciphertext))
            .build()
            .toByteArray();
    return sign(null, chainId, iteration, ciphertext, body, signingKey);
  }

  private static SenderKeyMessage sign(
      UUID distributionId, int chainId, int iteration, byte[] ciphertext, byte[] body,
      Curve25519PrivateKey signingKey) {
    byte[] out = new byte[1 + body.length + SIGNATURE_LENGTH];
    out[0] = WireVersions.versionByte(WireVersions.SENDER_KEY, WireVersions.SENDER_KEY);
    System.arraycopy(body, 0, out, 1, body.length);
    byte[] signature = signingKey.sign(Arrays.copyOf(out, 1 + body.length));
    if (signature.length != SIGNATURE_LENGTH) {
      throw new IllegalStateException("XEdDSA signature must be 64 bytes");
    }
    System.arraycopy(signature, 0, out, 1 + body.length, SIGNATURE_LENGTH);
    return new SenderKeyMessage(
        WireVersions.SENDER_KEY, distributionId, chainId, iteration, ciphertext.clone(), out);
  }

  /** Checks the XEdDSA signature over everything before it with the sender's signing key. */
  public boolean verifySignature(Curve25519PublicKey signingKey) {
    int signed = serialized.length - SIGNATURE_LENGTH;
    return signingKey.verifySignature(
        Arrays.copyOf(serialized, signed),
        Arrays.copyOfRange(serialized, signed, serialized.length));
  }

  /** Always 3. */
  public int version() {
    return version;
  }

  /** The distribution id; empty for the legacy (signal-protocol-java) layout. */
  public Optional<UUID> distributionId() {
    return Optional.ofNullable(distributionId);
  }

  /** True for signal-protocol-java 2.8.1's layout, which carries no distribution id. */
  public boolean isLegacy() {
    return distributionId == null;
  }

  /** The sender's chain id (unsigned). */
  public int chainId() {
    return chainId;
  }

  /** The message's index in the sender chain (unsigned). */
  public int iteration() {
    return iteration;
  }

  /** AES-256-CBC ciphertext. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  public byte[] serialize() {
    return serialized.clone();
  }

  @Override
  public String toString() {
    return "SenderKeyMessage[v" + version
        + (distributionId == null ? ", legacy" : ", distribution=" + distributionId)
        + ", chain=" + Integer.toUnsignedString(chainId)
        + ", iteration=" + Integer.toUnsignedString(iteration)
        + ", " + ciphertext.length + " bytes]";
  }

  /**
   * A sender-key protobuf body read generically, shared with {@link
   * SenderKeyDistributionMessage}. Generated parsers silently move a field with the wrong
   * wire type into unknown fields and keep the last of repeated values; here both are
   * errors, and the wire type of field 1 tells the two layouts apart. Unknown field numbers
   * are ignored, as every protobuf parser (libsignal's included) does.
   */
  static final class Body {
    private final UnknownFieldSet fields;
    private final String what;
    private final boolean legacy;

    private Body(UnknownFieldSet fields, String what, boolean legacy) {
      this.fields = fields;
      this.what = what;
      this.legacy = legacy;
    }

    static Body parse(byte[] data, int offset, int length, String what)
        throws InvalidMessageException {
      UnknownFieldSet fields;
      try {
        fields = UnknownFieldSet.parseFrom(ByteString.copyFrom(data, offset, length));
      } catch (InvalidProtocolBufferException e) {
        throw new InvalidMessageException(what + " body is not a valid protobuf");
      }
      UnknownFieldSet.Field first = fields.getField(1);
      boolean bytes = !first.getLengthDelimitedList().isEmpty();
      boolean varint = !first.getVarintList().isEmpty();
      if (bytes == varint) {
        throw new InvalidMessageException(
            what + (bytes ? " has an ambiguous field 1" : " lacks its distribution id or chain id"));
      }
      return new Body(fields, what, varint);
    }

    boolean isLegacy() {
      return legacy;
    }

    int uint32(int number, String name) throws InvalidMessageException {
      UnknownFieldSet.Field f = single(number, name);
      if (f.getVarintList().size() != 1) {
        throw new InvalidMessageException(what + " " + name + " is not a varint");
      }
      long v = f.getVarintList().get(0);
      if (v < 0 || v > 0xFFFF_FFFFL) {
        throw new InvalidMessageException(what + " " + name + " exceeds 32 bits");
      }
      return (int) v;
    }

    byte[] bytes(int number, String name) throws InvalidMessageException {
      UnknownFieldSet.Field f = single(number, name);
      if (f.getLengthDelimitedList().size() != 1) {
        throw new InvalidMessageException(what + " " + name + " is not a byte string");
      }
      return f.getLengthDelimitedList().get(0).toByteArray();
    }

    UUID uuid(int number) throws InvalidMessageException {
      byte[] b = bytes(number, "distribution id");
      if (b.length != 16) {
        throw new InvalidMessageException(what + " distribution id must be 16 bytes");
      }
      ByteBuffer buf = ByteBuffer.wrap(b);
      return new UUID(buf.getLong(), buf.getLong());
    }

    private UnknownFieldSet.Field single(int number, String name) throws InvalidMessageException {
      if (!fields.hasField(number)) {
        throw new InvalidMessageException(what + " lacks its " + name);
      }
      UnknownFieldSet.Field f = fields.getField(number);
      int count =
          f.getVarintList().size() + f.getLengthDelimitedList().size()
              + f.getFixed32List().size() + f.getFixed64List().size() + f.getGroupList().size();
      if (count != 1) {
        throw new InvalidMessageException(what + " " + name + " appears more than once");
      }
      return f;
    }

    static byte[] uuidBytes(UUID id) {
      return ByteBuffer.allocate(16)
          .putLong(id.getMostSignificantBits())
          .putLong(id.getLeastSignificantBits())
          .array();
    }

    static UnknownFieldSet.Field varint(int unsigned) {
      return UnknownFieldSet.Field.newBuilder().addVarint(Integer.toUnsignedLong(unsigned)).build();
    }

    static UnknownFieldSet.Field bytesField(byte[] b) {
      return UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(b)).build();
    }
  }
}
