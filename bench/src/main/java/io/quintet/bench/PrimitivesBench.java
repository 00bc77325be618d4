package io.quintet.bench;

import io.quintet.core.internal.crypto.AesCbc;
import io.quintet.core.internal.crypto.Hkdf;
import io.quintet.core.internal.crypto.HmacSha256;
import io.quintet.core.internal.crypto.Kyber1024;
import io.quintet.core.internal.crypto.X25519;
import io.quintet.core.internal.crypto.XEdDSA;
import io.quintet.ratchet.internal.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Quintet's building blocks, one at a time, to explain the protocol rows: what a message's
 * HMACs, HKDF, AES-CBC, record round trip, X25519 and XEdDSA each cost. Average time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PrimitivesBench {
  private static final byte[] CHAIN_SEED = {0x02};
  private static final byte[] INFO = "WhisperMessageKeys".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key = new byte[32];
  private final byte[] iv = new byte[16];
  private byte[] payload;
  private byte[] ciphertext;
  private byte[] scalar;
  private byte[] peerU;
  private byte[] signature;
  private byte[] record;
  private byte[] kyberPublic;
  private byte[] ownU;

  @Setup
  public void init() throws Exception {
    Arrays.fill(key, (byte) 7);
    payload = Payloads.kib();
    ciphertext = AesCbc.encrypt(key, iv, payload);
    scalar = X25519.generatePrivateKey();
    peerU = X25519.publicKey(X25519.generatePrivateKey());
    signature = XEdDSA.sign(scalar, payload);
    Duo duo = Library.named("quintet").duo();
    duo.aliceToBob(payload);
    record = duo.aliceRecord();
    ownU = X25519.publicKey(scalar);
    kyberPublic = Kyber1024.generateKeyPair()[0];
  }

  /** One chain step: HMAC-SHA256 with a 32-byte key over one byte. */
  @Benchmark
  public byte[] hmacChainStep() {
    return HmacSha256.mac(key, CHAIN_SEED);
  }

  /** A message's keys: HKDF-SHA256 to 80 bytes (extract + 3 expand blocks). */
  @Benchmark
  public byte[] hkdfMessageKeys() {
    return Hkdf.derive(key, null, INFO, 80);
  }

  @Benchmark
  public byte[] aesCbcEncrypt1KiB() {
    return AesCbc.encrypt(key, iv, payload);
  }

  @Benchmark
  public byte[] aesCbcDecrypt1KiB() throws Exception {
    return AesCbc.decrypt(key, iv, ciphertext, 0, ciphertext.length);
  }

  /** Alice's record after a handshake and one message: parse, then serialize again. */
  @Benchmark
  public byte[] sessionRecordRoundTrip() {
    return SessionRecord.parse(record).serialize();
  }

  @Benchmark
  public byte[] x25519Agree() throws Exception {
    return X25519.agree(scalar, peerU);
  }

  @Benchmark
  public byte[] x25519PublicKey() {
    return X25519.publicKey(scalar);
  }

  @Benchmark
  public byte[] xeddsaSign() {
    return XEdDSA.sign(scalar, payload);
  }

  @Benchmark
  public boolean xeddsaVerify() {
    return XEdDSA.verify(ownU, payload, signature);
  }

  @Benchmark
  public byte[][] kyber1024Encapsulate() {
    return Kyber1024.encapsulate(kyberPublic);
  }
}
