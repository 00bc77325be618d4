package io.quintet.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import io.quintet.core.InvalidMessageException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the two sender-key wire types, over generated inputs. */
class SenderKeyWirePropertiesTest {
  private static final Gen<Integer> U32 =
      Generate.longRange(0, 0xFFFF_FFFFL).map(Long::intValue);
  private static final Gen<UUID> UUIDS =
      Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE)
          .zip(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE), UUID::new);
  private static final Gen<byte[]> BYTES =
      Generate.byteArrays(Generate.range(0, 200), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  private static final Gen<byte[]> KEYS32 =
      Generate.byteArrays(Generate.constant(32), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  /** Random bytes, a third of them starting with the valid version byte to get past it. */
  private static final Gen<byte[]> GARBAGE =
      Generate.byteArrays(Generate.range(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
          .zip(Generate.range(0, 2), (b, v) -> {
            if (b.length > 0 && v == 0) {
              b[0] = 0x33;
            }
            return b;
          });
  private static final Curve25519PublicKey KEY = Curve25519KeyPair.generate().publicKey();

  @Test
  void libsignalLayoutMessagesRoundTrip() {
    qt().forAll(UUIDS, U32, U32, BYTES)
        .checkAssert((id, chain, iteration, ct) -> {
          byte[] wire = WireBodies.skm(id, chain, iteration, ct);
          SenderKeyMessage m = parse(wire);
          assertEquals(Optional.of(id), m.distributionId());
          assertEquals(chain, m.chainId());
          assertEquals(iteration, m.iteration());
          assertArrayEquals(ct, m.ciphertext());
          assertArrayEquals(wire, m.serialize());
        });
  }

  @Test
  void legacyLayoutMessagesRoundTrip() {
    qt().forAll(U32, U32, BYTES)
        .checkAssert((chain, iteration, ct) -> {
          SenderKeyMessage m = parse(WireBodies.legacySkm(chain, iteration, ct));
          assertTrue(m.isLegacy());
          assertEquals(chain, m.chainId());
          assertEquals(iteration, m.iteration());
          assertArrayEquals(ct, m.ciphertext());
        });
  }

  @Test
  void distributionMessagesRoundTripInBothLayouts() {
    qt().forAll(UUIDS, U32, U32, KEYS32)
        .checkAssert((id, chain, iteration, chainKey) -> {
          for (boolean legacy : new boolean[] {false, true}) {
            SenderKeyDistributionMessage made =
                legacy
                    ? SenderKeyDistributionMessage.createLegacy(chain, iteration, chainKey, KEY)
                    : SenderKeyDistributionMessage.create(id, chain, iteration, chainKey, KEY);
            SenderKeyDistributionMessage m = parseDistribution(made.serialize());
            assertEquals(legacy ? Optional.empty() : Optional.of(id), m.distributionId());
            assertEquals(chain, m.chainId());
            assertEquals(iteration, m.iteration());
            assertArrayEquals(chainKey, m.chainKey());
            assertEquals(KEY, m.signingKey());
            assertArrayEquals(made.serialize(), m.serialize());
          }
        });
  }

  @Test
  void garbageGivesOnlyTypedExceptions() {
    qt().withExamples(5000).forAll(GARBAGE).checkAssert(b -> {
      parsesOrRejects(() -> SenderKeyMessage.parse(b));
      parsesOrRejects(() -> SenderKeyDistributionMessage.parse(b));
    });
  }

  @Test
  void everyTruncationIsRejected() {
    List<SenderKeyVectors.Case> cases = SenderKeyVectors.cases();
    qt().forAll(Generate.range(0, cases.size() - 1), Generate.range(0, 4), Generate.range(0, 2000))
        .checkAssert((c, i, cut) -> {
          SenderKeyVectors.Case v = cases.get(c);
          byte[] skdm = Arrays.copyOf(v.distribution, cut % v.distribution.length);
          rejects(() -> SenderKeyDistributionMessage.parse(skdm));
          byte[] skm = v.messages.get(i).serialized;
          // A shorter message moves the 64-byte signature window into the body: it may still
          // parse, but then its signature is wrong (checked in the XEdDSA property below).
          parsesOrRejects(() -> SenderKeyMessage.parse(Arrays.copyOf(skm, cut % skm.length)));
        });
  }

  @Test
  void anyFlippedByteFailsParsingOrTheSignature() throws Exception {
    List<SenderKeyVectors.Case> cases = SenderKeyVectors.cases();
    qt().withExamples(300)
        .forAll(Generate.range(0, cases.size() - 1), Generate.range(0, 4), Generate.range(0, 5000),
            Generate.range(1, 255))
        .checkAssert((c, i, at, mask) -> {
          SenderKeyVectors.Case v = cases.get(c);
          byte[] bad = v.messages.get(i).serialized.clone();
          bad[at % bad.length] ^= mask.byteValue();
          assertFalse(verifies(bad, v.signingPublic), v.id + " byte " + at % bad.length);
        });
  }

  @Test
  void everyTruncatedMessageFailsParsingOrTheSignature() {
    for (SenderKeyVectors.Case v : SenderKeyVectors.cases()) {
      byte[] m = v.messages.get(0).serialized;
      for (int n = 0; n < m.length; n++) {
        assertFalse(verifies(Arrays.copyOf(m, n), v.signingPublic), v.id + " cut " + n);
      }
    }
  }

  @Test
  void createdMessagesVerifyAndRoundTrip() {
    Curve25519KeyPair signer = Curve25519KeyPair.generate();
    qt().withExamples(100).forAll(UUIDS, U32, U32, BYTES)
        .checkAssert((id, chain, iteration, ct) -> {
          SenderKeyMessage made = SenderKeyMessage.create(id, chain, iteration, ct, signer.privateKey());
          SenderKeyMessage m = parse(made.serialize());
          assertEquals(Optional.of(id), m.distributionId());
          assertEquals(iteration, m.iteration());
          assertTrue(m.verifySignature(signer.publicKey()));
          SenderKeyMessage legacy = parse(
              SenderKeyMessage.createLegacy(chain, iteration, ct, signer.privateKey()).serialize());
          assertEquals(chain, legacy.chainId());
          assertTrue(legacy.verifySignature(signer.publicKey()));
        });
  }

  private static boolean verifies(byte[] wire, byte[] signingPublic) {
    try {
      return SenderKeyMessage.parse(wire).verifySignature(Curve25519PublicKey.parse(signingPublic));
    } catch (InvalidMessageException e) {
      return false;
    } catch (io.quintet.core.InvalidKeyException e) {
      throw new AssertionError(e);
    }
  }

  private static SenderKeyMessage parse(byte[] b) {
    try {
      return SenderKeyMessage.parse(b);
    } catch (InvalidMessageException e) {
      throw new AssertionError("valid message refused: " + e.getMessage(), e);
    }
  }

  private static SenderKeyDistributionMessage parseDistribution(byte[] b) {
    try {
      return SenderKeyDistributionMessage.parse(b);
    } catch (InvalidMessageException e) {
      throw new AssertionError("valid message refused: " + e.getMessage(), e);
    }
  }

  interface Parse {
    Object run() throws InvalidMessageException;
  }

  /** Only success or InvalidMessageException (and its subtypes) are acceptable outcomes. */
  private static void parsesOrRejects(Parse p) {
    try {
      p.run();
    } catch (InvalidMessageException expected) {
      // typed rejection
    } catch (RuntimeException e) {
      fail("untyped exception from input bytes: " + e, e);
    }
  }

  private static void rejects(Parse p) {
    try {
      p.run();
      fail("truncated input was accepted");
    } catch (InvalidMessageException expected) {
      // typed rejection
    } catch (RuntimeException e) {
      fail("untyped exception from input bytes: " + e, e);
    }
  }
}
