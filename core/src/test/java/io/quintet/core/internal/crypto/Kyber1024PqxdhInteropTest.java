package io.quintet.core.internal.crypto;

import static io.quintet.core.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import io.quintet.core.internal.proto.SignalWireProtos.PreKeySignalMessage;
import io.quintet.core.internal.proto.SignalWireProtos.SignalMessage;
import io.quintet.core.keys.KemPublicKey;
import io.quintet.core.keys.KemSecretKey;
import io.quintet.core.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.InvalidMessageException;
import org.signal.libsignal.protocol.SessionCipher;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyType;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;
import org.signal.libsignal.protocol.state.impl.InMemorySignalProtocolStore;

/**
 * Kyber-1024 shared secrets checked against libsignal 0.86.5 through the MAC of Alice's first
 * message, with {@link PqxdhOracle} turning the secret into message keys. Both directions:
 * Quintet decapsulates what libsignal encapsulated (recorded sessions), and libsignal
 * decapsulates what Quintet encapsulated (a hand-built first message fed to libsignal's
 * SessionCipher over JNI). A wrong KEM secret fails the MAC in both, as the controls show.
 */
class Kyber1024PqxdhInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Decapsulation: Bob's side of each recorded session, from his keys and Alice's bytes. */
  @TestFactory
  Stream<DynamicTest> quintetDecapsulatesLibsignalCiphertexts() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement e : Vectors.load("libsignal/pqxdh_sessions.json").getAsJsonArray("cases")) {
      JsonObject session = e.getAsJsonObject();
      tests.add(DynamicTest.dynamicTest(session.get("id").getAsString(), () -> {
        JsonObject bob = session.getAsJsonObject("bob");
        KemSecretKey sk = KemSecretKey.parse(
            hex(bob.getAsJsonObject("kyber_prekey").get("secret").getAsString()));
        byte[] kyberCt = Kyber1024Test.firstKyberCiphertext(session);
        byte[] kyberSecret = sk.decapsulate(kyberCt);
        assertEquals(plaintextOfFirst(session), decryptFirst(session, kyberSecret));

        // Control: ML-KEM's secret for the same ciphertext must not authenticate.
        byte[] dk = Arrays.copyOfRange(sk.serialize(), 1, 1 + MlKem1024.SECRET_KEY_LENGTH);
        byte[] mlKemSecret =
            MlKem1024.decapsulate(dk, Arrays.copyOfRange(kyberCt, 1, kyberCt.length));
        assertNull(decryptFirst(session, mlKemSecret), "MAC must fail");
      }));
    }
    return tests.stream();
  }

  /** Encapsulation: libsignal's Bob accepts a first message whose KEM secret Quintet made. */
  @Test
  void libsignalDecapsulatesQuintetCiphertexts() throws Exception {
    for (int i = 0; i < 5; i++) {
      Bob bob = new Bob();
      KemPublicKey bobPq = KemPublicKey.parse(bob.kyber.getPublicKey().serialize());
      KemPublicKey.Encapsulation e = bobPq.encapsulate();
      byte[] plaintext = ("hello from Quintet #" + i).getBytes(StandardCharsets.UTF_8);
      byte[] wire = firstMessage(bob, e.serializedCiphertext(), e.sharedSecret(), plaintext);
      assertArrayEquals(plaintext, bob.decrypt(wire));
    }
  }

  /** Control for the test above: the same message built with ML-KEM's secret is rejected. */
  @Test
  void libsignalRejectsMlKemSecretInKyberSession() throws Exception {
    Bob bob = new Bob();
    byte[] pk = bob.kyber.getPublicKey().serialize();
    byte[][] ctAndKey = MlKem1024.encapsulate(Arrays.copyOfRange(pk, 1, pk.length));
    byte[] typedCt = new byte[1 + ctAndKey[0].length];
    typedCt[0] = 0x08;
    System.arraycopy(ctAndKey[0], 0, typedCt, 1, ctAndKey[0].length);
    byte[] wire = firstMessage(bob, typedCt, ctAndKey[1], new byte[] {1, 2, 3});
    // Only the KEM secret differs from the accepted messages above, so this is the MAC failing.
    InvalidMessageException x =
        assertThrows(InvalidMessageException.class, () -> bob.decrypt(wire));
    assertTrue(x.getMessage().contains("decryption failed"), x.getMessage());
  }

  /** Bob's keys and stores in libsignal 0.86.5, with Kyber prekey id 2, signed prekey id 1. */
  private static final class Bob {
    final IdentityKeyPair identity = IdentityKeyPair.generate();
    final ECKeyPair signedPreKey = ECKeyPair.generate();
    final KEMKeyPair kyber = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
    final InMemorySignalProtocolStore store = new InMemorySignalProtocolStore(identity, 7);

    Bob() {
      long now = System.currentTimeMillis();
      store.storeSignedPreKey(1, new SignedPreKeyRecord(1, now, signedPreKey,
          identity.getPrivateKey().calculateSignature(signedPreKey.getPublicKey().serialize())));
      store.storeKyberPreKey(2, new KyberPreKeyRecord(2, now, kyber,
          identity.getPrivateKey().calculateSignature(kyber.getPublicKey().serialize())));
    }

    byte[] decrypt(byte[] wire) throws Exception {
      return new SessionCipher(store, new SignalProtocolAddress("alice", 1))
          .decrypt(new org.signal.libsignal.protocol.message.PreKeySignalMessage(wire));
    }
  }

  /** Alice's first PreKeySignalMessage (no one-time prekey, no SPQR data) for a KEM result. */
  private static byte[] firstMessage(Bob bob, byte[] typedCt, byte[] kemSecret, byte[] plaintext)
      throws Exception {
    byte[] identity = scalar();
    byte[] base = scalar();
    byte[] ratchet = scalar();
    byte[] bobIdentity = bob.identity.getPublicKey().serialize();
    byte[] bobSignedPreKey = bob.signedPreKey.getPublicKey().serialize();
    byte[] master = PqxdhOracle.masterSecret(kemSecret,
        PqxdhOracle.dh(identity, bobSignedPreKey),
        PqxdhOracle.dh(base, bobIdentity),
        PqxdhOracle.dh(base, bobSignedPreKey));
    byte[][] keys = PqxdhOracle.firstMessageKeys(master, PqxdhOracle.dh(ratchet, bobSignedPreKey));
    byte[] body = SignalMessage.newBuilder()
        .setRatchetKey(ByteString.copyFrom(PqxdhOracle.publicKey(ratchet)))
        .setCounter(0)
        .setPreviousCounter(0)
        .setCiphertext(ByteString.copyFrom(
            PqxdhOracle.aesCbc(Cipher.ENCRYPT_MODE, keys[0], keys[2], plaintext)))
        .build()
        .toByteArray();
    byte[] versioned = prefixed(PqxdhOracle.VERSION, body);
    byte[] mac = PqxdhOracle.mac(keys[1], PqxdhOracle.publicKey(identity), bobIdentity, versioned);
    byte[] inner = concat(versioned, mac);
    byte[] outer = PreKeySignalMessage.newBuilder()
        .setRegistrationId(4242)
        .setSignedPreKeyId(1)
        .setKyberPreKeyId(2)
        .setKyberCiphertext(ByteString.copyFrom(typedCt))
        .setBaseKey(ByteString.copyFrom(PqxdhOracle.publicKey(base)))
        .setIdentityKey(ByteString.copyFrom(PqxdhOracle.publicKey(identity)))
        .setMessage(ByteString.copyFrom(inner))
        .build()
        .toByteArray();
    return prefixed(PqxdhOracle.VERSION, outer);
  }

  /**
   * Bob's view of the first recorded message with {@code kemSecret}: its plaintext as a hex
   * string if the MAC verifies, else null.
   */
  private static String decryptFirst(JsonObject session, byte[] kemSecret) throws Exception {
    JsonObject bob = session.getAsJsonObject("bob");
    byte[] identityPriv = hex(bob.getAsJsonObject("identity_key").get("private").getAsString());
    byte[] bobIdentity = hex(bob.getAsJsonObject("identity_key").get("public").getAsString());
    byte[] spkPriv = hex(bob.getAsJsonObject("signed_prekey").get("private").getAsString());
    JsonObject first = session.getAsJsonArray("messages").get(0).getAsJsonObject();
    byte[] wire = hex(first.get("serialized").getAsString());
    PreKeySignalMessage m = PreKeySignalMessage.parseFrom(Arrays.copyOfRange(wire, 1, wire.length));
    byte[] aliceIdentity = m.getIdentityKey().toByteArray();
    byte[] base = m.getBaseKey().toByteArray();

    List<byte[]> dhs = new ArrayList<>(List.of(
        PqxdhOracle.dh(spkPriv, aliceIdentity),
        PqxdhOracle.dh(identityPriv, base),
        PqxdhOracle.dh(spkPriv, base)));
    if (m.hasPreKeyId()) {
      JsonObject otp = bob.getAsJsonObject("one_time_prekey");
      assertEquals(otp.get("id").getAsInt(), m.getPreKeyId());
      dhs.add(PqxdhOracle.dh(hex(otp.get("private").getAsString()), base));
    }
    assertEquals(session.get("one_time_prekey_used").getAsBoolean(), m.hasPreKeyId());
    byte[] master = PqxdhOracle.masterSecret(kemSecret, dhs.toArray(new byte[0][]));

    byte[] inner = m.getMessage().toByteArray();
    byte[] versioned = Arrays.copyOf(inner, inner.length - PqxdhOracle.MAC_LENGTH);
    SignalMessage body =
        SignalMessage.parseFrom(Arrays.copyOfRange(versioned, 1, versioned.length));
    byte[][] keys = PqxdhOracle.firstMessageKeys(
        master, PqxdhOracle.dh(spkPriv, body.getRatchetKey().toByteArray()));
    byte[] mac = PqxdhOracle.mac(keys[1], aliceIdentity, bobIdentity, versioned);
    if (!Arrays.equals(mac, Arrays.copyOfRange(inner, versioned.length, inner.length))) {
      return null;
    }
    return hex(PqxdhOracle.aesCbc(
        Cipher.DECRYPT_MODE, keys[0], keys[2], body.getCiphertext().toByteArray()));
  }

  private static String plaintextOfFirst(JsonObject session) {
    return session.getAsJsonArray("messages").get(0).getAsJsonObject()
        .get("plaintext").getAsString();
  }

  private static byte[] scalar() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }

  private static byte[] prefixed(byte first, byte[] rest) {
    byte[] out = new byte[1 + rest.length];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
