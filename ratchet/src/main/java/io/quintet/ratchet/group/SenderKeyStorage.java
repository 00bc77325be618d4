package io.quintet.ratchet.group;

import io.quintet.core.DeviceAddress;
import io.quintet.core.NoSessionException;
import io.quintet.core.store.ProtocolStore;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads and saves sender-key records. Each operation parses its own copy of the record and
 * writes it back, inside {@link ProtocolStore#atomically}, only when it succeeded: a failed
 * decrypt leaves the stored bytes untouched. Cryptography runs before the transaction, never
 * inside it.
 */
final class SenderKeyStorage {
  private final ProtocolStore store;

  SenderKeyStorage(ProtocolStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The stored record, or empty if there is none; corrupt bytes are a NoSessionException. */
  Optional<SenderKeyRecord> load(DeviceAddress sender, UUID distributionId)
      throws NoSessionException {
    Optional<byte[]> bytes = store.loadSenderKey(sender, distributionId);
    return bytes.isPresent() ? Optional.of(SenderKeyRecord.parse(bytes.get())) : Optional.empty();
  }

  /** The stored record; a missing or corrupt one is replaced by an empty one. */
  SenderKeyRecord loadOrEmpty(DeviceAddress sender, UUID distributionId) {
    try {
      return load(sender, distributionId).orElseGet(SenderKeyRecord::empty);
    } catch (NoSessionException corrupt) {
      return SenderKeyRecord.empty(); // a fresh distribution heals an unreadable record
    }
  }

  /** Writes the record; durable when this returns. */
  void save(DeviceAddress sender, UUID distributionId, SenderKeyRecord record) {
    byte[] bytes = record.serialize();
    store.atomically(
        () -> {
          store.storeSenderKey(sender, distributionId, bytes);
          return null;
        });
  }
}
