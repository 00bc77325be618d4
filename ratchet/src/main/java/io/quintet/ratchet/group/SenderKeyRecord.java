package io.quintet.ratchet.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.Limits;
import io.quintet.core.NoSessionException;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.ratchet.internal.proto.SenderKeyRecordProtos.SenderKeyRecordStructure;
import io.quintet.ratchet.internal.proto.SenderKeyRecordProtos.SenderKeyStateStructure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything known about one sender's key for one distribution id: at most {@link
 * Limits#MAX_SENDER_KEY_STATES} chains, newest first (a sender that re-keys keeps its old
 * chains readable for late messages). Serialized with {@code sender_key_record.proto};
 * parsing is strict and refuses anything this class would not have written.
 */
final class SenderKeyRecord {
  /** Layout version written into every record. */
  static final int FORMAT = 1;

  private final List<SenderKeyState> states; // newest first

  private SenderKeyRecord(List<SenderKeyState> states) {
    this.states = states;
  }

  static SenderKeyRecord empty() {
    return new SenderKeyRecord(new ArrayList<>());
  }

  /**
   * Parses a stored record.
   *
   * @throws NoSessionException if the bytes are not a record this library wrote: the sender
   *     key is unusable and must be distributed again
   */
  static SenderKeyRecord parse(byte[] serialized) throws NoSessionException {
    SenderKeyRecordStructure r;
    try {
      r = SenderKeyRecordStructure.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw corrupt("not a valid protobuf");
    }
    if (!r.getUnknownFields().asMap().isEmpty()) {
      throw corrupt("has fields this version never writes");
    }
    if (r.getFormat() != FORMAT) {
      throw corrupt("unknown format " + r.getFormat());
    }
    if (r.getStatesCount() == 0 || r.getStatesCount() > Limits.MAX_SENDER_KEY_STATES) {
      throw corrupt("holds " + r.getStatesCount() + " states");
    }
    List<SenderKeyState> states = new ArrayList<>(r.getStatesCount());
    Set<Integer> chainIds = new HashSet<>();
    for (SenderKeyStateStructure s : r.getStatesList()) {
      if (!chainIds.add(s.getChainId())) {
        throw corrupt("repeats chain id " + Integer.toUnsignedString(s.getChainId()));
      }
      states.add(parseState(s));
    }
    return new SenderKeyRecord(states);
  }

  private static SenderKeyState parseState(SenderKeyStateStructure s) throws NoSessionException {
    if (!s.getUnknownFields().asMap().isEmpty()) {
      throw corrupt("has state fields this version never writes");
    }
    if (s.getMessageVersion() != SenderKeyState.MESSAGE_VERSION) {
      throw corrupt("has message version " + s.getMessageVersion());
    }
    if (s.getChainKey().size() != SenderChainKey.LENGTH) {
      throw corrupt("has a chain key of " + s.getChainKey().size() + " bytes");
    }
    Curve25519PublicKey signingKey;
    Curve25519PrivateKey signingPrivate = null;
    try {
      signingKey = Curve25519PublicKey.parse(s.getSigningPublic().toByteArray());
      if (!s.getSigningPrivate().isEmpty()) {
        signingPrivate = Curve25519PrivateKey.parse(s.getSigningPrivate().toByteArray());
      }
    } catch (InvalidKeyException e) {
      throw corrupt("has an invalid signing key");
    }
    SenderChainKey chainKey = SenderChainKey.of(s.getIteration(), s.getChainKey().toByteArray());
    long floor = Integer.toUnsignedLong(s.getWindowFloor());
    if (floor > chainKey.iteration()) {
      throw corrupt("has a window floor above its chain");
    }
    if (s.getMessageKeysCount() > Limits.MAX_MESSAGE_KEYS
        || (signingPrivate != null && s.getMessageKeysCount() > 0)) {
      throw corrupt("holds " + s.getMessageKeysCount() + " skipped keys");
    }
    SkippedMessageKeys skipped = new SkippedMessageKeys(floor);
    long previous = -1;
    for (SenderKeyStateStructure.MessageKey k : s.getMessageKeysList()) {
      long i = Integer.toUnsignedLong(k.getIteration());
      if (i <= previous || i < floor || i >= chainKey.iteration()
          || k.getSeed().size() != SenderChainKey.LENGTH
          || !k.getUnknownFields().asMap().isEmpty()) {
        throw corrupt("has a misplaced or malformed skipped key");
      }
      skipped.add(i, k.getSeed().toByteArray());
      previous = i;
    }
    return new SenderKeyState(
        s.getChainId(), s.getLegacy(), chainKey, signingKey, signingPrivate, skipped);
  }

  private static NoSessionException corrupt(String what) {
    return new NoSessionException("stored sender-key record " + what);
  }

  /** The newest state: the one a sender encrypts with. */
  Optional<SenderKeyState> newest() {
    return states.isEmpty() ? Optional.empty() : Optional.of(states.get(0));
  }

  /** The state a message's chain id names. */
  Optional<SenderKeyState> forChainId(int chainId) {
    for (SenderKeyState s : states) {
      if (s.chainId() == chainId) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * Makes {@code state} the newest, with libsignal's rules: a known chain (same chain id and
   * signing key) keeps its existing progress, so a re-sent distribution message cannot rewind
   * it and make old messages decryptable again; another chain with the same id is replaced;
   * the oldest state beyond the limit is dropped.
   */
  void add(SenderKeyState state) {
    SenderKeyState kept = state;
    for (SenderKeyState s : states) {
      if (s.chainId() == state.chainId() && s.signingKey().equals(state.signingKey())) {
        kept = s;
      }
    }
    states.removeIf(s -> s.chainId() == state.chainId());
    while (states.size() >= Limits.MAX_SENDER_KEY_STATES) {
      states.remove(states.size() - 1);
    }
    states.add(0, kept);
  }

  int size() {
    return states.size();
  }

  /** The storage bytes. Secret: they hold chain keys and our signing key. */
  byte[] serialize() {
    SenderKeyRecordStructure.Builder r = SenderKeyRecordStructure.newBuilder().setFormat(FORMAT);
    for (SenderKeyState s : states) {
      SenderKeyStateStructure.Builder b =
          SenderKeyStateStructure.newBuilder()
              .setMessageVersion(SenderKeyState.MESSAGE_VERSION)
              .setChainId(s.chainId())
              .setLegacy(s.isLegacy())
              .setIteration((int) s.chainKey().iteration())
              .setChainKey(ByteString.copyFrom(s.chainKey().keyBytes()))
              .setSigningPublic(ByteString.copyFrom(s.signingKey().serialize()))
              .setWindowFloor((int) s.skipped().floor());
      if (s.signingPrivateKey() != null) {
        b.setSigningPrivate(ByteString.copyFrom(s.signingPrivateKey().serialize()));
      }
      s.skipped()
          .forEach(
              (iteration, seed) ->
                  b.addMessageKeys(
                      SenderKeyStateStructure.MessageKey.newBuilder()
                          .setIteration((int) (long) iteration)
                          .setSeed(ByteString.copyFrom(seed))));
      r.addStates(b);
    }
    return r.build().toByteArray();
  }

  @Override
  public String toString() {
    return "SenderKeyRecord" + states;
  }
}

