package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.devicelist.SignedDeviceList;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The app's adapter to its own server: the little Quintet needs to read from it. Quintet
 * never opens a socket; it calls these methods and trusts none of the answers (lists and
 * bundles are verified against signatures). Delivering envelopes stays the app's business.
 *
 * <pre>{@code
 * AccountServer server = new AccountServer() {
 *   public Optional<byte[]> deviceList(AccountId a) throws IOException { return http.getList(a); }
 *   public Map<DeviceAddress, PreKeyBundle> preKeyBundles(Collection<DeviceAddress> d)
 *       throws IOException { return http.getBundles(d); }
 *   public void publishDeviceList(SignedDeviceList l) throws IOException { http.putList(l.serialize()); }
 * };
 * }</pre>
 */
public interface AccountServer {
  /** The newest signed device list the server has for {@code account}, as bytes. */
  Optional<byte[]> deviceList(AccountId account) throws IOException;

  /**
   * One prekey bundle per device asked for, in one round trip (devices the server has no
   * bundle for are left out). Each one-time prekey handed out should be deleted on the server.
   */
  Map<DeviceAddress, PreKeyBundle> preKeyBundles(Collection<DeviceAddress> devices)
      throws IOException;

  /** Publishes the account's new device list (called on the primary only). */
  void publishDeviceList(SignedDeviceList list) throws IOException;
}
