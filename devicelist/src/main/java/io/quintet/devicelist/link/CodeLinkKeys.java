package io.quintet.devicelist.link;

import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.AesGcm;
import io.quintet.core.internal.crypto.Hkdf;
import io.quintet.core.keys.IdentityKey;
import io.quintet.devicelist.internal.pake.Spake2;
import io.quintet.devicelist.internal.pake.Spake2Password;
import io.quintet.devicelist.link.CodeLinkMessages.Hello;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The byte strings and keys of linking by code (docs/code-linking.md, "Transcript and keys"):
 *
 * <pre>
 * idA  = ref (16) ‖ I_c (33)                                SPAKE2's A: the companion
 * idB  = u16be(len(account)) ‖ account (UTF-8) ‖ I_p (33)   SPAKE2's B: the account's primary
 * aad  = "Quintet code link v1\0" ‖ u64be(expires_at)       SPAKE2's AAD (confirmation keys)
 * th   = SHA-256("Quintet code link v1 transcript\0" ‖ lp(idA) ‖ lp(idB) ‖ lp(aad) ‖ lp(pA) ‖ lp(pB))
 * K_approval ‖ K_reply = HKDF-SHA256(ikm = Ke, salt = th, info = "Quintet code link v1 sealing keys\0", 64)
 * sealed = AES-256-GCM(key, nonce = 0^12, plaintext, aad = th)   each key seals one message
 * </pre>
 *
 * lp() is an 8-byte little-endian length, as in SPAKE2's TT. An instance holds the two sealing
 * keys of one run; {@link #destroy()} overwrites them.
 */
final class CodeLinkKeys {
  static final int TAG_LENGTH = AesGcm.TAG_LENGTH;
  static final byte[] AAD_LABEL = label("Quintet code link v1");
  static final byte[] TRANSCRIPT_LABEL = label("Quintet code link v1 transcript");
  static final byte[] KEYS_LABEL = label("Quintet code link v1 sealing keys");
  private static final byte[] NONCE = new byte[AesGcm.NONCE_LENGTH];

  /** Code to SPAKE2 password scalar: Argon2id in production, a cheap cost in tests. */
  @FunctionalInterface
  interface Passwords {
    Spake2Password derive(byte[] code, byte[] idA, byte[] idB);
  }

  static final Passwords ARGON2ID = Spake2Password::derive;

  private final byte[] transcriptHash;
  private final byte[] approvalKey;
  private final byte[] replyKey;

  private CodeLinkKeys(byte[] transcriptHash, byte[] approvalKey, byte[] replyKey) {
    this.transcriptHash = transcriptHash;
    this.approvalKey = approvalKey;
    this.replyKey = replyKey;
  }

  /** SPAKE2's A identity: the run's ref and the companion's identity key. */
  static byte[] companionId(byte[] ref, IdentityKey companion) {
    return ByteBuffer.allocate(ref.length + 33).put(ref).put(companion.serialize()).array();
  }

  /** SPAKE2's B identity: the account id (length-prefixed) and the primary's identity key. */
  static byte[] accountId(AccountId account, IdentityKey primary) {
    byte[] name = account.value().getBytes(StandardCharsets.UTF_8); // at most 256 bytes
    return ByteBuffer.allocate(2 + name.length + 33)
        .putShort((short) name.length).put(name).put(primary.serialize()).array();
  }

  /** SPAKE2's AAD: the protocol label and the code's expiry, so neither can be changed. */
  static byte[] aad(long expiresAt) {
    return ByteBuffer.allocate(AAD_LABEL.length + 8).put(AAD_LABEL).putLong(expiresAt).array();
  }

  /** One side's SPAKE2 party for a run; w is derived from the code and dropped. */
  static Spake2 party(boolean companion, Passwords passwords, byte[] code, byte[] ref,
      IdentityKey companionKey, AccountId account, IdentityKey primaryKey, long expiresAt) {
    byte[] idA = companionId(ref, companionKey);
    byte[] idB = accountId(account, primaryKey);
    Spake2Password w = passwords.derive(code, idA, idB);
    try {
      return companion
          ? Spake2.partyA(idA, idB, w, aad(expiresAt))
          : Spake2.partyB(idA, idB, w, aad(expiresAt));
    } finally {
      w.destroy();
    }
  }

  /** The sealing keys from a confirmed Ke, which is overwritten. */
  static CodeLinkKeys derive(byte[] ke, Hello hello, byte[] pB) {
    byte[] th = transcriptHash(hello, pB);
    byte[] okm = Hkdf.derive(ke, th, KEYS_LABEL, 2 * AesGcm.KEY_LENGTH);
    Arrays.fill(ke, (byte) 0);
    CodeLinkKeys keys = new CodeLinkKeys(th, Arrays.copyOfRange(okm, 0, AesGcm.KEY_LENGTH),
        Arrays.copyOfRange(okm, AesGcm.KEY_LENGTH, okm.length));
    Arrays.fill(okm, (byte) 0);
    return keys;
  }

  static byte[] transcriptHash(Hello hello, byte[] pB) {
    byte[][] fields = {companionId(hello.ref(), hello.companionKey()),
        accountId(hello.account(), hello.primaryKey()), aad(hello.expiresAt()), hello.share(), pB};
    int size = TRANSCRIPT_LABEL.length;
    for (byte[] f : fields) {
      size += 8 + f.length;
    }
    ByteBuffer tt = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).put(TRANSCRIPT_LABEL);
    for (byte[] f : fields) {
      tt.putLong(f.length).put(f);
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(tt.array());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Primary to companion: the approval. */
  byte[] sealApproval(byte[] plain) {
    return AesGcm.encrypt(approvalKey, NONCE, plain, transcriptHash);
  }

  byte[] openApproval(byte[] ciphertext) throws InvalidMessageException {
    return AesGcm.decrypt(approvalKey, NONCE, ciphertext, transcriptHash);
  }

  /** Companion to primary: the counter-signed identity. */
  byte[] sealReply(byte[] plain) {
    return AesGcm.encrypt(replyKey, NONCE, plain, transcriptHash);
  }

  byte[] openReply(byte[] ciphertext) throws InvalidMessageException {
    return AesGcm.decrypt(replyKey, NONCE, ciphertext, transcriptHash);
  }

  void destroy() {
    Arrays.fill(approvalKey, (byte) 0);
    Arrays.fill(replyKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "CodeLinkKeys[redacted]";
  }

  private static byte[] label(String s) {
    byte[] text = s.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(text, text.length + 1); // NUL-terminated: no label prefixes another
  }
}
