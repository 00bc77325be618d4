package io.quintet.interop;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads signal-protocol-java, its protobuf-javalite 3.10 runtime and the adapter in
 * {@code io.quintet.interop.legacy} child-first, everything else (JDK, Quintet, JUnit, the
 * interop interfaces) from the test class path. Needed because the lite runtime and Quintet's
 * protobuf-java 4.x share package names but are not compatible. The jars come from the
 * {@code interop.legacy.classpath} system property that the module's pom sets.
 */
final class LegacyClassLoader extends URLClassLoader {
  private static final String PROPERTY = "interop.legacy.classpath";
  private static final String[] CHILD_FIRST = {
    "org.whispersystems.", "com.google.protobuf.", "io.quintet.interop.legacy."
  };
  private static LegacyClassLoader instance;

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private LegacyClassLoader(URL[] urls, ClassLoader parent) {
    super("signal-protocol-java", urls, parent);
  }

  static synchronized LegacyClassLoader instance() {
    if (instance == null) {
      String path = System.getProperty(PROPERTY);
      if (path == null || path.isBlank() || path.contains("${")) {
        throw new IllegalStateException(
            PROPERTY + " is not set: run the interop tests through Maven (see interop/pom.xml)");
      }
      List<URL> urls = new ArrayList<>();
      try {
        // The adapter classes: this module's test classes.
        urls.add(LegacyDevice.class.getProtectionDomain().getCodeSource().getLocation());
        for (String entry : path.split(File.pathSeparator)) {
          urls.add(new File(entry).toURI().toURL());
        }
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
      instance = new LegacyClassLoader(urls.toArray(new URL[0]), LegacyDevice.class.getClassLoader());
    }
    return instance;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!childFirst(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private static boolean childFirst(String name) {
    for (String prefix : CHILD_FIRST) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
