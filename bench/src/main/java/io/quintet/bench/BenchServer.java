package io.quintet.bench;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.messaging.AccountServer;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmarks' in-process server (as the devicelist tests' {@code TestServer}): device
 * lists and prekey bundles in memory, served as bytes so every list crosses its wire format.
 * No network, so the fan-out rows measure Quintet's work, not a round trip.
 */
final class BenchServer implements AccountServer {
  private final Map<AccountId, byte[]> lists = new ConcurrentHashMap<>();
  private final Map<DeviceAddress, Deque<PreKeyBundle>> bundles = new ConcurrentHashMap<>();

  @Override
  public Optional<byte[]> deviceList(AccountId account) {
    return Optional.ofNullable(lists.get(account)).map(byte[]::clone);
  }

  @Override
  public Map<DeviceAddress, PreKeyBundle> preKeyBundles(Collection<DeviceAddress> devices) {
    Map<DeviceAddress, PreKeyBundle> out = new HashMap<>();
    for (DeviceAddress d : devices) {
      Deque<PreKeyBundle> stock = bundles.get(d);
      if (stock != null) {
        synchronized (stock) {
          if (!stock.isEmpty()) {
            out.put(d, stock.poll());
          }
        }
      }
    }
    return out;
  }

  @Override
  public void publishDeviceList(SignedDeviceList list) {
    lists.put(list.account(), list.serialize());
  }

  void upload(DeviceAddress device, List<PreKeyBundle> stock) {
    Deque<PreKeyBundle> queue = bundles.computeIfAbsent(device, d -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addAll(stock);
    }
  }
}
