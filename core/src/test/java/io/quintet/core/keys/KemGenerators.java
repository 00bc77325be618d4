package io.quintet.core.keys;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import org.quicktheories.core.Gen;

/** QuickTheories sources for the KEM key tests. Key pairs come from a small fixed pool. */
final class KemGenerators {
  /** Two pairs per KEM, made once: keeps the properties fast and their inputs reproducible. */
  static final List<KemKeyPair> POOL = List.of(
      KemKeyPair.generate(KemType.ML_KEM_1024),
      KemKeyPair.generate(KemType.ML_KEM_1024),
      KemKeyPair.generate(KemType.KYBER_1024),
      KemKeyPair.generate(KemType.KYBER_1024));

  private KemGenerators() {}

  static Gen<KemKeyPair> pooledPairs() {
    return arbitrary().pick(POOL);
  }

  /** Pseudo-random bytes of a length in [min, max], derived from a generated seed. */
  static Gen<byte[]> bytes(int min, int max) {
    return longs().all().zip(integers().between(min, max), (seed, length) -> {
      byte[] b = new byte[length];
      new SplittableRandom(seed).nextBytes(b);
      return b;
    });
  }

  /**
   * Garbage aimed at the parsers: random bytes whose length is often exactly (or one off) a
   * KEM key's, and whose first byte is often a valid type byte, so that the checks behind the
   * length and type checks are reached too.
   */
  static Gen<byte[]> garbageKeys() {
    Gen<Integer> lengths = arbitrary()
        .pick(0, 1, 1568, 1569, 1570, 3168, 3169, 3170)
        .mix(integers().between(0, 3300));
    Gen<Integer> firstBytes = arbitrary()
        .pick(0x08, 0x0A)
        .mix(integers().between(0, 255));
    return longs().all().zip(lengths, firstBytes, (seed, length, first) -> {
      byte[] b = new byte[length];
      new SplittableRandom(seed).nextBytes(b);
      if (length > 0) {
        b[0] = (byte) (int) first;
      }
      return b;
    });
  }

  /** Any type byte libsignal does not use for these KEMs. */
  static Gen<Byte> unknownTypeBytes() {
    return integers().between(0, 255).map(Integer::byteValue)
        .assuming(b -> b != KemType.KYBER_1024.typeByte() && b != KemType.ML_KEM_1024.typeByte());
  }

  /** A length change: -n (truncate) or +n (append), never 0. */
  static Gen<Integer> lengthChanges() {
    return integers().between(-1568, 64).assuming(d -> d != 0);
  }
}
