package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quintet.core.Limits;
import io.quintet.core.NoSessionException;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.ratchet.internal.proto.SenderKeyRecordProtos.SenderKeyRecordStructure;
import io.quintet.ratchet.internal.proto.SenderKeyRecordProtos.SenderKeyStateStructure;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SenderKeyRecordTest {
  private static final UUID ID = UUID.randomUUID();

  private static SenderKeyState received(int chainId, SenderKeyState from) {
    SenderKeyDistributionMessage m = from.distributionMessage(ID);
    return SenderKeyState.received(
        SenderKeyDistributionMessage.create(ID, chainId, m.iteration(), m.chainKey(), m.signingKey()));
  }

  private static List<Integer> chainIds(SenderKeyRecord r) throws Exception {
    SenderKeyRecord copy = SenderKeyRecord.parse(r.serialize());
    List<Integer> ids = new ArrayList<>();
    SenderKeyRecordStructure p = SenderKeyRecordStructure.parseFrom(copy.serialize());
    p.getStatesList().forEach(s -> ids.add(s.getChainId()));
    return ids;
  }

  @Test
  void keepsAtMostFiveStatesNewestFirst() throws Exception {
    SenderKeyRecord r = SenderKeyRecord.empty();
    for (int i = 1; i <= 7; i++) {
      r.add(received(i, SenderKeyState.generate(false)));
    }
    assertEquals(Limits.MAX_SENDER_KEY_STATES, r.size());
    assertEquals(List.of(7, 6, 5, 4, 3), chainIds(r));
    assertEquals(7, r.newest().orElseThrow().chainId());
    assertTrue(r.forChainId(3).isPresent());
    assertFalse(r.forChainId(2).isPresent());
  }

  @Test
  void reAddingAKnownChainKeepsItsProgressAndMakesItNewest() throws Exception {
    SenderKeyState sender = SenderKeyState.generate(false);
    SenderKeyRecord r = SenderKeyRecord.empty();
    SenderKeyDistributionMessage first = sender.distributionMessage(ID);
    r.add(SenderKeyState.received(first));
    r.add(received(99, SenderKeyState.generate(false)));
    r.forChainId(sender.chainId()).orElseThrow().messageKey(3); // progress to iteration 4
    r.add(SenderKeyState.received(first)); // the same distribution again
    assertEquals(List.of(sender.chainId(), 99), chainIds(r));
    assertEquals(4, r.newest().orElseThrow().chainKey().iteration());
  }

  @Test
  void aNewKeyUnderAKnownChainIdReplacesTheOldState() throws Exception {
    SenderKeyRecord r = SenderKeyRecord.empty();
    r.add(received(5, SenderKeyState.generate(false)));
    SenderKeyState other = received(5, SenderKeyState.generate(false));
    r.add(other);
    assertEquals(1, r.size());
    assertEquals(other.signingKey(), r.forChainId(5).orElseThrow().signingKey());
  }

  @Test
  void roundTripsThroughItsBytes() throws Exception {
    SenderKeyState own = SenderKeyState.generate(true);
    own.nextSendingKey();
    SenderKeyState theirs = received(-5, SenderKeyState.generate(false));
    theirs.messageKey(7);
    theirs.messageKey(3);
    SenderKeyRecord r = SenderKeyRecord.empty();
    r.add(theirs);
    r.add(own);
    byte[] bytes = r.serialize();
    SenderKeyRecord p = SenderKeyRecord.parse(bytes);
    assertArrayEquals(bytes, p.serialize());
    SenderKeyState o = p.newest().orElseThrow();
    assertTrue(o.canSend() && o.isLegacy());
    assertEquals(1, o.chainKey().iteration());
    SenderKeyState t = p.forChainId(-5).orElseThrow();
    assertFalse(t.canSend());
    assertEquals(6, t.skipped().size()); // 0..6 minus 3
    assertEquals(8, t.chainKey().iteration());
  }

  private static byte[] valid() {
    SenderKeyState theirs = received(1, SenderKeyState.generate(false));
    try {
      theirs.messageKey(4); // skipped keys 0..3
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    SenderKeyRecord r = SenderKeyRecord.empty();
    r.add(theirs);
    r.add(SenderKeyState.generate(false));
    return r.serialize();
  }

  private static byte[] edit(UnaryOperator<SenderKeyRecordStructure.Builder> change) {
    try {
      return change.apply(SenderKeyRecordStructure.parseFrom(valid()).toBuilder()).build().toByteArray();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Edits the received state (index 1) of a valid record. */
  private static byte[] editState(UnaryOperator<SenderKeyStateStructure.Builder> change) {
    return edit(r -> r.setStates(1, change.apply(r.getStates(1).toBuilder())));
  }

  @Test
  void parsingIsStrict() throws Exception {
    SenderKeyRecord.parse(valid()); // the baseline parses
    SenderKeyStateStructure.MessageKey k0 =
        SenderKeyRecordStructure.parseFrom(valid()).getStates(1).getMessageKeys(0);
    byte[][] corrupt = {
      {1, 2, 3},
      new byte[0],
      edit(r -> r.setFormat(2)),
      edit(r -> r.clearStates()),
      edit(r -> { for (int i = 0; i < 4; i++) { r.addStates(r.getStates(0).toBuilder().setChainId(100 + i)); } return r; }),
      edit(r -> r.addStates(r.getStates(1))), // repeated chain id
      edit(r -> r.setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
          .addField(9, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())),
      editState(s -> s.setMessageVersion(4)),
      editState(s -> s.setChainKey(ByteString.copyFrom(new byte[31]))),
      editState(s -> s.setSigningPublic(ByteString.copyFrom(new byte[33]))),
      editState(s -> s.setSigningPrivate(ByteString.copyFrom(new byte[31]))),
      editState(s -> s.setWindowFloor(6)), // above the chain (iteration 5)
      editState(s -> s.setWindowFloor(1)), // key 0 below the floor
      editState(s -> s.addMessageKeys(k0)), // out of order
      editState(s -> s.setMessageKeys(0, k0.toBuilder().setIteration(5))), // at the chain
      editState(s -> s.setMessageKeys(1, k0)), // repeated iteration
      editState(s -> s.setMessageKeys(0, k0.toBuilder().setSeed(ByteString.copyFrom(new byte[16])))),
      editState(s -> s.setSigningPrivate(ByteString.copyFrom(new byte[32]))), // sender with keys
      editState(s -> {
        s.clearMessageKeys().setIteration(Limits.MAX_MESSAGE_KEYS + 1);
        for (int i = 0; i <= Limits.MAX_MESSAGE_KEYS; i++) {
          s.addMessageKeys(k0.toBuilder().setIteration(i));
        }
        return s;
      }),
    };
    for (int i = 0; i < corrupt.length; i++) {
      byte[] bytes = corrupt[i];
      assertThrows(NoSessionException.class, () -> SenderKeyRecord.parse(bytes), "case " + i);
    }
  }

  @Test
  void toStringShowsNoKeyMaterial() throws Exception {
    SenderKeyState own = SenderKeyState.generate(false);
    SenderKeyRecord r = SenderKeyRecord.empty();
    r.add(own);
    String s = r.toString();
    HexFormat hex = HexFormat.of();
    assertFalse(s.contains(hex.formatHex(own.chainKey().keyBytes()).substring(0, 8)), s);
    assertFalse(s.contains(hex.formatHex(own.signingPrivateKey().serialize()).substring(0, 8)), s);
    assertTrue(s.contains("sending"), s);
  }
}
