package io.quintet.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.IdentityKeyPair;

/**
 * The four Signal wire parsers on arbitrary bytes. Oracle: a parse either succeeds or throws
 * {@link InvalidMessageException} (or its subclass {@code InvalidVersionException}); anything
 * else escaping is a bug. A successful parse must round-trip — re-parsing its serialization
 * gives the same fields — and the authenticity checks on it must answer, not throw.
 *
 * <p>Under {@code mvn test} each method replays its seeds in {@code
 * src/test/resources/io/quintet/core/wire/WireFuzzTestInputs/<method>/}; {@code
 * scripts/fuzz.sh} fuzzes (see docs/fuzzing.md).
 */
class WireFuzzTest {
  private static final IdentityKeyPair ALICE = IdentityKeyPair.generate();
  private static final IdentityKeyPair BOB = IdentityKeyPair.generate();
  private static final Curve25519KeyPair SIGNER = Curve25519KeyPair.generate();

  @FuzzTest
  void signalMessage(byte[] data) {
    SignalMessage m;
    try {
      m = SignalMessage.parse(data);
    } catch (InvalidMessageException expected) {
      return;
    }
    assertArrayEquals(data, m.serialize());
    SignalMessage again = reparse(() -> SignalMessage.parse(m.serialize()));
    assertEquals(m.version(), again.version());
    assertEquals(m.ratchetKey(), again.ratchetKey());
    assertEquals(m.counter(), again.counter());
    assertEquals(m.previousCounter(), again.previousCounter());
    assertArrayEquals(m.ciphertext(), again.ciphertext());
    m.verifyMac(ALICE.identityKey(), BOB.identityKey(), new byte[32]);
    m.toString();
  }

  @FuzzTest
  void preKeySignalMessage(byte[] data) {
    PreKeySignalMessage m;
    try {
      m = PreKeySignalMessage.parse(data);
    } catch (InvalidMessageException expected) {
      return;
    }
    assertArrayEquals(data, m.serialize());
    PreKeySignalMessage again = reparse(() -> PreKeySignalMessage.parse(m.serialize()));
    assertEquals(m.version(), again.version());
    assertEquals(m.preKeyId(), again.preKeyId());
    assertEquals(m.signedPreKeyId(), again.signedPreKeyId());
    assertEquals(m.kemPreKeyId(), again.kemPreKeyId());
    assertArrayEquals(m.kemCiphertext(), again.kemCiphertext());
    assertEquals(m.baseKey(), again.baseKey());
    assertEquals(m.identityKey(), again.identityKey());
    assertEquals(m.message().version(), m.version(), "inner and outer versions agree");
    m.toString();
  }

  @FuzzTest
  void senderKeyMessage(byte[] data) {
    SenderKeyMessage m;
    try {
      m = SenderKeyMessage.parse(data);
    } catch (InvalidMessageException expected) {
      return;
    }
    assertArrayEquals(data, m.serialize());
    SenderKeyMessage again = reparse(() -> SenderKeyMessage.parse(m.serialize()));
    assertEquals(m.distributionId(), again.distributionId());
    assertEquals(m.chainId(), again.chainId());
    assertEquals(m.iteration(), again.iteration());
    assertArrayEquals(m.ciphertext(), again.ciphertext());
    m.verifySignature(SIGNER.publicKey());
    m.toString();
  }

  @FuzzTest
  void senderKeyDistributionMessage(byte[] data) {
    SenderKeyDistributionMessage m;
    try {
      m = SenderKeyDistributionMessage.parse(data);
    } catch (InvalidMessageException expected) {
      return;
    }
    assertArrayEquals(data, m.serialize());
    SenderKeyDistributionMessage again =
        reparse(() -> SenderKeyDistributionMessage.parse(m.serialize()));
    assertEquals(m.distributionId(), again.distributionId());
    assertEquals(m.chainId(), again.chainId());
    assertEquals(m.iteration(), again.iteration());
    assertArrayEquals(m.chainKey(), again.chainKey());
    assertEquals(m.signingKey(), again.signingKey());
    assertEquals(32, m.chainKey().length);
    m.toString();
  }

  /** A parse of bytes that parsed once: failing now is a bug, so it is an assertion. */
  static <T> T reparse(Parse<T> parse) {
    try {
      return parse.run();
    } catch (InvalidMessageException e) {
      throw new AssertionError("serialized form of a parsed message does not parse", e);
    }
  }

  @FunctionalInterface
  interface Parse<T> {
    T run() throws InvalidMessageException;
  }
}
