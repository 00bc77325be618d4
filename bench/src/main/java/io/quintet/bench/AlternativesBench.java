package io.quintet.bench;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reference points for the recommendations in BENCHMARKS.md, not Quintet code: what Bouncy
 * Castle's own Ed25519 (RFC 8032) signs and verifies in, next to XEdDSA on Tink's arithmetic
 * ({@link PrimitivesBench}), and the JDK's X25519 next to Bouncy Castle's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AlternativesBench {
  private final byte[] sk = new byte[32];
  private final byte[] pk = new byte[32];
  private final byte[] sig = new byte[64];
  private final byte[] out = new byte[64];
  private byte[] message;
  private KeyAgreement jdkX25519;
  private KeyPair ours;
  private KeyPair theirs;

  @Setup
  public void init() throws Exception {
    sk[0] = 1;
    message = Payloads.kib();
    Ed25519.generatePublicKey(sk, 0, pk, 0);
    Ed25519.sign(sk, 0, pk, 0, message, 0, message.length, sig, 0);
    KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
    ours = g.generateKeyPair();
    theirs = g.generateKeyPair();
    jdkX25519 = KeyAgreement.getInstance("X25519");
  }

  /** Bouncy Castle Ed25519 signing with a known public key: one base multiplication. */
  @Benchmark
  public byte[] bcEd25519Sign() {
    Ed25519.sign(sk, 0, pk, 0, message, 0, message.length, out, 0);
    return out;
  }

  /** Bouncy Castle Ed25519 verification (variable-time double multiplication). */
  @Benchmark
  public boolean bcEd25519Verify() {
    return Ed25519.verify(sig, 0, pk, 0, message, 0, message.length);
  }

  /** Bouncy Castle's Ed25519 public key from a seed: a base multiplication plus SHA-512. */
  @Benchmark
  public byte[] bcEd25519PublicKey() {
    Ed25519.generatePublicKey(sk, 0, out, 0);
    return out;
  }

  /** The JDK's own X25519 (SunEC, pure Java on 17). */
  @Benchmark
  public byte[] jdkX25519Agree() throws Exception {
    jdkX25519.init(ours.getPrivate());
    jdkX25519.doPhase(theirs.getPublic(), true);
    return jdkX25519.generateSecret();
  }
}
