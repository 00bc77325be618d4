package io.quintet.bench;

/** What every benchmarked library provides; one implementation per library (and KEM). */
public interface Library {
  /** Two devices with an established, answered session. */
  Duo duo() throws Exception;

  /** A repeatable session setup from a fresh bundle. */
  SessionSetup setup() throws Exception;

  /** A sender with established, answered sessions to {@code devices} devices. */
  FanOut fanOut(int devices) throws Exception;

  /** Alice's sender key, distributed to Bob. */
  Group group() throws Exception;

  /**
   * The library for a JMH parameter value: {@code libsignal} (libsignal-client 0.86.5, PQXDH
   * with Kyber-1024, SPQR negotiated between two libsignal peers), {@code quintet} (PQXDH with
   * Kyber-1024), {@code quintet-mlkem} (PQXDH with ML-KEM-1024), {@code quintet-x3dh},
   * {@code spj} (signal-protocol-java 2.8.1, X3DH only).
   */
  static Library named(String name) {
    switch (name) {
      case "libsignal":
        return new LibsignalLib();
      case "quintet":
        return new QuintetLib(io.quintet.core.keys.KemType.KYBER_1024);
      case "quintet-mlkem":
        return new QuintetLib(io.quintet.core.keys.KemType.ML_KEM_1024);
      case "quintet-x3dh":
        return new QuintetLib(null);
      case "spj":
        return SpjLoader.library();
      default:
        throw new IllegalArgumentException("unknown library " + name);
    }
  }
}
