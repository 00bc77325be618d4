package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.devicelist.SignedDeviceList;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process server: stores device lists and prekey bundles, and forwards envelopes into
 * per-device mailboxes (as bytes, so every envelope crosses the wire format). It can be told
 * to go offline, to serve an old list, or to drop a device's bundles.
 */
final class TestServer implements AccountServer {
  private final Map<AccountId, byte[]> lists = new ConcurrentHashMap<>();
  private final Map<DeviceAddress, Deque<PreKeyBundle>> bundles = new ConcurrentHashMap<>();
  private final Map<DeviceAddress, Deque<byte[]>> mailboxes = new ConcurrentHashMap<>();
  volatile boolean offline;
  int bundleBatches;

  @Override
  public Optional<byte[]> deviceList(AccountId account) throws IOException {
    checkOnline();
    return Optional.ofNullable(lists.get(account)).map(byte[]::clone);
  }

  @Override
  public synchronized Map<DeviceAddress, PreKeyBundle> preKeyBundles(
      Collection<DeviceAddress> devices) throws IOException {
    checkOnline();
    bundleBatches++;
    Map<DeviceAddress, PreKeyBundle> out = new HashMap<>();
    for (DeviceAddress d : devices) {
      Deque<PreKeyBundle> stock = bundles.get(d);
      if (stock != null && !stock.isEmpty()) {
        out.put(d, stock.poll());
      }
    }
    return out;
  }

  @Override
  public void publishDeviceList(SignedDeviceList list) throws IOException {
    checkOnline();
    lists.put(list.account(), list.serialize());
  }

  private void checkOnline() throws IOException {
    if (offline) {
      throw new IOException("server unreachable");
    }
  }

  /** Replaces what the server serves for an account (an attacker or a stale replica). */
  void serveList(AccountId account, byte[] list) {
    lists.put(account, list.clone());
  }

  /** Adds bundles; bundles of another identity (a reinstalled device) are replaced. */
  synchronized void upload(DeviceAddress device, List<PreKeyBundle> stock) {
    Deque<PreKeyBundle> queue = bundles.computeIfAbsent(device, d -> new ArrayDeque<>());
    if (!stock.isEmpty() && !queue.isEmpty()
        && !queue.peek().identityKey().equals(stock.get(0).identityKey())) {
      queue.clear();
    }
    queue.addAll(stock);
  }

  synchronized void dropBundles(DeviceAddress device) {
    bundles.remove(device);
  }

  void deliver(Envelope envelope) {
    mailboxes.computeIfAbsent(envelope.recipient(), d -> new ArrayDeque<>())
        .add(envelope.serialize());
  }

  void deliverAll(Collection<Envelope> envelopes) {
    envelopes.forEach(this::deliver);
  }

  /** Takes everything waiting for {@code device}, parsed back from bytes. */
  List<Envelope> drain(DeviceAddress device) throws Exception {
    Deque<byte[]> box = mailboxes.getOrDefault(device, new ArrayDeque<>());
    List<Envelope> out = new ArrayList<>();
    byte[] next;
    while ((next = box.poll()) != null) {
      out.add(Envelope.parse(next));
    }
    return out;
  }
}
