package io.quintet.ratchet.internal;

import io.quintet.core.keys.Curve25519PublicKey;

/**
 * What an initiator repeats in every message until the responder answers: the prekeys it used
 * and its base key, so the responder can build the session from whichever message arrives
 * first.
 */
public final class PendingPreKey {
  public final Integer preKeyId;
  public final int signedPreKeyId;
  public final Curve25519PublicKey baseKey;
  public final long timestamp;
  public final Integer kemPreKeyId;
  public final byte[] kemCiphertext;

  public PendingPreKey(
      Integer preKeyId,
      int signedPreKeyId,
      Curve25519PublicKey baseKey,
      long timestamp,
      Integer kemPreKeyId,
      byte[] kemCiphertext) {
    this.preKeyId = preKeyId;
    this.signedPreKeyId = signedPreKeyId;
    this.baseKey = baseKey;
    this.timestamp = timestamp;
    this.kemPreKeyId = kemPreKeyId;
    this.kemCiphertext = kemCiphertext == null ? new byte[0] : kemCiphertext;
  }
}
