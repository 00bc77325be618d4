package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The result of one fan-out: one envelope per device (every device of every recipient and
 * every other device of the sender), the devices that could not be reached and why, and the
 * digest of each device list used, which the server can compare with the lists it holds: if
 * one is stale, the app calls {@link QuintetDevice#encrypt} again (it refetches lists).
 *
 * <pre>{@code
 * Outgoing out = phone.encrypt(List.of(bob), Payload.text("hi"));
 * out.envelopes().forEach(e -> server.deliver(e.recipient(), e.serialize()));
 * if (!out.unreachable().isEmpty()) log.info("not sent to {}", out.unreachable().keySet());
 * }</pre>
 */
public final class Outgoing {
  private final String messageId;
  private final List<Envelope> envelopes;
  private final Map<DeviceAddress, String> unreachable;
  private final Map<AccountId, byte[]> listDigests;
  private final Map<AccountId, String> listProblems;

  Outgoing(String messageId, List<Envelope> envelopes, Map<DeviceAddress, String> unreachable,
      Map<AccountId, byte[]> listDigests, Map<AccountId, String> listProblems) {
    this.listProblems = Map.copyOf(listProblems);
    this.messageId = messageId;
    this.envelopes = List.copyOf(envelopes);
    this.unreachable = Map.copyOf(unreachable);
    this.listDigests = Collections.unmodifiableMap(listDigests); // taken over, one per account
  }

  public String messageId() {
    return messageId;
  }

  public List<Envelope> envelopes() {
    return envelopes;
  }

  /** Devices left out (no prekey bundle, untrusted identity, ...) with the reason. */
  public Map<DeviceAddress, String> unreachable() {
    return unreachable;
  }

  /** SHA-256 of each account's signed device list as this send used it, as hex. */
  public Map<AccountId, String> listDigests() {
    java.util.Map<AccountId, String> out = new java.util.TreeMap<>();
    listDigests.forEach((a, d) -> out.put(a, HexFormat.of().formatHex(d)));
    return out;
  }

  /**
   * Accounts whose list on the server could not be believed (bad signature, an untrusted new
   * primary key, ...): the send used the newest list this device had verified, if any. An
   * untrusted new primary key needs the user's decision ({@link
   * QuintetDevice#trustNewPrimaryIdentity}).
   */
  public Map<AccountId, String> listProblems() {
    return listProblems;
  }

  @Override
  public String toString() {
    return "Outgoing[" + messageId + ", " + envelopes.size() + " envelopes, "
        + unreachable.size() + " unreachable]";
  }
}
