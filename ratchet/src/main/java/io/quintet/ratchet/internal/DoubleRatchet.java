package io.quintet.ratchet.internal;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidVersionException;
import io.quintet.core.Limits;
import io.quintet.core.internal.crypto.AesCbc;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.wire.SignalMessage;

/**
 * The Double Ratchet's two operations on one {@link SessionState}. Both mutate the state they
 * are given, so callers pass a copy and keep it only when the operation succeeded.
 */
public final class DoubleRatchet {
  private DoubleRatchet() {}

  /** Encrypts with the sending chain and advances it. */
  public static SignalMessage encrypt(SessionState state, byte[] plaintext) {
    ChainKey chainKey = state.senderChainKey();
    MessageKeys keys = chainKey.messageKeys();
    try {
      byte[] ciphertext = AesCbc.encrypt(keys.cipherKey(), keys.iv(), plaintext);
      SignalMessage message =
          SignalMessage.create(
              state.version(), state.senderRatchetKey().publicKey(), chainKey.index(),
              state.previousCounter(), ciphertext, keys.macKey(), state.localIdentity(),
              state.remoteIdentity());
      state.setSenderChainKey(chainKey.next());
      return message;
    } finally {
      keys.wipe();
    }
  }

  /**
   * Decrypts {@code message}: finds or creates its receiving chain (a DH ratchet step), takes
   * a skipped key or steps the chain forward, then checks the MAC before decrypting.
   *
   * @param maxForwardJumps the largest counter jump accepted in one chain
   */
  public static byte[] decrypt(
      SessionState state, SignalMessage message, int maxForwardJumps, RatchetKeySource keySource)
      throws InvalidMessageException {
    if (message.version() != state.version()) {
      throw new InvalidVersionException(
          "message version " + message.version() + " does not match session version "
              + state.version());
    }
    int counter = message.counter();
    Curve25519PublicKey theirRatchetKey = message.ratchetKey();
    ReceiverChain chain = state.receiverChain(theirRatchetKey);
    // Refuse an excessive jump before any work is spent on it.
    long from = chain == null ? 0 : Integer.toUnsignedLong(chain.chainKey().index());
    long to = Integer.toUnsignedLong(counter);
    if (to - from > maxForwardJumps) {
      throw new InvalidMessageException(
          "message counter " + to + " is more than " + maxForwardJumps + " ahead of the chain");
    }
    if (chain == null) {
      chain = ratchetStep(state, theirRatchetKey, keySource);
    }
    MessageKeys keys = messageKeys(chain, counter);
    try {
      if (!message.verifyMac(state.remoteIdentity(), state.localIdentity(), keys.macKey())) {
        throw new InvalidMessageException("message MAC does not verify");
      }
      byte[] ct = message.ciphertext();
      byte[] plaintext = AesCbc.decrypt(keys.cipherKey(), keys.iv(), ct, 0, ct.length);
      state.setPendingPreKey(null); // the peer has answered: stop sending PreKey messages
      return plaintext;
    } finally {
      keys.wipe();
    }
  }

  /** A DH ratchet turn: new receiving chain for their key, new sending chain with a new key. */
  private static ReceiverChain ratchetStep(
      SessionState state, Curve25519PublicKey theirRatchetKey, RatchetKeySource keySource)
      throws InvalidMessageException {
    if (!state.hasSenderChain()) {
      throw new InvalidMessageException("session has no sending chain to ratchet from");
    }
    try {
      RootKey.Step receiving =
          state.rootKey().createChain(theirRatchetKey, state.senderRatchetKey().privateKey());
      Curve25519KeyPair ourNewKey = keySource.next();
      RootKey.Step sending = receiving.rootKey.createChain(theirRatchetKey, ourNewKey.privateKey());
      state.setRootKey(sending.rootKey);
      ReceiverChain chain = new ReceiverChain(theirRatchetKey, receiving.chainKey);
      state.addReceiverChain(chain);
      int sent = state.senderChainKey().index();
      state.setPreviousCounter(sent == 0 ? 0 : sent - 1);
      state.setSenderChain(ourNewKey, sending.chainKey);
      return chain;
    } catch (InvalidKeyException e) {
      throw new InvalidMessageException("message ratchet key is unusable: " + e.getMessage());
    }
  }

  private static MessageKeys messageKeys(ReceiverChain chain, int counter)
      throws InvalidMessageException {
    ChainKey chainKey = chain.chainKey();
    if (Integer.compareUnsigned(counter, chainKey.index()) < 0) {
      byte[] seed = chain.takeSkipped(counter);
      if (seed != null) {
        return MessageKeys.fromSeed(seed, counter);
      }
      if (Integer.compareUnsigned(counter, chain.evictedBelow()) >= 0) {
        throw new DuplicateMessageException(
            "message " + Integer.toUnsignedString(counter) + " was already received");
      }
      throw new InvalidMessageException(
          "message " + Integer.toUnsignedString(counter)
              + " is older than the stored skipped keys of its chain");
    }
    while (Integer.compareUnsigned(chainKey.index(), counter) < 0) {
      chain.addSkipped(chainKey.index(), chainKey.messageKeySeed(), Limits.MAX_MESSAGE_KEYS);
      chainKey = chainKey.next();
    }
    chain.setChainKey(chainKey.next());
    return chainKey.messageKeys();
  }
}
