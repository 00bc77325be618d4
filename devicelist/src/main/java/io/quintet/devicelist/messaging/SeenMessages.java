package io.quintet.devicelist.messaging;

import io.quintet.core.DeviceAddress;
import io.quintet.core.store.ProtocolStore;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The message ids delivered from each sending device, so a message is delivered once even if
 * it comes again re-encrypted (a resend). The newest {@link #PER_SENDER} ids are kept with
 * their (authenticated) send times; when one is forgotten, its time becomes the sender's
 * <em>watermark</em>, and a <em>resend</em> (marked as such inside the ciphertext) of a message
 * sent at or before the watermark counts as delivered. So a server that gets an old message
 * sent again (retry requests are not authenticated) cannot get it delivered twice. Originals
 * need no watermark: the ratchet itself refuses a ciphertext it decrypted before.
 *
 * <p>Record layout: watermark (8 bytes) ‖ {id (16) ‖ time (8)}*, oldest first.
 */
final class SeenMessages {
  static final String NAMESPACE = "quintet.seen";
  static final int PER_SENDER = 256;
  private static final int ID = Envelope.MESSAGE_ID_BYTES;
  private static final int ENTRY = ID + Long.BYTES;

  private final ProtocolStore store;

  SeenMessages(ProtocolStore store) {
    this.store = store;
  }

  private byte[] record(DeviceAddress sender) {
    byte[] stored = store.loadState(NAMESPACE, sender.toString()).orElse(null);
    if (stored == null || stored.length < Long.BYTES
        || (stored.length - Long.BYTES) % ENTRY != 0) {
      // None yet (or damaged: start over): no watermark.
      return ByteBuffer.allocate(Long.BYTES).putLong(Long.MIN_VALUE).array();
    }
    return stored;
  }

  /** Whether a message with {@code id}, sent at {@code time}, counts as delivered. */
  boolean seen(DeviceAddress sender, byte[] id, long time, boolean resend) {
    byte[] r = record(sender);
    return resend && time <= ByteBuffer.wrap(r, 0, Long.BYTES).getLong() || contains(r, id);
  }

  /** Whether {@code id} is among the recent deliveries kept (the watermark aside). */
  boolean recentlyDelivered(DeviceAddress sender, byte[] id) {
    return contains(record(sender), id);
  }

  private static boolean contains(byte[] r, byte[] id) {
    for (int i = Long.BYTES; i + ENTRY <= r.length; i += ENTRY) {
      if (Arrays.equals(r, i, i + ID, id, 0, ID)) {
        return true;
      }
    }
    return false;
  }

  /** Records a delivery (inside the delivering transaction); false if it counts as seen. */
  boolean mark(DeviceAddress sender, byte[] id, long time, boolean resend) {
    if (seen(sender, id, time, resend)) {
      return false;
    }
    byte[] r = record(sender);
    ByteBuffer in = ByteBuffer.wrap(r);
    long watermark = in.getLong();
    int entries = (r.length - Long.BYTES) / ENTRY;
    int drop = Math.max(0, entries + 1 - PER_SENDER);
    for (int k = 0; k < drop; k++) {
      watermark = Math.max(watermark, ByteBuffer.wrap(r, Long.BYTES + k * ENTRY + ID, Long.BYTES)
          .getLong());
    }
    ByteBuffer out = ByteBuffer.allocate(Long.BYTES + (entries - drop + 1) * ENTRY);
    out.putLong(watermark);
    out.put(r, Long.BYTES + drop * ENTRY, (entries - drop) * ENTRY);
    out.put(id, 0, ID).putLong(time);
    store.storeState(NAMESPACE, sender.toString(), out.array());
    return true;
  }
}
