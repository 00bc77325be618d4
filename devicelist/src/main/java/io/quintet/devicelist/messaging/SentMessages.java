package io.quintet.devicelist.messaging;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent messages this device sent, so that a retry request can be answered by
 * encrypting the same content again for the one device that asked — and only for a device
 * the message was originally meant for, with the identity it had then, at most a few times,
 * and only while the message is recent. Bounded by count and by bytes (least recently sent
 * dropped first), and in memory only: plaintexts are not written to disk for this, so a retry
 * for a message sent before a restart is answered with UNKNOWN_MESSAGE.
 */
final class SentMessages {
  /** A message older than this is never sent again (a late retry is more likely a replay). */
  static final Duration MAX_RESEND_AGE = Duration.ofDays(1);
  /** Plaintext bytes kept at most, whatever the count. */
  static final long MAX_BYTES = 64L << 20;

  /** What is needed to send a message again, and to whom it may go. */
  static final class Sent {
    final List<AccountId> recipients;
    final Payload payload;
    final long timestamp;
    final byte[] groupId;
    /** The devices it was meant for (encrypted to, or skipped), with their identity then. */
    final Targets targets;
    /** Per device, the nonces of the retry requests answered (at most maxRetries). */
    private final Map<DeviceAddress, List<ByteString>> admitted = new HashMap<>();

    Sent(List<AccountId> recipients, Payload payload, long timestamp, byte[] groupId,
        Targets targets) {
      this.recipients = List.copyOf(recipients);
      this.payload = payload;
      this.timestamp = timestamp;
      this.groupId = groupId;
      this.targets = targets;
    }

    /** What {@link #admit} decided about one retry request. */
    enum Admission { ADMITTED, REPLAYED, EXHAUSTED }

    /**
     * Admits one more resend to {@code device} for a request with {@code nonce}: a nonce
     * already admitted for the device is a replay; after {@code max} resends the device gets
     * no more (so at most {@code max} nonces are kept per device).
     */
    synchronized Admission admit(DeviceAddress device, int max, ByteString nonce) {
      List<ByteString> seen = admitted.computeIfAbsent(device, d -> new ArrayList<>(1));
      if (seen.contains(nonce)) {
        return Admission.REPLAYED;
      }
      if (seen.size() >= max) {
        return Admission.EXHAUSTED;
      }
      seen.add(nonce);
      return Admission.ADMITTED;
    }

    /**
     * Roughly what it keeps alive: the payload, and per target two references and, once the
     * lists it came from are gone, the address and identity key objects.
     */
    long size() {
      return payload.data().length + 256L + 112L * targets.size();
    }
  }

  private final int capacity;
  private final Map<String, Sent> recent = new LinkedHashMap<>();
  private long bytes;

  SentMessages(int capacity) {
    this.capacity = capacity;
  }

  synchronized void remember(String messageId, Sent sent) {
    Sent old = recent.put(messageId, sent);
    if (old != null) {
      bytes -= old.size();
    }
    bytes += sent.size();
    Iterator<Sent> eldest = recent.values().iterator();
    while ((recent.size() > capacity || bytes > MAX_BYTES) && eldest.hasNext()) {
      bytes -= eldest.next().size();
      eldest.remove();
    }
  }

  /** The message, if it is still kept and not older than {@link #MAX_RESEND_AGE}. */
  synchronized Sent find(String messageId, long now) {
    Sent sent = recent.get(messageId);
    return sent == null || now - sent.timestamp > MAX_RESEND_AGE.toMillis() ? null : sent;
  }

  /** Forgets everything (logout). */
  synchronized void clear() {
    recent.clear();
    bytes = 0;
  }

  synchronized int size() {
    return recent.size();
  }
}
