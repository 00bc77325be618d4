package io.quintet.ratchet.group;

import io.quintet.core.DeviceAddress;
import io.quintet.core.QuintetException;
import io.quintet.core.store.ProtocolStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.UUID;

/**
 * The ratchet module loaded a second time, child-first, in its own class loader, over the
 * same core classes and the same store object: a stand-in for a second process (an app and
 * its notification extension) sharing one database. Its lock tables ({@code SenderKeyLocks},
 * {@code SessionLocks}) are its own statics, so nothing but the store's compare-and-commit
 * keeps it from stepping the same sender chain as this class loader.
 */
final class SecondProcess {
  /** A group cipher of either "process". */
  interface Cipher {
    byte[] encrypt(UUID distributionId, byte[] plaintext) throws Exception;

    byte[] decrypt(DeviceAddress sender, byte[] message) throws Exception;
  }

  private final ClassLoader loader;

  SecondProcess() {
    URL ratchetClasses = GroupCipher.class.getProtectionDomain().getCodeSource().getLocation();
    this.loader = new URLClassLoader(new URL[] {ratchetClasses}, GroupCipher.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("io.quintet.ratchet.")) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          if (c == null) {
            c = findClass(name); // child-first: this "process" has its own ratchet statics
          }
          if (resolve) {
            resolveClass(c);
          }
          return c;
        }
      }
    };
  }

  /** A GroupCipher of this class loader. */
  static Cipher local(ProtocolStore store, DeviceAddress self) {
    GroupCipher cipher = new GroupCipher(store, self);
    return new Cipher() {
      @Override
      public byte[] encrypt(UUID distributionId, byte[] plaintext) throws Exception {
        return cipher.encrypt(distributionId, plaintext);
      }

      @Override
      public byte[] decrypt(DeviceAddress sender, byte[] message) throws Exception {
        return cipher.decrypt(sender, message);
      }
    };
  }

  /** A GroupCipher of the second "process", over the same store object. */
  Cipher remote(ProtocolStore store, DeviceAddress self) throws Exception {
    Class<?> type = loader.loadClass(GroupCipher.class.getName());
    if (type == GroupCipher.class) {
      throw new IllegalStateException("the second process must load its own GroupCipher");
    }
    Object cipher = type.getConstructor(ProtocolStore.class, DeviceAddress.class)
        .newInstance(store, self);
    Method encrypt = type.getMethod("encrypt", UUID.class, byte[].class);
    Method decrypt = type.getMethod("decrypt", DeviceAddress.class, byte[].class);
    return new Cipher() {
      @Override
      public byte[] encrypt(UUID distributionId, byte[] plaintext) throws Exception {
        return (byte[]) call(encrypt, cipher, distributionId, plaintext);
      }

      @Override
      public byte[] decrypt(DeviceAddress sender, byte[] message) throws Exception {
        return (byte[]) call(decrypt, cipher, sender, message);
      }
    };
  }

  private static Object call(Method m, Object target, Object... args) throws Exception {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof QuintetException q) {
        throw q;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
