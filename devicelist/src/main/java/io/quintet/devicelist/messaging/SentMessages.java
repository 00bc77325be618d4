package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent messages this device sent, so that a retry request can be answered by
 * encrypting the same content again for the one device that asked. Bounded (least recently
 * sent dropped first) and in memory only: plaintexts are not written to disk for this, so a
 * retry for a message sent before a restart is answered with UNKNOWN_MESSAGE.
 */
final class SentMessages {
  /** What is needed to send a message again. */
  static final class Sent {
    final List<AccountId> recipients;
    final Payload payload;
    final long timestamp;
    final byte[] groupId;

    Sent(List<AccountId> recipients, Payload payload, long timestamp, byte[] groupId) {
      this.recipients = List.copyOf(recipients);
      this.payload = payload;
      this.timestamp = timestamp;
      this.groupId = groupId;
    }
  }

  private final Map<String, Sent> recent;

  SentMessages(int capacity) {
    this.recent = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized void remember(String messageId, Sent sent) {
    recent.put(messageId, sent);
  }

  synchronized Sent find(String messageId) {
    return recent.get(messageId);
  }

  synchronized int size() {
    return recent.size();
  }
}
