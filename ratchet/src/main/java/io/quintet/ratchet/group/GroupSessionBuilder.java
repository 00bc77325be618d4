package io.quintet.ratchet.group;

import io.quintet.core.DeviceAddress;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Creates this device's sender keys and installs other members' from their distribution
 * messages, as libsignal's {@code GroupSessionBuilder} does. A distribution message holds a
 * chain key: send it to each member only inside a pairwise session.
 *
 * <pre>{@code
 * GroupSessionBuilder builder = new GroupSessionBuilder(aliceStore);
 * SenderKeyDistributionMessage skdm = builder.create(aliceLaptop, groupDistributionId);
 * // ... encrypt skdm.serialize() to each member device with SessionCipher ...
 *
 * new GroupSessionBuilder(bobStore)
 *     .process(aliceLaptop, SenderKeyDistributionMessage.parse(decryptedPayload));
 * }</pre>
 *
 * <p>Processing the same distribution message again changes nothing: a known chain keeps
 * its progress, so old messages do not become decryptable twice. At most {@value
 * io.quintet.core.Limits#MAX_SENDER_KEY_STATES} chains are kept per (sender, distribution
 * id), newest first. The legacy methods use signal-protocol-java 2.8.1's layout, which has
 * no distribution id; see {@link GroupCipher} for how such groups are named.
 */
public final class GroupSessionBuilder {
  private final SenderKeyStorage storage;

  public GroupSessionBuilder(ProtocolStore store) {
    this.storage = new SenderKeyStorage(store);
  }

  /**
   * The distribution message for our sender key for {@code distributionId}, creating the
   * key (random chain id, chain key and signing key) on first use. Later calls describe the
   * same chain at its current iteration. An unreadable stored record is replaced.
   */
  public SenderKeyDistributionMessage create(DeviceAddress self, UUID distributionId) {
    return create(self, distributionId, false);
  }

  /**
   * As {@link #create}, in signal-protocol-java 2.8.1's layout (no distribution id) for the
   * group the app names {@code groupId}.
   */
  public SenderKeyDistributionMessage createLegacy(DeviceAddress self, UUID groupId) {
    return create(self, groupId, true);
  }

  private SenderKeyDistributionMessage create(DeviceAddress self, UUID id, boolean legacy) {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(id, "distributionId");
    return storage.retrying(() -> createOnce(self, id, legacy));
  }

  private SenderKeyDistributionMessage createOnce(DeviceAddress self, UUID id, boolean legacy)
      throws SenderKeyStorage.Conflict {
    ReentrantLock lock = SenderKeyLocks.lockFor(self, id);
    lock.lock();
    try {
      SenderKeyRecord record = storage.loadOrEmpty(self, id);
      SenderKeyState state =
          record.newest().filter(s -> s.canSend() && s.isLegacy() == legacy).orElse(null);
      if (state == null) {
        state = SenderKeyState.generate(legacy);
        record.add(state);
        storage.save(self, id, record);
      }
      return state.distributionMessage(id);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Installs {@code sender}'s chain for the distribution id the message carries.
   *
   * @throws InvalidMessageException if the message is in the legacy layout (use {@link
   *     #processLegacy})
   */
  public void process(DeviceAddress sender, SenderKeyDistributionMessage message)
      throws InvalidMessageException {
    if (message.isLegacy()) {
      throw new InvalidMessageException(
          "legacy distribution message has no distribution id; use processLegacy");
    }
    install(sender, message.distributionId().orElseThrow(), message);
  }

  /**
   * Installs {@code sender}'s chain from a signal-protocol-java 2.8.1 distribution message
   * for the group the app names {@code groupId}.
   *
   * @throws InvalidMessageException if the message is in libsignal's layout
   */
  public void processLegacy(
      DeviceAddress sender, UUID groupId, SenderKeyDistributionMessage message)
      throws InvalidMessageException {
    Objects.requireNonNull(groupId, "groupId");
    if (!message.isLegacy()) {
      throw new InvalidMessageException("distribution message is not in the legacy layout");
    }
    install(sender, groupId, message);
  }

  private void install(DeviceAddress sender, UUID id, SenderKeyDistributionMessage message) {
    Objects.requireNonNull(sender, "sender");
    storage.retrying(() -> {
      installOnce(sender, id, message);
      return null;
    });
  }

  private void installOnce(DeviceAddress sender, UUID id, SenderKeyDistributionMessage message)
      throws SenderKeyStorage.Conflict {
    ReentrantLock lock = SenderKeyLocks.lockFor(sender, id);
    lock.lock();
    try {
      SenderKeyRecord record = storage.loadOrEmpty(sender, id);
      record.add(SenderKeyState.received(message));
      storage.save(sender, id, record);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "GroupSessionBuilder";
  }
}
