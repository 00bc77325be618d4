package io.quintet.core.internal.crypto;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.crypto.tink.internal.Ed25519;
import io.quintet.core.testing.Vectors.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signing takes A = aB from {@link SigningPointCache}: a hit must give exactly what a fresh
 * base multiplication gives, after eviction and under concurrent use, and signatures must be
 * the published ones whether A came from the cache or not.
 */
class XEdDSASigningCacheTest {
  private static byte[] scalar(Random random) {
    byte[] a = new byte[32];
    random.nextBytes(a);
    X25519.clamp(a);
    return a;
  }

  @Test
  void aHitGivesTheBaseMultipleAndACopy() {
    SigningPointCache.clear();
    Random random = new Random(0x5167_0001L);
    for (int i = 0; i < 32; i++) {
      byte[] a = scalar(random);
      byte[] expected = Ed25519.scalarMultWithBaseToBytes(a);
      byte[] miss = SigningPointCache.publicPoint(a);
      assertArrayEquals(expected, miss, "miss " + i);
      miss[0] ^= 1; // the caller owns what it gets
      miss[31] &= 0x7F;
      assertArrayEquals(expected, SigningPointCache.publicPoint(a), "hit " + i);
    }
  }

  @Test
  void moreKeysThanSlotsStillGiveTheRightPoints() {
    SigningPointCache.clear();
    Random random = new Random(0x5167_0002L);
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> points = new ArrayList<>();
    for (int i = 0; i < 1500; i++) { // more than the 1024 slots: collisions evict
      byte[] a = scalar(random);
      keys.add(a);
      points.add(SigningPointCache.publicPoint(a));
    }
    for (int i = 0; i < keys.size(); i += 7) {
      assertArrayEquals(Ed25519.scalarMultWithBaseToBytes(keys.get(i)), points.get(i));
      assertArrayEquals(points.get(i), SigningPointCache.publicPoint(keys.get(i)), "again " + i);
    }
  }

  /** Every signing known answer, once with A computed and once with A from the cache. */
  @Test
  void knownAnswersOnMissAndOnHit() {
    List<Case> kats = XEdDSAVectorsTest.signKats().toList();
    assertEquals(2, kats.size(), "the vector file's signing known answers");
    for (Case c : kats) {
      SigningPointCache.clear();
      byte[] priv = c.bytes("privateKey");
      byte[] msg = c.bytes("msg");
      byte[] random = c.bytes("random");
      boolean spec = c.string("variant").equals("xeddsa-spec");
      for (String pass : new String[] {"miss", "hit"}) {
        byte[] sig = spec
            ? XEdDSA.signSpec(priv, msg, random)
            : XEdDSA.sign(priv, msg, random);
        assertEquals(c.string("sig"), hex(sig), c + " (" + pass + ")");
      }
    }
  }

  @Test
  void concurrentSignersWithSharedAndOwnKeysGetTheSequentialSignatures() throws Exception {
    Random random = new Random(0x5167_0003L);
    int keys = 6;
    byte[][] scalars = new byte[keys][];
    byte[][] messages = new byte[keys][];
    byte[][] randoms = new byte[keys][];
    byte[][] expected = new byte[keys][];
    SigningPointCache.clear();
    for (int k = 0; k < keys; k++) {
      scalars[k] = scalar(random);
      messages[k] = new byte[40 + k];
      random.nextBytes(messages[k]);
      randoms[k] = new byte[64];
      random.nextBytes(randoms[k]);
      expected[k] = XEdDSA.sign(scalars[k], messages[k], randoms[k]);
    }
    SigningPointCache.clear();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> jobs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int start = t;
        jobs.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 12; i++) {
            int k = (start + i) % keys;
            byte[] sig = XEdDSA.sign(scalars[k], messages[k], randoms[k]);
            ok += java.util.Arrays.equals(expected[k], sig) ? 1 : 0;
          }
          return ok;
        }));
      }
      int total = 0;
      for (Future<Integer> f : jobs) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertEquals(48, total, "every concurrent signature equals the sequential one");
    } finally {
      pool.shutdownNow();
    }
  }
}
