package io.quintet.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What every module's {@code FuzzSeedsTest} checks about its seed corpora: each {@code
 * @FuzzTest} method of the listed classes has seeds, and each committed seed is still accepted
 * by the check its entry names. Run with {@code -Dquintet.writeSeeds=true} it (re)writes the
 * seeds into the source tree instead.
 *
 * <pre>{@code
 * class FuzzSeedsTest extends FuzzSeedsContract {
 *   protected List<Seeds> seeds() {
 *     return List.of(new Seeds(WireFuzzTest.class, "signalMessage", Gen::signal, SignalMessage::parse));
 *   }
 * }
 * }</pre>
 */
public abstract class FuzzSeedsContract {
  /** The seeds of one fuzz test method: how to make them and how to tell one is still valid. */
  public static final class Seeds {
    final Class<?> test;
    final String method;
    final Supplier<Map<String, byte[]>> make;
    final Check check;

    public Seeds(Class<?> test, String method, Supplier<Map<String, byte[]>> make, Check check) {
      this.test = test;
      this.method = method;
      this.make = make;
      this.check = check;
    }
  }

  /** Accepts a valid seed; throws for one the library no longer takes. */
  @FunctionalInterface
  public interface Check {
    void accept(byte[] seed) throws Exception;
  }

  /** Every seed entry of this module. */
  protected abstract List<Seeds> seeds();

  /** A small ordered map, for {@link Seeds#make}. */
  protected static Map<String, byte[]> named(Object... nameThenBytes) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenBytes.length; i += 2) {
      m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
    }
    return m;
  }

  @Test
  @EnabledIfSystemProperty(named = "quintet.writeSeeds", matches = "true")
  void writeSeeds() {
    for (Seeds s : seeds()) {
      s.make.get().forEach((name, data) -> SeedCorpus.write(s.test, s.method, name, data));
    }
  }

  @Test
  void everyFuzzTestHasSeedsThatAreStillValid() throws Exception {
    Set<String> covered = new TreeSet<>();
    Set<Class<?>> classes = new java.util.LinkedHashSet<>();
    for (Seeds s : seeds()) {
      covered.add(s.test.getName() + "#" + s.method);
      classes.add(s.test);
      List<byte[]> committed = SeedCorpus.read(s.test, s.method);
      assertFalse(committed.isEmpty(), "no seeds for " + s.test.getSimpleName() + "#" + s.method);
      for (byte[] seed : committed) {
        s.check.accept(seed);
      }
    }
    Set<String> fuzzTests = new TreeSet<>();
    for (Class<?> c : classes) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(FuzzTest.class)) {
          fuzzTests.add(c.getName() + "#" + m.getName());
        }
      }
    }
    assertEquals(fuzzTests, covered, "every @FuzzTest has a seed entry, and no entry is stale");
  }
}
