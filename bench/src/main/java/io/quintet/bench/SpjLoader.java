package io.quintet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * Loads {@link SpjLib} with signal-protocol-java 2.8.1, curve25519-java and protobuf-javalite
 * 3.10 in a class loader of their own. Their lite messages fail on Quintet's protobuf-java 4
 * runtime (same package, incompatible schema tables), so the two runtimes must not meet. The
 * three jars travel inside the benchmark jar under {@code /spj/}; only the benchmark's own
 * interfaces are shared with the application class loader.
 */
final class SpjLoader {
  private static final String[] JARS = {
    "protobuf-javalite.jar", "curve25519-java.jar", "signal-protocol-java.jar"
  };
  private static final Set<String> SHARED =
      Set.of(
          Library.class.getName(), Duo.class.getName(), SessionSetup.class.getName(),
          FanOut.class.getName(), Group.class.getName(), Payloads.class.getName());

  private static volatile ClassLoader loader;

  private SpjLoader() {}

  static Library library() {
    try {
      Class<?> c = Class.forName("io.quintet.bench.SpjLib", true, loader());
      var constructor = c.getDeclaredConstructor();
      constructor.setAccessible(true);
      return (Library) constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load signal-protocol-java", e);
    }
  }

  private static synchronized ClassLoader loader() {
    if (loader == null) {
      try {
        Path dir = Files.createTempDirectory("quintet-bench-spj");
        dir.toFile().deleteOnExit();
        URL[] urls = new URL[JARS.length + 1];
        for (int i = 0; i < JARS.length; i++) {
          Path jar = dir.resolve(JARS[i]);
          try (InputStream in = SpjLoader.class.getResourceAsStream("/spj/" + JARS[i])) {
            if (in == null) {
              throw new IllegalStateException("/spj/" + JARS[i] + " missing: build with -Pbench");
            }
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
          }
          jar.toFile().deleteOnExit();
          urls[i] = jar.toUri().toURL();
        }
        // The benchmark's own classes (SpjLib), after the jars so that their protobuf wins.
        urls[JARS.length] = SpjLoader.class.getProtectionDomain().getCodeSource().getLocation();
        loader = new Isolated(urls, SpjLoader.class.getClassLoader());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return loader;
  }

  /** Child-first over its jars; the JDK below it; the shared interfaces from the app. */
  private static final class Isolated extends URLClassLoader {
    private final ClassLoader app;

    Isolated(URL[] urls, ClassLoader app) {
      super("spj", urls, ClassLoader.getPlatformClassLoader());
      this.app = app;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (SHARED.contains(name)) {
        return app.loadClass(name);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = getParent().loadClass(name);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
