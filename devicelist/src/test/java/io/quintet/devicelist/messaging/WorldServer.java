package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.devicelist.SignedDeviceList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated world's server: a {@link TestServer} for lists and bundles whose bundle stock
 * is topped up on demand, as a real app uploads more prekeys when its server says the stock
 * runs low. Each device starts with one bundle, because generating the ML-KEM-1024 prekeys is
 * the costliest part of a world; a device the server runs out for makes two more.
 */
final class WorldServer implements AccountServer {
  private static final int TOP_UP = 2;
  private final TestServer server = new TestServer();
  private final Map<DeviceAddress, QuintetDevice> devices = new HashMap<>();
  private final Map<DeviceAddress, Integer> stock = new HashMap<>();
  int bundlesMade;

  /** Registers a device (primary or linked companion) and uploads its first bundle. */
  void register(QuintetDevice device) {
    DeviceAddress address = device.address().orElseThrow();
    devices.put(address, device);
    upload(address, 1);
  }

  private void upload(DeviceAddress address, int count) {
    server.upload(address, devices.get(address).newPreKeyBundles(count));
    stock.merge(address, count, Integer::sum);
    bundlesMade += count;
  }

  @Override
  public Optional<byte[]> deviceList(AccountId account) throws IOException {
    return server.deviceList(account);
  }

  @Override
  public Map<DeviceAddress, PreKeyBundle> preKeyBundles(Collection<DeviceAddress> wanted)
      throws IOException {
    List<DeviceAddress> known = new ArrayList<>();
    for (DeviceAddress d : wanted) {
      if (devices.containsKey(d)) {
        if (stock.getOrDefault(d, 0) == 0) {
          upload(d, TOP_UP);
        }
        known.add(d);
      }
    }
    Map<DeviceAddress, PreKeyBundle> out = server.preKeyBundles(known);
    out.keySet().forEach(d -> stock.merge(d, -1, Integer::sum));
    return out;
  }

  @Override
  public void publishDeviceList(SignedDeviceList list) throws IOException {
    server.publishDeviceList(list);
  }
}
