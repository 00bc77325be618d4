package io.quintet.core.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.proto.SignalWireProtos;
import io.quintet.core.keys.Curve25519PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a group member sends each recipient (inside a pairwise session) so they can decrypt
 * its group messages: the chain id, the current iteration and chain key of its sender chain,
 * and the public key that signs its {@link SenderKeyMessage}s. The chain key is secret: this
 * message travels only inside an encrypted session, and {@link #toString()} never shows it.
 *
 * <p>Like {@link SenderKeyMessage}, two layouts share version 3 and are not interchangeable:
 * libsignal's (1 = distribution UUID, 2 = chain id, 3 = iteration, 4 = chain key, 5 = signing
 * key) and signal-protocol-java 2.8.1's {@linkplain #isLegacy() legacy} one (1 = chain id,
 * 2 = iteration, 3 = chain key, 4 = signing key; no distribution id).
 *
 * <pre>{@code
 * SenderKeyDistributionMessage skdm = SenderKeyDistributionMessage.parse(decryptedPayload);
 * UUID group = skdm.distributionId().orElseThrow();
 * }</pre>
 */
public final class SenderKeyDistributionMessage {
  /** Length of the chain key. */
  public static final int CHAIN_KEY_LENGTH = 32;

  /** libsignal's minimum: a version byte, a chain key and a public key's worth of bytes. */
  private static final int MIN_LENGTH = 1 + 32 + 32;

  private final int version;
  private final UUID distributionId; // null: legacy layout
  private final int chainId;
  private final int iteration;
  private final byte[] chainKey;
  private final Curve25519PublicKey signingKey;
  private final byte[] serialized;

  private SenderKeyDistributionMessage(
      int version, UUID distributionId, int chainId, int iteration, byte[] chainKey,
      Curve25519PublicKey signingKey, byte[] serialized) {
    this.version = version;
    this.distributionId = distributionId;
    this.chainId = chainId;
    this.iteration = iteration;
    this.chainKey = chainKey;
    this.signingKey = signingKey;
    this.serialized = serialized;
  }

  /**
   * Parses and validates either layout.
   *
   * @throws io.quintet.core.InvalidVersionException for a version other than 3
   * @throws InvalidMessageException for anything else malformed, including a chain key that
   *     is not 32 bytes or an invalid signing key
   */
  public static SenderKeyDistributionMessage parse(byte[] serialized)
      throws InvalidMessageException {
    String what = "SenderKey distribution message";
    int version =
        WireVersions.check(
            serialized, MIN_LENGTH, WireVersions.SENDER_KEY, WireVersions.SENDER_KEY, what);
    SenderKeyMessage.Body body =
        SenderKeyMessage.Body.parse(serialized, 1, serialized.length - 1, what);
    int first = body.isLegacy() ? 1 : 2; // the legacy layout is the modern one shifted down
    UUID distributionId = body.isLegacy() ? null : body.uuid(1);
    int chainId = body.uint32(first, "chain id");
    int iteration = body.uint32(first + 1, "iteration");
    byte[] chainKey = body.bytes(first + 2, "chain key");
    byte[] signingKey = body.bytes(first + 3, "signing key");
    if (chainKey.length != CHAIN_KEY_LENGTH) {
      throw new InvalidMessageException(what + " chain key must be 32 bytes");
    }
    Curve25519PublicKey key;
    try {
      key = Curve25519PublicKey.parse(signingKey);
    } catch (InvalidKeyException e) {
      throw new InvalidMessageException(what + " signing key is invalid: " + e.getMessage());
    }
    return new SenderKeyDistributionMessage(
        version, distributionId, chainId, iteration, chainKey, key, serialized.clone());
  }

  /** A message in libsignal's layout. {@code chainId} and {@code iteration} are unsigned. */
  public static SenderKeyDistributionMessage create(
      UUID distributionId, int chainId, int iteration, byte[] chainKey,
      Curve25519PublicKey signingKey) {
    Objects.requireNonNull(distributionId, "distributionId");
    checkChainKey(chainKey);
    byte[] body =
        SignalWireProtos.SenderKeyDistributionMessage.newBuilder()
            .setDistributionUuid(
                ByteString.copyFrom(SenderKeyMessage.Body.uuidBytes(distributionId)))
            .setChainId(chainId)
            .setIteration(iteration)
            .setChainKey(ByteString.copyFrom(chainKey))
            .setSigningKey(ByteString.copyFrom(signingKey.serialize()))
            .build()
            .toByteArray();
    return wrap(distributionId, chainId, iteration, chainKey, signingKey, body);
  }

  /** A message in signal-protocol-java 2.8.1's layout (no distribution id). */
  public static SenderKeyDistributionMessage createLegacy(
      int chainId, int iteration, byte[] chainKey, Curve25519PublicKey signingKey) {
    checkChainKey(chainKey);
    byte[] body =
        UnknownFieldSet.newBuilder()
            .addField(1, SenderKeyMessage.Body.varint(chainId))
            .addField(2, SenderKeyMessage.Body.varint(iteration))
            .addField(3, SenderKeyMessage.Body.bytesField(chainKey))
            .addField(4, SenderKeyMessage.Body.bytesField(signingKey.serialize()))
            .build()
            .toByteArray();
    return wrap(null, chainId, iteration, chainKey, signingKey, body);
  }

  private static void checkChainKey(byte[] chainKey) {
    if (chainKey.length != CHAIN_KEY_LENGTH) {
      throw new IllegalArgumentException("chain key must be 32 bytes");
    }
  }

  private static SenderKeyDistributionMessage wrap(
      UUID distributionId, int chainId, int iteration, byte[] chainKey,
      Curve25519PublicKey signingKey, byte[] body) {
    byte[] out = new byte[1 + body.length];
    out[0] = WireVersions.versionByte(WireVersions.SENDER_KEY, WireVersions.SENDER_KEY);
    System.arraycopy(body, 0, out, 1, body.length);
    return new SenderKeyDistributionMessage(
        WireVersions.SENDER_KEY, distributionId, chainId, iteration, chainKey.clone(),
        signingKey, out);
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

  /** The iteration {@link #chainKey()} belongs to (unsigned). */
  public int iteration() {
    return iteration;
  }

  /** The 32-byte chain key. Secret. */
  public byte[] chainKey() {
    return chainKey.clone();
  }

  /** The key that verifies the sender's {@link SenderKeyMessage}s. */
  public Curve25519PublicKey signingKey() {
    return signingKey;
  }

  /** The wire bytes. Secret: they contain the chain key. */
  public byte[] serialize() {
    return serialized.clone();
  }

  @Override
  public String toString() {
    return "SenderKeyDistributionMessage[v" + version
        + (distributionId == null ? ", legacy" : ", distribution=" + distributionId)
        + ", chain=" + Integer.toUnsignedString(chainId)
        + ", iteration=" + Integer.toUnsignedString(iteration)
        + ", signingKey=" + signingKey + "]";
  }
}
