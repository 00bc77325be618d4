package io.quintet.ratchet.group;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;

/**
 * A signal-protocol-java 2.8.1 peer in a class loader of its own. Its generated code needs
 * the protobuf-javalite 3.10 runtime, which cannot share a class path with Quintet's
 * protobuf-java 4 (same package, incompatible schema encoding). Both jars are on the test
 * class path (protobuf-java first); this loader sees only signal-protocol-java,
 * curve25519-java, protobuf-javalite, the driver and the JDK.
 */
final class SignalProtocolJavaPeer {
  /** One loader for all peers: loading the library is the slow part. */
  private static ClassLoader isolated;

  private final Object driver;

  SignalProtocolJavaPeer() {
    try {
      driver =
          loader().loadClass(SignalProtocolJavaDriver.class.getName())
              .getConstructor()
              .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load signal-protocol-java", e);
    }
  }

  private static synchronized ClassLoader loader() {
    if (isolated == null) {
      try {
        URL[] jars = {
          location(SignalProtocolJavaDriver.class),
          location(org.whispersystems.libsignal.groups.GroupCipher.class),
          location(org.whispersystems.curve25519.Curve25519.class),
          javalite(),
        };
        isolated = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader());
      } catch (IOException e) {
        throw new IllegalStateException("cannot find signal-protocol-java's jars", e);
      }
    }
    return isolated;
  }

  private static URL location(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }

  /** The protobuf-javalite jar signal-protocol-java depends on, found on the class path. */
  private static URL javalite() throws IOException {
    for (URL u :
        Collections.list(
            SignalProtocolJavaPeer.class.getClassLoader()
                .getResources("com/google/protobuf/GeneratedMessageLite.class"))) {
      String s = u.toString();
      if (s.startsWith("jar:") && s.contains("protobuf-javalite")) {
        return new URL(s.substring(4, s.indexOf("!/")));
      }
    }
    throw new IllegalStateException("protobuf-javalite is not on the test class path");
  }

  byte[] createDistribution(String groupId, String account, int device) throws Exception {
    return (byte[]) call("createDistribution", groupId, account, device);
  }

  void processDistribution(String groupId, String account, int device, byte[] skdm)
      throws Exception {
    call("processDistribution", groupId, account, device, skdm);
  }

  byte[] encrypt(String groupId, String account, int device, byte[] plaintext) throws Exception {
    return (byte[]) call("encrypt", groupId, account, device, plaintext);
  }

  byte[] decrypt(String groupId, String account, int device, byte[] message) throws Exception {
    return (byte[]) call("decrypt", groupId, account, device, message);
  }

  /** Calls the driver; its exceptions come back unwrapped (compare them by class name). */
  private Object call(String method, Object... args) throws Exception {
    for (Method m : driver.getClass().getMethods()) {
      if (m.getName().equals(method)) {
        try {
          return m.invoke(driver, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof Exception) {
            throw (Exception) e.getCause();
          }
          throw e;
        }
      }
    }
    throw new NoSuchMethodException(method);
  }
}
