package io.quintet.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed corpus of a Jazzer {@code @FuzzTest}: the files Jazzer's JUnit integration replays
 * under plain {@code mvn test}, in {@code src/test/resources/<package>/<Class>Inputs/<method>/}.
 * Seeds are valid inputs produced by the library itself; each module's {@code FuzzSeedsTest}
 * writes them (with {@code -Dquintet.writeSeeds=true}) and otherwise checks that every
 * committed seed is still accepted, so a format change cannot leave the fuzzers starting from
 * garbage.
 *
 * <pre>{@code
 * SeedCorpus.write(WireFuzzTest.class, "signalMessage", "v4", message.serialize());
 * List<byte[]> seeds = SeedCorpus.read(WireFuzzTest.class, "signalMessage");
 * }</pre>
 */
public final class SeedCorpus {
  private SeedCorpus() {}

  /** The source directory of the seeds (under the module being built). */
  public static Path sourceDir(Class<?> fuzzTest, String method) {
    String base = System.getProperty("basedir", ".");
    return Paths.get(base, "src", "test", "resources")
        .resolve(fuzzTest.getPackageName().replace('.', '/'))
        .resolve(fuzzTest.getSimpleName() + "Inputs")
        .resolve(method);
  }

  private static boolean isSeed(Path file) {
    return !file.getFileName().toString().matches("(crash|timeout|oom|slow-unit|leak)-.*");
  }

  /** Writes one seed file to the source tree. */
  public static void write(Class<?> fuzzTest, String method, String name, byte[] data) {
    try {
      Path dir = sourceDir(fuzzTest, method);
      Files.createDirectories(dir);
      Files.write(dir.resolve(name), data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The committed seeds as the test class path holds them, sorted by file name. Findings that
   * Jazzer saved there ({@code crash-*}, {@code timeout-*}, {@code oom-*}...) are regression
   * inputs, not seeds, and are left out.
   */
  public static List<byte[]> read(Class<?> fuzzTest, String method) {
    URL url = fuzzTest.getResource(fuzzTest.getSimpleName() + "Inputs/" + method);
    if (url == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
      List<byte[]> out = new ArrayList<>();
      for (Path p : files.filter(SeedCorpus::isSeed).sorted().toArray(Path[]::new)) {
        out.add(Files.readAllBytes(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
