package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated world ({@link SimulatedWorld}, whose Javadoc states the oracle) as a property:
 * for any seed, every message is decrypted exactly once by every device that was valid when
 * it was sent and by no other. One fixed seed always runs, then a few random ones; a failure
 * prints its seed and the last actions, and {@link #replay} runs that seed again:
 * {@code ./mvnw -o -q -B test -pl devicelist -am -Dtest=SimulatedWorldTest#replay
 * -Dsurefire.failIfNoSpecifiedTests=false -Dquintet.world.seed=<seed>}.
 */
class SimulatedWorldTest {
  /**
   * A seed whose world (of {@link #FIXED_ACTIONS} actions) exercises every kind of event the
   * oracle has a rule for; found by trying seeds from 0x5eed0000 (re-chosen when retry requests
   * became signed and delivered messages stopped producing them).
   */
  private static final long FIXED_SEED = 0x5eed0051L;
  private static final int FIXED_ACTIONS = 300;
  private static final int ACTIONS = 150;

  @Test
  void aFixedWorldDeliversEveryMessageExactlyOnceToTheDevicesValidWhenItWasSent() {
    SimulatedWorld world = SimulatedWorld.run(FIXED_SEED, FIXED_ACTIONS);
    System.out.println("simulated world " + FIXED_SEED + ": " + world.stats);
    // The fixed world must exercise what the property is about, or it proves little.
    for (String s : List.of("links", "fifth companion refused", "removals",
        "removals noticed on receive", "sends refused: logged out", "decrypts refused: logged out",
        "lost", "duplicates", "session losses", "retry requests", "resends",
        "rebuilds rate-limited", "rejected: sender no longer valid")) {
      assertTrue(world.stats.getOrDefault(s, 0) > 0, "the fixed world never had " + s + ": "
          + world.stats);
    }
  }

  @Test
  void randomWorldsDeliverEveryMessageExactlyOnceToTheDevicesValidWhenItWasSent() {
    qt().withExamples(Integer.getInteger("quintet.world.examples", 6))
        .withShrinkCycles(0) // a smaller seed is another world, not a simpler one
        .forAll(longs().all())
        .checkAssert(seed -> SimulatedWorld.run(seed, ACTIONS));
  }

  @Test
  void replay() {
    String seed = System.getProperty("quintet.world.seed");
    assumeTrue(seed != null, "set -Dquintet.world.seed=<seed> to replay a world");
    SimulatedWorld world = SimulatedWorld.run(Long.decode(seed),
        Integer.getInteger("quintet.world.actions", ACTIONS));
    System.out.println("simulated world " + seed + ": " + world.stats + "\n" + world.tail(100_000));
  }
}
