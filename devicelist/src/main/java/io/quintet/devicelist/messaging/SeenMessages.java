package io.quintet.devicelist.messaging;

import io.quintet.core.DeviceAddress;
import io.quintet.core.store.ProtocolStore;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The message ids delivered from each sending device, so a message is delivered once even if
 * it comes again re-encrypted (a resend answering a retry request, which the server can
 * forge). A sender answers retries only for a day ({@link SentMessages#MAX_RESEND_AGE}), so
 * each delivered id is remembered for {@link #KEEP} by this device's clock, and a resend that
 * claims to be older than {@link #RESEND_HORIZON} (only a badly skewed sender clock, or a
 * replay) counts as delivered. Originals need no more: the ratchet itself refuses a ciphertext
 * it decrypted before.
 *
 * <p>One small record per delivered id (namespace {@link #NAMESPACE}, value: the delivery
 * time), written in the delivering transaction; old ones are pruned now and then.
 */
final class SeenMessages {
  static final String NAMESPACE = "quintet.seen";
  static final Duration RESEND_HORIZON = SentMessages.MAX_RESEND_AGE.multipliedBy(2);
  static final Duration KEEP = RESEND_HORIZON.plus(Duration.ofDays(1));
  private static final int PRUNE_EVERY = 512;

  private final ProtocolStore store;
  private final Clock clock;
  private final AtomicInteger marks = new AtomicInteger();

  SeenMessages(ProtocolStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private static String key(DeviceAddress sender, byte[] id) {
    return sender + "/" + HexFormat.of().formatHex(id);
  }

  /** Whether {@code id} from {@code sender} was delivered (within {@link #KEEP}). */
  boolean recentlyDelivered(DeviceAddress sender, byte[] id) {
    return store.loadState(NAMESPACE, key(sender, id)).isPresent();
  }

  /**
   * Records a delivery (inside the delivering transaction); false if it counts as delivered
   * already: a known id, or a resend older than the horizon.
   */
  boolean mark(DeviceAddress sender, byte[] id, long time, boolean resend) {
    long now = clock.millis();
    if (tooOld(time, resend)) {
      return false;
    }
    if (recentlyDelivered(sender, id)) {
      return false;
    }
    store.storeState(NAMESPACE, key(sender, id), ByteBuffer.allocate(Long.BYTES).putLong(now).array());
    if (marks.incrementAndGet() % PRUNE_EVERY == 0) {
      prune(now);
    }
    return true;
  }

  /**
   * Whether a resend claims a send time older than {@link #RESEND_HORIZON}: its id may have been
   * forgotten, so it cannot be told from a replay and is refused (the message may be lost).
   */
  boolean tooOld(long time, boolean resend) {
    return resend && time < clock.millis() - RESEND_HORIZON.toMillis();
  }

  private void prune(long now) {
    for (String k : store.stateKeys(NAMESPACE)) {
      Optional<byte[]> at = store.loadState(NAMESPACE, k);
      if (at.isEmpty() || at.get().length != Long.BYTES
          || ByteBuffer.wrap(at.get()).getLong() < now - KEEP.toMillis()) {
        store.deleteState(NAMESPACE, k);
      }
    }
  }
}
