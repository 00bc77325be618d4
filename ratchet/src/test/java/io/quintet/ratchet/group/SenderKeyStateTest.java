package io.quintet.ratchet.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.Limits;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The receiving window of one chain: skipped keys, replays, old and far messages. */
class SenderKeyStateTest {
  private static final UUID ID = UUID.randomUUID();

  private final SenderKeyState sender = SenderKeyState.generate(false);

  private SenderKeyState receiver() {
    return SenderKeyState.received(sender.distributionMessage(ID));
  }

  /** Ciphertexts of the sender's next {@code n} messages, each the iteration's 4 bytes. */
  private byte[][] send(int n) throws Exception {
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      SenderMessageKey k = sender.nextSendingKey();
      out[i] = k.encrypt(be(k.iteration()));
    }
    return out;
  }

  private static byte[] be(int i) {
    return java.nio.ByteBuffer.allocate(4).putInt(i).array();
  }

  @Test
  void decryptsInOrderAndOutOfOrder() throws Exception {
    SenderKeyState r = receiver();
    byte[][] ct = send(10);
    for (int i : new int[] {0, 5, 1, 9, 2, 3, 8, 4, 7, 6}) {
      assertArrayEquals(be(i), r.messageKey(i).decrypt(ct[i]), "iteration " + i);
    }
    assertEquals(0, r.skipped().size());
    assertEquals(10, r.chainKey().iteration());
  }

  @Test
  void aReplayIsADuplicateAndChangesNothing() throws Exception {
    SenderKeyState r = receiver();
    send(3);
    r.messageKey(2);
    r.messageKey(0);
    assertThrows(DuplicateMessageException.class, () -> r.messageKey(0));
    assertThrows(DuplicateMessageException.class, () -> r.messageKey(2));
    assertEquals(1, r.skipped().size()); // iteration 1 is still waiting
  }

  @Test
  void messagesBeforeTheDistributionAreTooOldNotDuplicates() throws Exception {
    send(5); // the receiver joins at iteration 5
    SenderKeyState r = receiver();
    InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> r.messageKey(4));
    assertFalse(e instanceof DuplicateMessageException, e.getMessage());
  }

  @Test
  void keepsTheNewestSkippedKeysUpToTheLimit() throws Exception {
    SenderKeyState r = receiver();
    int last = Limits.MAX_MESSAGE_KEYS + 10;
    byte[][] ct = send(last + 1);
    assertArrayEquals(be(last), r.messageKey(last).decrypt(ct[last]));
    assertEquals(Limits.MAX_MESSAGE_KEYS, r.skipped().size());
    assertEquals(10, r.skipped().floor());
    // The oldest ones are gone, and that is not reported as a duplicate.
    InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> r.messageKey(9));
    assertFalse(e instanceof DuplicateMessageException);
    // The newest ones are kept.
    assertArrayEquals(be(10), r.messageKey(10).decrypt(ct[10]));
    assertArrayEquals(be(last - 1), r.messageKey(last - 1).decrypt(ct[last - 1]));
  }

  @Test
  void evictsOneKeyAtATimeWhenTheWindowIsFull() throws Exception {
    SenderKeyState r = receiver();
    byte[][] ct = send(Limits.MAX_MESSAGE_KEYS + 3);
    r.messageKey(Limits.MAX_MESSAGE_KEYS); // skips 0..1999: exactly full
    assertEquals(Limits.MAX_MESSAGE_KEYS, r.skipped().size());
    assertEquals(0, r.skipped().floor());
    r.messageKey(Limits.MAX_MESSAGE_KEYS + 2); // skips one more: evicts iteration 0
    assertEquals(1, r.skipped().floor());
    assertArrayEquals(be(1), r.messageKey(1).decrypt(ct[1]));
  }

  @Test
  void theWindowCountsKeysNotIterations() throws Exception {
    SenderKeyState r = receiver();
    byte[][] ct = send(2004);
    r.messageKey(3); // skips 0, 1, 2
    r.messageKey(1); // leaves 0 and 2
    r.messageKey(2001); // skips 4..2000: 1 997 more, 1 999 in all, nothing evicted
    assertEquals(1999, r.skipped().size());
    assertEquals(0, r.skipped().floor());
    r.messageKey(2004); // skips 2002 and 2003: one too many, the oldest (0) goes
    assertEquals(Limits.MAX_MESSAGE_KEYS, r.skipped().size());
    assertEquals(1, r.skipped().floor());
    assertArrayEquals(be(2), r.messageKey(2).decrypt(ct[2]));
    assertThrows(DuplicateMessageException.class, () -> r.messageKey(1));
  }

  @Test
  void aJumpBeyondTheWindowDropsEveryEarlierKey() throws Exception {
    SenderKeyState r = receiver();
    r.messageKey(3); // skips 0, 1, 2
    int target = 3 + Limits.MAX_MESSAGE_KEYS + 500;
    r.messageKey(target);
    assertEquals(Limits.MAX_MESSAGE_KEYS, r.skipped().size());
    assertEquals(target - Limits.MAX_MESSAGE_KEYS, r.skipped().floor());
    InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> r.messageKey(0));
    assertFalse(e instanceof DuplicateMessageException);
  }

  @Test
  void aForwardJumpOfExactlyTheLimitIsAllowed() throws Exception {
    SenderKeyState r = receiver();
    r.checkReachable(Limits.MAX_FORWARD_JUMPS);
    r.messageKey(Limits.MAX_FORWARD_JUMPS);
    assertEquals(Limits.MAX_FORWARD_JUMPS + 1, r.chainKey().iteration());
    assertEquals(Limits.MAX_MESSAGE_KEYS, r.skipped().size());
  }

  @Test
  void aLargerJumpIsRefusedWithoutTouchingTheState() throws Exception {
    SenderKeyState r = receiver();
    assertThrows(
        InvalidMessageException.class, () -> r.checkReachable(Limits.MAX_FORWARD_JUMPS + 1));
    assertThrows(InvalidMessageException.class, () -> r.messageKey(Limits.MAX_FORWARD_JUMPS + 1));
    assertThrows(InvalidMessageException.class, () -> r.messageKey(-1)); // 2^32 - 1
    assertEquals(0, r.chainKey().iteration());
    assertEquals(0, r.skipped().size());
  }

  @Test
  void theLastIterationCannotBeDecryptedBecauseTheChainWouldOverflow() throws Exception {
    SenderKeyState r =
        SenderKeyState.received(
            SenderKeyDistributionMessage.create(ID, 1, -1, new byte[32], sender.signingKey()));
    assertThrows(InvalidMessageException.class, () -> r.messageKey(-1));
  }

  @Test
  void aSendingChainIsNotAReceivingChain() {
    assertTrue(sender.canSend());
    assertFalse(receiver().canSend());
    assertEquals(sender.chainId(), receiver().chainId());
    assertTrue(sender.chainId() >= 0, "chain ids are 31-bit");
  }

  @Test
  void theDistributionMessageDescribesTheCurrentIteration() throws Exception {
    send(3);
    SenderKeyDistributionMessage m = sender.distributionMessage(ID);
    assertEquals(3, m.iteration());
    assertArrayEquals(sender.chainKey().keyBytes(), m.chainKey());
    assertEquals(sender.signingKey(), m.signingKey());
    assertTrue(SenderKeyState.generate(true).distributionMessage(ID).isLegacy());
  }
}
