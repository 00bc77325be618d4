package io.quintet.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.keys.Curve25519PublicKey;
import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.ecc.ECPrivateKey;
import org.signal.libsignal.protocol.ecc.ECPublicKey;

/** The key types' sign / verifySignature, end to end and across to libsignal-client. */
class XEdDSAKeysEndToEndTest {
  @Test
  void keyTypesSignAndVerifyLikeLibsignal() throws Exception {
    // A signed prekey: the identity key signs a serialized (0x05-prefixed) public key.
    Curve25519KeyPair identity = Curve25519KeyPair.generate();
    byte[] prekey = Curve25519KeyPair.generate().publicKey().serialize();
    byte[] signature = identity.privateKey().sign(prekey);

    Curve25519PublicKey parsed = Curve25519PublicKey.parse(identity.publicKey().serialize());
    assertTrue(parsed.verifySignature(prekey, signature));
    assertFalse(parsed.verifySignature(prekey, XEdDSALibsignalVectorsTest.flip(signature, 3)));
    assertFalse(parsed.verifySignature(XEdDSALibsignalVectorsTest.flip(prekey, 9), signature));
    assertFalse(parsed.verifySignature(prekey, new byte[63]));

    ECPublicKey theirView = new ECPublicKey(identity.publicKey().serialize());
    assertTrue(theirView.verifySignature(prekey, signature), "libsignal accepts it");

    // And the other way: a libsignal key, imported, verifies libsignal's signature.
    ECPrivateKey theirKey = ECPrivateKey.generate();
    byte[] theirSignature = theirKey.calculateSignature(prekey);
    Curve25519PublicKey imported = Curve25519PublicKey.parse(theirKey.publicKey().serialize());
    assertTrue(imported.verifySignature(prekey, theirSignature));
    Curve25519PrivateKey importedPrivate = Curve25519PrivateKey.parse(theirKey.serialize());
    assertTrue(theirKey.publicKey().verifySignature(prekey, importedPrivate.sign(prekey)));

    importedPrivate.destroy();
    assertThrows(IllegalStateException.class, () -> importedPrivate.sign(prekey));
  }
}
