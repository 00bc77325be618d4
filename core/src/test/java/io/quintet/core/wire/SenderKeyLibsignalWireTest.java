package io.quintet.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PublicKey;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signal.libsignal.protocol.groups.GroupCipher;
import org.signal.libsignal.protocol.groups.GroupSessionBuilder;
import org.signal.libsignal.protocol.groups.state.InMemorySenderKeyStore;

/** The wire types against libsignal-client 0.86.5's own parsers and serializers (JNI). */
class SenderKeyLibsignalWireTest {
  private static final SignalProtocolAddress ALICE = new SignalProtocolAddress("alice", 1);

  @Test
  void weParseLibsignalDistributionMessages() throws Exception {
    UUID id = UUID.randomUUID();
    org.signal.libsignal.protocol.message.SenderKeyDistributionMessage theirs =
        new GroupSessionBuilder(new InMemorySenderKeyStore()).create(ALICE, id);
    SenderKeyDistributionMessage ours = SenderKeyDistributionMessage.parse(theirs.serialize());
    assertEquals(Optional.of(id), ours.distributionId());
    assertEquals(theirs.getChainId(), ours.chainId());
    assertEquals(theirs.getIteration(), ours.iteration());
    assertArrayEquals(theirs.getChainKey(), ours.chainKey());
    assertArrayEquals(theirs.getSignatureKey().serialize(), ours.signingKey().serialize());
  }

  @Test
  void libsignalParsesOurDistributionMessages() throws Exception {
    UUID id = UUID.randomUUID();
    byte[] chainKey = new byte[32];
    chainKey[3] = 9;
    Curve25519PublicKey key = Curve25519KeyPair.generate().publicKey();
    SenderKeyDistributionMessage ours =
        SenderKeyDistributionMessage.create(id, 0x7654_3210, 77, chainKey, key);
    org.signal.libsignal.protocol.message.SenderKeyDistributionMessage theirs =
        new org.signal.libsignal.protocol.message.SenderKeyDistributionMessage(ours.serialize());
    assertEquals(id, theirs.getDistributionId());
    assertEquals(0x7654_3210, theirs.getChainId());
    assertEquals(77, theirs.getIteration());
    assertArrayEquals(chainKey, theirs.getChainKey());
    assertArrayEquals(key.serialize(), theirs.getSignatureKey().serialize());
  }

  @Test
  void libsignalRefusesTheLegacyLayout() {
    byte[] legacy =
        SenderKeyDistributionMessage.createLegacy(
                1, 2, new byte[32], Curve25519KeyPair.generate().publicKey())
            .serialize();
    assertThrows(
        Exception.class,
        () -> new org.signal.libsignal.protocol.message.SenderKeyDistributionMessage(legacy));
  }

  @Test
  void weVerifyLibsignalMessages() throws Exception {
    UUID id = UUID.randomUUID();
    InMemorySenderKeyStore store = new InMemorySenderKeyStore();
    org.signal.libsignal.protocol.message.SenderKeyDistributionMessage skdm =
        new GroupSessionBuilder(store).create(ALICE, id);
    Curve25519PublicKey signer = Curve25519PublicKey.parse(skdm.getSignatureKey().serialize());
    for (int i = 0; i < 3; i++) {
      byte[] wire = new GroupCipher(store, ALICE).encrypt(id, new byte[i * 10]).serialize();
      SenderKeyMessage m = SenderKeyMessage.parse(wire);
      assertEquals(Optional.of(id), m.distributionId());
      assertEquals(skdm.getChainId(), m.chainId());
      assertEquals(i, m.iteration());
      assertTrue(m.verifySignature(signer));
    }
  }

  @Test
  void libsignalVerifiesOurMessages() throws Exception {
    UUID id = UUID.randomUUID();
    Curve25519KeyPair signer = Curve25519KeyPair.generate();
    byte[] ct = new byte[48];
    SenderKeyMessage ours = SenderKeyMessage.create(id, 0x1234, 0xFFFF_FFF0, ct, signer.privateKey());
    org.signal.libsignal.protocol.message.SenderKeyMessage theirs =
        new org.signal.libsignal.protocol.message.SenderKeyMessage(ours.serialize());
    assertEquals(id, theirs.getDistributionId());
    assertEquals(0x1234, theirs.getChainId());
    assertEquals(0xFFFF_FFF0, theirs.getIteration());
    assertArrayEquals(ct, theirs.getCipherText());
    theirs.verifySignature(new ECPublicKey(signer.publicKey().serialize())); // throws if bad
    org.signal.libsignal.protocol.message.SenderKeyMessage other =
        new org.signal.libsignal.protocol.message.SenderKeyMessage(ours.serialize());
    ECPublicKey stranger = new ECPublicKey(Curve25519KeyPair.generate().publicKey().serialize());
    assertThrows(
        org.signal.libsignal.protocol.InvalidMessageException.class,
        () -> other.verifySignature(stranger));
  }
}
