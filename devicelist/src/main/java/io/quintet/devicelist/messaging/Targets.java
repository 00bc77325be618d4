package io.quintet.devicelist.messaging;

import io.quintet.core.DeviceAddress;
import io.quintet.core.keys.IdentityKey;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The devices one send is meant for, each with the identity its list vouched for: immutable,
 * in address order, kept as two arrays rather than a hash table. A group send names thousands
 * of devices and the sent-message log keeps them for a day, so neither building nor keeping
 * them should cost a node and a hash per device; a lookup is a binary search.
 */
final class Targets extends AbstractMap<DeviceAddress, IdentityKey> {
  private final DeviceAddress[] devices;
  private final IdentityKey[] identities;
  private final int size;

  private Targets(DeviceAddress[] devices, IdentityKey[] identities, int size) {
    this.devices = devices;
    this.identities = identities;
    this.size = size;
  }

  /** Adds devices in strictly ascending address order. */
  static final class Builder {
    private DeviceAddress[] devices;
    private IdentityKey[] identities;
    private int size;

    Builder(int expected) {
      devices = new DeviceAddress[Math.max(expected, 4)];
      identities = new IdentityKey[devices.length];
    }

    /** @throws IllegalArgumentException if {@code device} does not follow every one added */
    Builder add(DeviceAddress device, IdentityKey identity) {
      if (device == null || identity == null) {
        throw new NullPointerException("device and identity are required");
      }
      if (size > 0 && devices[size - 1].compareTo(device) >= 0) {
        throw new IllegalArgumentException("targets must be added in ascending address order");
      }
      if (size == devices.length) {
        devices = Arrays.copyOf(devices, size * 2);
        identities = Arrays.copyOf(identities, size * 2);
      }
      devices[size] = device;
      identities[size] = identity;
      size++;
      return this;
    }

    Targets build() {
      Targets built = new Targets(Arrays.copyOf(devices, size), Arrays.copyOf(identities, size),
          size); // trimmed: the sent-message log may keep it for a day
      devices = null; // the arrays now belong to the map
      identities = null;
      return built;
    }
  }

  DeviceAddress device(int i) {
    return devices[checked(i)];
  }

  IdentityKey identity(int i) {
    return identities[checked(i)];
  }

  private int checked(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return i;
  }

  private int indexOf(Object key) {
    return key instanceof DeviceAddress ? Arrays.binarySearch(devices, 0, size, key) : -1;
  }

  @Override
  public IdentityKey get(Object key) {
    int i = indexOf(key);
    return i >= 0 ? identities[i] : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Map.Entry<DeviceAddress, IdentityKey>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<DeviceAddress, IdentityKey>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<DeviceAddress, IdentityKey> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(devices[i], identities[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
