package io.quintet.ratchet.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.ratchet.internal.proto.SessionRecordProtos.ChainKeyRecord;
import io.quintet.ratchet.internal.proto.SessionRecordProtos.PendingPreKeyRecord;
import io.quintet.ratchet.internal.proto.SessionRecordProtos.ReceiverChainRecord;
import io.quintet.ratchet.internal.proto.SessionRecordProtos.SenderChainRecord;
import io.quintet.ratchet.internal.proto.SessionRecordProtos.SessionStateRecord;
import io.quintet.ratchet.internal.proto.SessionRecordProtos.SkippedKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts session states to and from their protobuf records, validating every field. */
final class SessionCodec {
  private SessionCodec() {}

  static SessionStateRecord encode(SessionState s) {
    SessionStateRecord.Builder b =
        SessionStateRecord.newBuilder()
            .setVersion(s.version())
            .setLocalIdentity(bytes(s.localIdentity().serialize()))
            .setRemoteIdentity(bytes(s.remoteIdentity().serialize()))
            .setRootKey(bytes(s.rootKey().bytes()))
            .setPreviousCounter(s.previousCounter())
            .setLocalRegistrationId(s.localRegistrationId())
            .setRemoteRegistrationId(s.remoteRegistrationId())
            .setAliceBaseKey(bytes(s.aliceBaseKeyUnsafe()));
    if (s.spqrAuthKey() != null) {
      b.setSpqrAuthKey(bytes(s.spqrAuthKey()));
    }
    if (s.hasSenderChain()) {
      b.setSenderChain(
          SenderChainRecord.newBuilder()
              .setRatchetPublic(bytes(s.senderRatchetKey().publicKey().serialize()))
              .setRatchetPrivate(bytes(s.senderRatchetKey().privateKey().serialize()))
              .setChainKey(chainKey(s.senderChainKey())));
    }
    for (ReceiverChain c : s.receiverChains()) {
      ReceiverChainRecord.Builder rc =
          ReceiverChainRecord.newBuilder()
              .setRatchetKey(bytes(c.ratchetKey().serialize()))
              .setChainKey(chainKey(c.chainKey()))
              .setEvictedBelow(c.evictedBelow());
      for (Map.Entry<Integer, byte[]> e : c.skipped().entrySet()) {
        rc.addSkipped(SkippedKey.newBuilder().setIndex(e.getKey()).setSeed(bytes(e.getValue())));
      }
      b.addReceiverChains(rc);
    }
    PendingPreKey p = s.pendingPreKey();
    if (p != null) {
      PendingPreKeyRecord.Builder pb =
          PendingPreKeyRecord.newBuilder()
              .setSignedPreKeyId(p.signedPreKeyId)
              .setBaseKey(bytes(p.baseKey.serialize()))
              .setTimestamp(p.timestamp);
      if (p.preKeyId != null) {
        pb.setHasPreKeyId(true).setPreKeyId(p.preKeyId);
      }
      if (p.kemPreKeyId != null) {
        pb.setHasKemPreKeyId(true)
            .setKemPreKeyId(p.kemPreKeyId)
            .setKemCiphertext(bytes(p.kemCiphertext));
      }
      b.setPendingPreKey(pb);
    }
    return b.build();
  }

  static SessionState decode(byte[] serialized) throws InvalidProtocolBufferException {
    return decode(SessionStateRecord.parseFrom(serialized));
  }

  static SessionState decode(SessionStateRecord r) throws InvalidProtocolBufferException {
    try {
      Curve25519KeyPair senderKey = null;
      ChainKey senderChainKey = null;
      if (r.hasSenderChain()) {
        SenderChainRecord sc = r.getSenderChain();
        senderKey =
            Curve25519KeyPair.fromTrustedRecord(
                Curve25519PublicKey.parse(sc.getRatchetPublic().toByteArray()),
                Curve25519PrivateKey.parse(sc.getRatchetPrivate().toByteArray()));
        senderChainKey = chainKey(sc.getChainKey());
      }
      List<ReceiverChain> chains = new ArrayList<>(r.getReceiverChainsCount());
      for (ReceiverChainRecord rc : r.getReceiverChainsList()) {
        LinkedHashMap<Integer, byte[]> skipped = new LinkedHashMap<>();
        for (SkippedKey k : rc.getSkippedList()) {
          skipped.put(k.getIndex(), length(k.getSeed(), 32));
        }
        chains.add(
            new ReceiverChain(
                Curve25519PublicKey.parse(rc.getRatchetKey().toByteArray()),
                chainKey(rc.getChainKey()),
                skipped,
                rc.getEvictedBelow()));
      }
      PendingPreKey pending = null;
      if (r.hasPendingPreKey()) {
        PendingPreKeyRecord p = r.getPendingPreKey();
        pending =
            new PendingPreKey(
                p.getHasPreKeyId() ? p.getPreKeyId() : null,
                p.getSignedPreKeyId(),
                Curve25519PublicKey.parse(p.getBaseKey().toByteArray()),
                p.getTimestamp(),
                p.getHasKemPreKeyId() ? p.getKemPreKeyId() : null,
                p.getKemCiphertext().toByteArray());
      }
      return new SessionState(
          r.getVersion(),
          IdentityKey.parse(r.getLocalIdentity().toByteArray()),
          IdentityKey.parse(r.getRemoteIdentity().toByteArray()),
          new RootKey(length(r.getRootKey(), 32)),
          r.getPreviousCounter(),
          senderKey,
          senderChainKey,
          chains,
          pending,
          r.getLocalRegistrationId(),
          r.getRemoteRegistrationId(),
          r.getAliceBaseKey().toByteArray(),
          r.getSpqrAuthKey().isEmpty() ? null : length(r.getSpqrAuthKey(), 32));
    } catch (InvalidKeyException | IllegalArgumentException e) {
      throw new InvalidProtocolBufferException("session state record is invalid");
    }
  }

  private static ChainKeyRecord.Builder chainKey(ChainKey k) {
    return ChainKeyRecord.newBuilder().setIndex(k.index()).setKey(bytes(k.bytes()));
  }

  private static ChainKey chainKey(ChainKeyRecord r) throws InvalidProtocolBufferException {
    return new ChainKey(length(r.getKey(), 32), r.getIndex());
  }

  private static byte[] length(ByteString b, int n) throws InvalidProtocolBufferException {
    if (b.size() != n) {
      throw new InvalidProtocolBufferException("session record field has the wrong length");
    }
    return b.toByteArray();
  }

  private static ByteString bytes(byte[] b) {
    return ByteString.copyFrom(b);
  }
}
