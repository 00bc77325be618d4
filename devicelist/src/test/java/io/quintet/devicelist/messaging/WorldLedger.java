package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulated world's message oracle: every send with the devices that were valid when it
 * was made (from {@link WorldModel}), every delivery, and the reasons a valid device may be
 * excused from decrypting a message. A violation throws {@link AssertionError} at once where
 * it can be seen at once (a second delivery, a delivery to a device that was not valid, a
 * wrong sender, payload or transcript), and {@link #checkComplete} checks at the end that
 * every valid device that was not excused decrypted every message exactly once.
 */
final class WorldLedger {
  /** One call of {@link QuintetDevice#encrypt} and what the oracle expects of it. */
  static final class Send {
    final String label;
    final DeviceAddress sender;
    final List<AccountId> destinations;
    final Payload payload;
    final Set<DeviceAddress> targets;
    final long timestamp;

    Send(String label, DeviceAddress sender, List<AccountId> destinations, Payload payload,
        Set<DeviceAddress> targets, long timestamp) {
      this.label = label;
      this.sender = sender;
      this.destinations = List.copyOf(destinations);
      this.payload = payload;
      this.targets = Set.copyOf(targets);
      this.timestamp = timestamp;
    }
  }

  private final Map<String, Send> sends = new LinkedHashMap<>();
  private final Map<String, Map<DeviceAddress, Integer>> delivered = new HashMap<>();
  private final Map<String, Map<DeviceAddress, String>> excused = new HashMap<>();
  private final Map<String, Integer> excuses = new TreeMap<>();

  void sent(String messageId, Send send) {
    if (sends.putIfAbsent(messageId, send) != null) {
      throw new AssertionError("two sends got the message id " + messageId);
    }
  }

  String label(String messageId) {
    Send s = sends.get(messageId);
    return s == null ? "unknown message " + messageId : s.label;
  }

  int size() {
    return sends.size();
  }

  /** A Delivered result at {@code at}: checked against the send it claims to be. */
  void delivered(DeviceAddress at, Received.Delivered d) {
    Send s = sends.get(d.messageId());
    if (s == null) {
      throw new AssertionError(at + " delivered a message nobody sent: " + d);
    }
    if (!s.targets.contains(at)) {
      throw new AssertionError(at + " decrypted " + s.label + " but was not a valid device of "
          + "a recipient (or of the sender's account) when it was sent; valid were " + s.targets);
    }
    int count = delivered.computeIfAbsent(d.messageId(), k -> new HashMap<>()).merge(at, 1, Integer::sum);
    if (count > 1) {
      throw new AssertionError(at + " decrypted " + s.label + " " + count + " times");
    }
    check(d.sender().equals(s.sender), at, s, "its sender as " + d.sender() + ", not " + s.sender);
    check(d.payload().equals(s.payload), at, s, "another payload");
    check(d.timestamp() == s.timestamp, at, s, "timestamp " + d.timestamp() + ", not " + s.timestamp);
    boolean own = at.account().equals(s.sender.account());
    check(d.sentByOwnAccount() == own, at, s, "sentByOwnAccount " + d.sentByOwnAccount());
    List<AccountId> destinations = own ? s.destinations : List.of();
    check(d.destinations().equals(destinations), at, s,
        "destinations " + d.destinations() + ", not " + destinations);
  }

  private static void check(boolean ok, DeviceAddress at, Send s, String what) {
    if (!ok) {
      throw new AssertionError(at + " decrypted " + s.label + " with " + what);
    }
  }

  /** A Duplicate result: only for a message this device already decrypted. */
  void duplicate(DeviceAddress at, Received.Duplicate d) {
    if (delivered.getOrDefault(d.messageId(), Map.of()).getOrDefault(at, 0) != 1) {
      throw new AssertionError(at + " called " + label(d.messageId())
          + " a duplicate without having decrypted it");
    }
  }

  /**
   * {@code device} need not decrypt the message, for the reason {@code why} (one of a few
   * fixed phrases: a lost envelope, a justified rejection, ...).
   */
  void excuse(String messageId, DeviceAddress device, String why) {
    if (excused.computeIfAbsent(messageId, k -> new HashMap<>()).putIfAbsent(device, why) == null) {
      excuses.merge("excused: " + why, 1, Integer::sum);
    }
  }

  /** How many (message, device) pairs were excused, by reason. */
  Map<String, Integer> excuses() {
    return excuses;
  }

  int deliveries() {
    return delivered.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * At the end, after everything was delivered and the healing converged: every device valid
   * when a message was sent decrypted it exactly once, unless it logged out (removed or
   * expired) or was excused for that message.
   */
  void checkComplete(WorldModel model) {
    List<String> missing = new ArrayList<>();
    sends.forEach((id, s) -> {
      for (DeviceAddress d : s.targets) {
        int count = delivered.getOrDefault(id, Map.of()).getOrDefault(d, 0);
        boolean excusedHere = excused.getOrDefault(id, Map.of()).containsKey(d);
        if (count == 0 && !excusedHere) {
          if (model.isLoggedOut(d)) {
            excuses.merge("excused: logged out", 1, Integer::sum);
          } else {
            missing.add(s.label + " from " + s.sender + " never decrypted by " + d);
          }
        }
      }
    });
    if (!missing.isEmpty()) {
      throw new AssertionError(missing.size() + " deliveries missing: " + missing);
    }
  }

  /** When the message was sent (its authenticated timestamp), if the ledger knows it. */
  java.util.OptionalLong sentAt(String messageId) {
    Send s = sends.get(messageId);
    return s == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(s.timestamp);
  }
}
