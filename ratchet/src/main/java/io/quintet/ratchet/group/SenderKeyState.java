package io.quintet.ratchet.group;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.Limits;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import java.util.UUID;

/**
 * One sender chain of one sender: chain id, the chain key at the next expected (or next
 * to send) iteration, the signing key (with its private half when we are the sender), the
 * skipped keys, and which wire layout the chain speaks. Mutable, but only ever a copy parsed
 * for one operation: the stored record changes only when that operation succeeds.
 */
final class SenderKeyState {
  /** libsignal's (and signal-protocol-java's) only sender-key message version. */
  static final int MESSAGE_VERSION = 3;

  private final int chainId;
  private final boolean legacy;
  private final Curve25519PublicKey signingKey;
  private final Curve25519PrivateKey signingPrivateKey; // null unless we are the sender
  private final SkippedMessageKeys skipped;
  private SenderChainKey chainKey;

  SenderKeyState(
      int chainId,
      boolean legacy,
      SenderChainKey chainKey,
      Curve25519PublicKey signingKey,
      Curve25519PrivateKey signingPrivateKey,
      SkippedMessageKeys skipped) {
    this.chainId = chainId;
    this.legacy = legacy;
    this.chainKey = chainKey;
    this.signingKey = signingKey;
    this.signingPrivateKey = signingPrivateKey;
    this.skipped = skipped;
  }

  /** A fresh chain of our own: random 31-bit chain id (as libsignal), random chain key. */
  static SenderKeyState generate(boolean legacy) {
    // signal-protocol-java treats chain ids as 31-bit; libsignal generates them that way too.
    int chainId = Rng.secureRandom().nextInt() >>> 1;
    Curve25519KeyPair signing = Curve25519KeyPair.generate();
    return new SenderKeyState(
        chainId, legacy, SenderChainKey.of(0, Rng.bytes(SenderChainKey.LENGTH)),
        signing.publicKey(), signing.privateKey(), new SkippedMessageKeys(0));
  }

  /** A peer's chain as its distribution message describes it. */
  static SenderKeyState received(SenderKeyDistributionMessage m) {
    SenderChainKey chainKey = SenderChainKey.of(m.iteration(), m.chainKey());
    return new SenderKeyState(
        m.chainId(), m.isLegacy(), chainKey, m.signingKey(), null,
        new SkippedMessageKeys(chainKey.iteration()));
  }

  int chainId() {
    return chainId;
  }

  boolean isLegacy() {
    return legacy;
  }

  /** True when this is our own chain, which we can send on. */
  boolean canSend() {
    return signingPrivateKey != null;
  }

  Curve25519PublicKey signingKey() {
    return signingKey;
  }

  Curve25519PrivateKey signingPrivateKey() {
    return signingPrivateKey;
  }

  SenderChainKey chainKey() {
    return chainKey;
  }

  SkippedMessageKeys skipped() {
    return skipped;
  }

  /** What a recipient needs to follow this chain from its current iteration. */
  SenderKeyDistributionMessage distributionMessage(UUID distributionId) {
    int iteration = (int) chainKey.iteration();
    return legacy
        ? SenderKeyDistributionMessage.createLegacy(
            chainId, iteration, chainKey.keyBytes(), signingKey)
        : SenderKeyDistributionMessage.create(
            distributionId, chainId, iteration, chainKey.keyBytes(), signingKey);
  }

  /** The key for our next message; the chain steps past it. */
  SenderMessageKey nextSendingKey() throws InvalidMessageException {
    SenderChainKey current = chainKey;
    SenderMessageKey key = current.messageKey();
    chainKey = current.next();
    return key;
  }

  /**
   * Refuses, before any cryptography, an iteration more than {@link Limits#MAX_FORWARD_JUMPS}
   * ahead of the chain.
   */
  void checkReachable(int iteration) throws InvalidMessageException {
    long target = Integer.toUnsignedLong(iteration);
    if (target > chainKey.iteration()
        && target - chainKey.iteration() > Limits.MAX_FORWARD_JUMPS) {
      throw new InvalidMessageException(
          "iteration " + target + " is more than " + Limits.MAX_FORWARD_JUMPS
              + " ahead of the chain (at " + chainKey.iteration() + ")");
    }
  }

  /**
   * The key for the message at {@code iteration}: a stored skipped key, or the chain stepped
   * forward to it (storing the keys it passes, at most {@link Limits#MAX_MESSAGE_KEYS}).
   *
   * @throws DuplicateMessageException if that iteration was already decrypted
   * @throws InvalidMessageException if it is too far ahead, or older than anything known
   */
  SenderMessageKey messageKey(int iteration) throws InvalidMessageException {
    long target = Integer.toUnsignedLong(iteration);
    if (target < chainKey.iteration()) {
      SenderMessageKey stored = skipped.take(target);
      if (stored != null) {
        return stored;
      }
      if (target >= skipped.floor()) {
        throw new DuplicateMessageException("iteration " + target + " was already decrypted");
      }
      throw new InvalidMessageException(
          "iteration " + target + " is older than the kept window (from " + skipped.floor() + ")");
    }
    checkReachable(iteration);
    // A jump past more keys than the window holds keeps only the newest: the older ones,
    // and every key stored before, would be evicted at once, so they are never derived.
    long keepFrom = target - Limits.MAX_MESSAGE_KEYS;
    if (keepFrom > chainKey.iteration()) {
      skipped.raiseFloor(keepFrom);
    }
    SenderChainKey ck = chainKey;
    while (ck.iteration() < target) {
      if (ck.iteration() >= keepFrom) {
        skipped.add(ck.iteration(), ck.messageSeed());
      }
      SenderChainKey following = ck.next();
      if (ck != chainKey) {
        ck.wipe(); // an intermediate key only this loop ever held
      }
      ck = following;
    }
    SenderMessageKey key = ck.messageKey();
    SenderChainKey next = ck.next();
    if (ck != chainKey) {
      ck.wipe();
    }
    chainKey = next;
    return key;
  }

  @Override
  public String toString() {
    return "SenderKeyState[chain=" + Integer.toUnsignedString(chainId)
        + ", iteration=" + chainKey.iteration() + (legacy ? ", legacy" : "")
        + (canSend() ? ", sending" : ", " + skipped.size() + " skipped keys") + "]";
  }
}
