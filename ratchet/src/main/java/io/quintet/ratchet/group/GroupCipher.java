package io.quintet.ratchet.group;

import io.quintet.core.DeviceAddress;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.Limits;
import io.quintet.core.NoSessionException;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.wire.SenderKeyMessage;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Encrypts this device's group messages with its sender key and decrypts other members'
 * with theirs, wire-compatible with libsignal's {@code GroupCipher}. One encryption is one
 * {@link SenderKeyMessage} for every member; the keys travel beforehand in distribution
 * messages (see {@link GroupSessionBuilder}).
 *
 * <pre>{@code
 * GroupCipher cipher = new GroupCipher(store, aliceLaptop);
 * byte[] wire = cipher.encrypt(groupDistributionId, paddedPlaintext); // same bytes to everyone
 *
 * try {
 *   byte[] plain = bobsCipher.decrypt(aliceLaptop, wire);
 * } catch (DuplicateMessageException dup) {
 *   // already delivered: ignore
 * } catch (NoSessionException missing) {
 *   // ask the sender for its distribution message
 * }
 * }</pre>
 *
 * <p>Receiving keeps up to {@value io.quintet.core.Limits#MAX_MESSAGE_KEYS} skipped keys per
 * chain and refuses a jump of more than {@value io.quintet.core.Limits#MAX_FORWARD_JUMPS}
 * iterations. A failed decrypt changes nothing in the store. Operations on one (sender,
 * distribution id) are serialized across all instances; others run in parallel. Do not call
 * them from inside your own {@link ProtocolStore#atomically} block: they take their lock
 * before the store's transaction.
 *
 * <p>The legacy methods speak signal-protocol-java 2.8.1's layout, which has no distribution
 * id: the app names such a group by a UUID of its choice (for example {@code
 * UUID.nameUUIDFromBytes(groupId)}). The two layouts never mix: a legacy chain only accepts
 * legacy messages and vice versa.
 */
public final class GroupCipher {
  /**
   * The largest plaintext {@link #encrypt} accepts: its message (at most 128 bytes of
   * framing, padding and signature more) must fit {@link Limits#MAX_MESSAGE_BYTES}, or no
   * receiver would parse it.
   */
  public static final int MAX_PLAINTEXT_BYTES = Limits.MAX_MESSAGE_BYTES - 128;

  private final SenderKeyStorage storage;
  private final DeviceAddress self;

  /** A cipher for the device {@code self}, whose sender keys live in {@code store}. */
  public GroupCipher(ProtocolStore store, DeviceAddress self) {
    this.storage = new SenderKeyStorage(store);
    this.self = Objects.requireNonNull(self, "self");
  }

  /**
   * Encrypts {@code plaintext} with our newest sender key for {@code distributionId} and
   * returns the serialized {@link SenderKeyMessage}, after the stepped chain is stored. The
   * message has the layout of that key (legacy if made by {@link
   * GroupSessionBuilder#createLegacy}).
   *
   * @throws NoSessionException if {@link GroupSessionBuilder#create} was not called first,
   *     or the chain is exhausted
   * @throws IllegalArgumentException if the plaintext exceeds {@link #MAX_PLAINTEXT_BYTES}
   */
  public byte[] encrypt(UUID distributionId, byte[] plaintext) throws NoSessionException {
    Objects.requireNonNull(distributionId, "distributionId");
    if (plaintext.length > MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException(
          "group plaintext is larger than " + MAX_PLAINTEXT_BYTES + " bytes");
    }
    return storage.retrying(() -> encryptOnce(distributionId, plaintext));
  }

  private byte[] encryptOnce(UUID distributionId, byte[] plaintext)
      throws NoSessionException, SenderKeyStorage.Conflict {
    ReentrantLock lock = SenderKeyLocks.lockFor(self, distributionId);
    lock.lock();
    try {
      SenderKeyRecord record =
          storage.load(self, distributionId).orElseThrow(() -> noSenderKey(self, distributionId));
      SenderKeyState state =
          record.newest().filter(SenderKeyState::canSend)
              .orElseThrow(() -> noSenderKey(self, distributionId));
      SenderMessageKey key;
      try {
        key = state.nextSendingKey();
      } catch (InvalidMessageException exhausted) {
        throw new NoSessionException("sender chain is exhausted; create a new distribution");
      }
      byte[] ciphertext = key.encrypt(plaintext);
      SenderKeyMessage message =
          state.isLegacy()
              ? SenderKeyMessage.createLegacy(
                  state.chainId(), key.iteration(), ciphertext, state.signingPrivateKey())
              : SenderKeyMessage.create(
                  distributionId, state.chainId(), key.iteration(), ciphertext,
                  state.signingPrivateKey());
      storage.save(self, distributionId, record);
      return message.serialize();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Decrypts a group message from {@code sender} in libsignal's layout; the distribution id
   * it carries selects the sender key.
   *
   * @throws DuplicateMessageException if this message was already decrypted (ignore it)
   * @throws io.quintet.core.InvalidVersionException if its version is not 3
   * @throws InvalidMessageException if it is malformed, forged, legacy, too far ahead, or
   *     older than the kept window
   * @throws NoSessionException if no distribution message from {@code sender} for its
   *     distribution id and chain was processed
   */
  public byte[] decrypt(DeviceAddress sender, byte[] message)
      throws InvalidMessageException, NoSessionException {
    SenderKeyMessage m = SenderKeyMessage.parse(message);
    if (m.isLegacy()) {
      throw new InvalidMessageException(
          "legacy SenderKey message has no distribution id; use decryptLegacy");
    }
    return decrypt(sender, m.distributionId().orElseThrow(), m);
  }

  /**
   * Decrypts a group message in signal-protocol-java 2.8.1's layout, for the group the app
   * names {@code groupId} (the UUID it gave {@link GroupSessionBuilder#processLegacy}).
   *
   * @throws InvalidMessageException as {@link #decrypt(DeviceAddress, byte[])}, and for a
   *     message in libsignal's layout
   * @throws NoSessionException as {@link #decrypt(DeviceAddress, byte[])}
   */
  public byte[] decryptLegacy(DeviceAddress sender, UUID groupId, byte[] message)
      throws InvalidMessageException, NoSessionException {
    Objects.requireNonNull(groupId, "groupId");
    SenderKeyMessage m = SenderKeyMessage.parse(message);
    if (!m.isLegacy()) {
      throw new InvalidMessageException("SenderKey message is not in the legacy layout");
    }
    return decrypt(sender, groupId, m);
  }

  private byte[] decrypt(DeviceAddress sender, UUID distributionId, SenderKeyMessage m)
      throws InvalidMessageException, NoSessionException {
    Objects.requireNonNull(sender, "sender");
    try {
      return storage.retrying(() -> decryptOnce(sender, distributionId, m));
    } catch (NoSessionException | InvalidMessageException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] decryptOnce(DeviceAddress sender, UUID distributionId, SenderKeyMessage m)
      throws InvalidMessageException, NoSessionException, SenderKeyStorage.Conflict {
    ReentrantLock lock = SenderKeyLocks.lockFor(sender, distributionId);
    lock.lock();
    try {
      SenderKeyRecord record =
          storage.load(sender, distributionId)
              .orElseThrow(() -> noSenderKey(sender, distributionId));
      SenderKeyState state =
          record.forChainId(m.chainId())
              .orElseThrow(
                  () ->
                      new NoSessionException(
                          "no sender key from " + sender + " with chain id "
                              + Integer.toUnsignedString(m.chainId())));
      if (state.isLegacy() != m.isLegacy()) {
        throw new InvalidMessageException("SenderKey message layout does not match its chain");
      }
      state.checkReachable(m.iteration()); // refuse huge jumps before any cryptography
      if (!m.verifySignature(state.signingKey())) {
        throw new InvalidMessageException("SenderKey message signature does not verify");
      }
      byte[] plaintext = state.messageKey(m.iteration()).decrypt(m.ciphertext());
      storage.save(sender, distributionId, record);
      return plaintext;
    } finally {
      lock.unlock();
    }
  }

  private static NoSessionException noSenderKey(DeviceAddress sender, UUID distributionId) {
    return new NoSessionException(
        "no sender key from " + sender + " for distribution " + distributionId);
  }

  @Override
  public String toString() {
    return "GroupCipher[" + self + "]";
  }
}
