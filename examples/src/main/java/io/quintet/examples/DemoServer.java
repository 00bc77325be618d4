package io.quintet.examples;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.messaging.AccountServer;
import io.quintet.devicelist.messaging.Envelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's server, in process: device lists, prekey bundles, a mailbox per device, and a
 * blob store for encrypted attachments (files in a temporary folder). A real app talks to its
 * own server over the network; Quintet only needs the {@link AccountServer} part of it.
 */
final class DemoServer implements AccountServer {
  private final Map<AccountId, byte[]> lists = new HashMap<>();
  private final Map<DeviceAddress, Deque<PreKeyBundle>> bundles = new HashMap<>();
  private final Map<DeviceAddress, Deque<byte[]>> mailboxes = new HashMap<>();
  private final Path blobs;

  DemoServer(Path blobs) {
    this.blobs = blobs;
  }

  @Override
  public synchronized Optional<byte[]> deviceList(AccountId account) {
    return Optional.ofNullable(lists.get(account));
  }

  @Override
  public synchronized Map<DeviceAddress, PreKeyBundle> preKeyBundles(Collection<DeviceAddress> devices) {
    Map<DeviceAddress, PreKeyBundle> out = new HashMap<>();
    for (DeviceAddress d : devices) {
      Deque<PreKeyBundle> stock = bundles.get(d);
      if (stock != null && !stock.isEmpty()) {
        out.put(d, stock.poll()); // each one-time prekey is handed out once
      }
    }
    return out;
  }

  @Override
  public synchronized void publishDeviceList(SignedDeviceList list) {
    lists.put(list.account(), list.serialize());
  }

  synchronized void upload(DeviceAddress device, List<PreKeyBundle> stock) {
    bundles.computeIfAbsent(device, d -> new ArrayDeque<>()).addAll(stock);
  }

  synchronized void deliver(Collection<Envelope> envelopes) {
    for (Envelope e : envelopes) {
      mailboxes.computeIfAbsent(e.recipient(), d -> new ArrayDeque<>()).add(e.serialize());
    }
  }

  synchronized List<Envelope> fetch(DeviceAddress device) throws Exception {
    List<Envelope> out = new ArrayList<>();
    Deque<byte[]> box = mailboxes.getOrDefault(device, new ArrayDeque<>());
    while (!box.isEmpty()) {
      out.add(Envelope.parse(box.poll()));
    }
    return out;
  }

  Path blob(String name) {
    return blobs.resolve(name);
  }

  long blobSize(String name) throws java.io.IOException {
    return Files.size(blob(name));
  }
}
