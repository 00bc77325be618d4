package io.quintet.ratchet.internal;

import io.quintet.core.InvalidKeyException;
import io.quintet.core.internal.crypto.Hkdf;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.keys.Curve25519PublicKey;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * X3DH (version 3) and PQXDH (version 4) for both roles, exactly as libsignal derives them:
 * master secret = 0xFF×32 ‖ DH(IK_A, SPK_B) ‖ DH(EK_A, IK_B) ‖ DH(EK_A, SPK_B) [‖ DH(EK_A,
 * OPK_B)] [‖ KEM secret], then HKDF with no salt: 96 bytes (root ‖ chain ‖ SPQR key) for
 * PQXDH, 64 bytes (root ‖ chain) for X3DH. The responder's signed prekey doubles as its first
 * ratchet key.
 */
public final class Agreement {
  public static final int X3DH_VERSION = 3;
  public static final int PQXDH_VERSION = 4;

  private static final byte[] PQXDH_INFO =
      "WhisperText_X25519_SHA-256_CRYSTALS-KYBER-1024".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] X3DH_INFO = "WhisperText".getBytes(StandardCharsets.US_ASCII);

  private Agreement() {}

  /** The initiator's ("Alice's") session state, ready to send with {@code firstRatchetKey}. */
  public static SessionState initiate(
      int version,
      IdentityKeyPair ours,
      Curve25519KeyPair baseKey,
      IdentityKey theirIdentity,
      Curve25519PublicKey theirSignedPreKey,
      Curve25519PublicKey theirOneTimePreKey,
      byte[] kemSharedSecret,
      Curve25519KeyPair firstRatchetKey)
      throws InvalidKeyException {
    Curve25519PrivateKey ek = baseKey.privateKey();
    byte[][] parts = {
      ours.privateKey().agree(theirSignedPreKey),
      ek.agree(theirIdentity.publicKey()),
      ek.agree(theirSignedPreKey),
      theirOneTimePreKey == null ? null : ek.agree(theirOneTimePreKey),
      kemSharedSecret
    };
    Derived d = derive(version, parts);
    RootKey.Step sending = d.root.createChain(theirSignedPreKey, firstRatchetKey.privateKey());
    SessionState state =
        new SessionState(
            version, ours.identityKey(), theirIdentity, sending.rootKey,
            baseKey.publicKey().serialize(), d.spqrKey);
    state.addReceiverChain(new ReceiverChain(theirSignedPreKey, d.chain));
    state.setSenderChain(firstRatchetKey, sending.chainKey);
    return state;
  }

  /** The responder's ("Bob's") session state for an initiator's first message. */
  public static SessionState respond(
      int version,
      IdentityKeyPair ours,
      Curve25519KeyPair signedPreKey,
      Curve25519KeyPair oneTimePreKey,
      byte[] kemSharedSecret,
      IdentityKey theirIdentity,
      Curve25519PublicKey theirBaseKey)
      throws InvalidKeyException {
    byte[][] parts = {
      signedPreKey.privateKey().agree(theirIdentity.publicKey()),
      ours.privateKey().agree(theirBaseKey),
      signedPreKey.privateKey().agree(theirBaseKey),
      oneTimePreKey == null ? null : oneTimePreKey.privateKey().agree(theirBaseKey),
      kemSharedSecret
    };
    Derived d = derive(version, parts);
    SessionState state =
        new SessionState(
            version, ours.identityKey(), theirIdentity, d.root, theirBaseKey.serialize(),
            d.spqrKey);
    state.setSenderChain(signedPreKey, d.chain);
    return state;
  }

  private static Derived derive(int version, byte[][] parts) {
    ByteArrayOutputStream master = new ByteArrayOutputStream(32 * 6);
    byte[] discontinuity = new byte[32];
    Arrays.fill(discontinuity, (byte) 0xFF);
    master.writeBytes(discontinuity);
    for (byte[] p : parts) {
      if (p != null) {
        master.writeBytes(p);
        Arrays.fill(p, (byte) 0);
      }
    }
    byte[] secret = master.toByteArray();
    boolean pq = version == PQXDH_VERSION;
    byte[] okm = Hkdf.derive(secret, null, pq ? PQXDH_INFO : X3DH_INFO, pq ? 96 : 64);
    Arrays.fill(secret, (byte) 0);
    Derived d =
        new Derived(
            new RootKey(Arrays.copyOfRange(okm, 0, 32)),
            new ChainKey(Arrays.copyOfRange(okm, 32, 64), 0),
            pq ? Arrays.copyOfRange(okm, 64, 96) : null);
    Arrays.fill(okm, (byte) 0);
    return d;
  }

  private static final class Derived {
    final RootKey root;
    final ChainKey chain;
    final byte[] spqrKey;

    Derived(RootKey root, ChainKey chain, byte[] spqrKey) {
      this.root = root;
      this.chain = chain;
      this.spqrKey = spqrKey;
    }
  }
}
