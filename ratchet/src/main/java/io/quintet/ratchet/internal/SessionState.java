package io.quintet.ratchet.internal;

import io.quintet.core.Limits;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One Double Ratchet session with one peer device. Mutable, but only ever mutated on a copy
 * ({@link #copy()}) that replaces the stored state once the whole operation succeeded.
 */
public final class SessionState {
  private final int version;
  private final IdentityKey localIdentity;
  private final IdentityKey remoteIdentity;
  private RootKey rootKey;
  private int previousCounter;
  private Curve25519KeyPair senderRatchetKey;
  private ChainKey senderChainKey;
  private final List<ReceiverChain> receiverChains; // oldest first
  private PendingPreKey pendingPreKey;
  private int localRegistrationId;
  private int remoteRegistrationId;
  private final byte[] aliceBaseKey;
  private final byte[] spqrAuthKey;

  public SessionState(
      int version,
      IdentityKey localIdentity,
      IdentityKey remoteIdentity,
      RootKey rootKey,
      byte[] aliceBaseKey,
      byte[] spqrAuthKey) {
    this(version, localIdentity, remoteIdentity, rootKey, 0, null, null, new ArrayList<>(), null,
        0, 0, aliceBaseKey, spqrAuthKey);
  }

  SessionState(
      int version,
      IdentityKey localIdentity,
      IdentityKey remoteIdentity,
      RootKey rootKey,
      int previousCounter,
      Curve25519KeyPair senderRatchetKey,
      ChainKey senderChainKey,
      List<ReceiverChain> receiverChains,
      PendingPreKey pendingPreKey,
      int localRegistrationId,
      int remoteRegistrationId,
      byte[] aliceBaseKey,
      byte[] spqrAuthKey) {
    this.version = version;
    this.localIdentity = localIdentity;
    this.remoteIdentity = remoteIdentity;
    this.rootKey = rootKey;
    this.previousCounter = previousCounter;
    this.senderRatchetKey = senderRatchetKey;
    this.senderChainKey = senderChainKey;
    this.receiverChains = receiverChains;
    this.pendingPreKey = pendingPreKey;
    this.localRegistrationId = localRegistrationId;
    this.remoteRegistrationId = remoteRegistrationId;
    this.aliceBaseKey = aliceBaseKey;
    this.spqrAuthKey = spqrAuthKey;
  }

  /** A deep copy: the receiving chains (and their skipped keys) are copied too. */
  public SessionState copy() {
    List<ReceiverChain> chains = new ArrayList<>(receiverChains.size());
    for (ReceiverChain c : receiverChains) {
      chains.add(c.copy());
    }
    return new SessionState(version, localIdentity, remoteIdentity, rootKey, previousCounter,
        senderRatchetKey, senderChainKey, chains, pendingPreKey, localRegistrationId,
        remoteRegistrationId, aliceBaseKey, spqrAuthKey);
  }

  public int version() {
    return version;
  }

  public IdentityKey localIdentity() {
    return localIdentity;
  }

  public IdentityKey remoteIdentity() {
    return remoteIdentity;
  }

  /** A session between two devices that share one identity key (a device with itself). */
  public boolean isSelfSession() {
    return localIdentity.equals(remoteIdentity);
  }

  public RootKey rootKey() {
    return rootKey;
  }

  public void setRootKey(RootKey rootKey) {
    this.rootKey = rootKey;
  }

  public int previousCounter() {
    return previousCounter;
  }

  public void setPreviousCounter(int previousCounter) {
    this.previousCounter = previousCounter;
  }

  public Curve25519KeyPair senderRatchetKey() {
    return senderRatchetKey;
  }

  public ChainKey senderChainKey() {
    return senderChainKey;
  }

  public boolean hasSenderChain() {
    return senderRatchetKey != null && senderChainKey != null;
  }

  public void setSenderChain(Curve25519KeyPair ratchetKey, ChainKey chainKey) {
    this.senderRatchetKey = ratchetKey;
    this.senderChainKey = chainKey;
  }

  public void setSenderChainKey(ChainKey chainKey) {
    this.senderChainKey = chainKey;
  }

  public ReceiverChain receiverChain(Curve25519PublicKey theirRatchetKey) {
    for (ReceiverChain c : receiverChains) {
      if (c.ratchetKey().equals(theirRatchetKey)) {
        return c;
      }
    }
    return null;
  }

  /** Adds a receiving chain, forgetting the oldest beyond libsignal's limit of five. */
  public void addReceiverChain(ReceiverChain chain) {
    receiverChains.add(chain);
    while (receiverChains.size() > Limits.MAX_RECEIVER_CHAINS) {
      receiverChains.remove(0);
    }
  }

  List<ReceiverChain> receiverChains() {
    return receiverChains;
  }

  public PendingPreKey pendingPreKey() {
    return pendingPreKey;
  }

  public void setPendingPreKey(PendingPreKey pendingPreKey) {
    this.pendingPreKey = pendingPreKey;
  }

  public int localRegistrationId() {
    return localRegistrationId;
  }

  public int remoteRegistrationId() {
    return remoteRegistrationId;
  }

  public void setRegistrationIds(int local, int remote) {
    this.localRegistrationId = local;
    this.remoteRegistrationId = remote;
  }

  /** The initiator's base key (0x05 ‖ u): identifies the X3DH/PQXDH run that made this state. */
  public byte[] aliceBaseKey() {
    return aliceBaseKey.clone();
  }

  byte[] aliceBaseKeyUnsafe() {
    return aliceBaseKey;
  }

  byte[] spqrAuthKey() {
    return spqrAuthKey;
  }

  @Override
  public String toString() {
    return "SessionState[v" + version + ", remote=" + remoteIdentity + "]";
  }
}
