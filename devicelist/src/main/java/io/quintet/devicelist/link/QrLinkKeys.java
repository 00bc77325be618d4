package io.quintet.devicelist.link;

import io.quintet.core.internal.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key that seals a QR approval: HKDF(ikm = X25519(primary ephemeral, companion ephemeral),
 * salt = the QR's linking secret, info = label ‖ ref ‖ both ephemerals ‖ companion identity).
 * Only someone who saw the QR code knows the secret, so the server relaying the approval can
 * neither forge one nor redirect it to another companion; the AES-GCM tag under this key is
 * the MAC that binds the approval to the QR code.
 */
final class QrLinkKeys {
  static final byte[] LABEL = "Quintet QR link v1\0".getBytes(StandardCharsets.US_ASCII);
  static final byte[] NONCE = new byte[12]; // each key seals exactly one message

  private QrLinkKeys() {}

  static byte[] sealingKey(byte[] sharedSecret, byte[] linkingSecret, byte[] ref,
      byte[] companionEphemeral, byte[] primaryEphemeral, byte[] companionIdentity) {
    byte[] info = concat(LABEL, ref, companionEphemeral, primaryEphemeral, companionIdentity);
    byte[] key = Hkdf.derive(sharedSecret, linkingSecret, info, 32);
    Arrays.fill(sharedSecret, (byte) 0);
    return key;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
