package io.quintet.core.fingerprint;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.proto.FingerprintProtos.CombinedFingerprints;
import io.quintet.core.internal.proto.FingerprintProtos.LogicalFingerprint;
import io.quintet.core.keys.IdentityKey;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A safety number: what two users compare, read aloud or by scanning each other's QR code,
 * to check that no one sits between them. It is computed exactly as libsignal's {@code
 * NumericFingerprintGenerator} computes it, so Quintet and Signal clients agree on the digits
 * and can scan each other's codes.
 *
 * <p>Both sides compute the same {@linkplain #displayable() 60 digits}. The {@linkplain
 * #scannable() scannable code} differs per side (each puts its own fingerprint first); {@link
 * #matchesScanned} checks the other side's code against ours.
 *
 * <pre>{@code
 * SafetyNumber mine = SafetyNumber.forAccounts(alice, alicePrimaryKey, bob, bobPrimaryKey);
 * screen.show(mine.displayableGrouped());          // "43535 44993 25275 ..."
 * screen.showQr(mine.scannable());
 * try {
 *   boolean same = mine.matchesScanned(camera.scan());
 *   screen.show(same ? "Verified" : "Safety numbers differ: do not trust this chat");
 * } catch (FingerprintVersionMismatchException e) {
 *   screen.show("The other app uses another kind of safety number");
 * } catch (InvalidMessageException e) {
 *   screen.show("That is not a safety number code");
 * }
 * }</pre>
 *
 * <p>Instances are immutable. A safety number is derived from public data only, so it is not
 * secret; the comparison is constant-time anyway.
 */
public final class SafetyNumber {
  /** The iteration count Signal and Quintet use: 5200 rounds of SHA-512 per side. */
  public static final int DEFAULT_ITERATIONS = 5200;

  /**
   * The version {@link #forAccounts} puts into the code. Signal uses 1 for phone numbers
   * (ASCII E.164) and 2 for 16-byte ACI UUIDs; the version only frames the scannable code and
   * does not enter the hash.
   */
  public static final int ACCOUNT_VERSION = 2;

  /** libsignal's bounds on the iteration count. */
  static final int MIN_ITERATIONS = 2;

  static final int MAX_ITERATIONS = 1_000_000;

  /** A genuine code is 74 bytes; anything much larger is not one, so it is not parsed. */
  static final int MAX_SCANNED_BYTES = 1024;

  /** How much of each side's digest the QR code carries. */
  private static final int SCANNABLE_BYTES = 32;

  /** Each side contributes 30 digits: 6 chunks of 5 digest bytes, each taken mod 100 000. */
  private static final int CHUNKS = 6;

  private static final int CHUNK_BYTES = 5;

  /** Digits per chunk, and per group in the grouped form. */
  private static final int GROUP_DIGITS = 5;

  private final int version;
  private final String displayable;
  private final byte[] localFingerprint;
  private final byte[] remoteFingerprint;
  private final byte[] scannable;

  private SafetyNumber(int version, byte[] localDigest, byte[] remoteDigest) {
    this.version = version;
    String local = digits(localDigest);
    String remote = digits(remoteDigest);
    // Both sides must print the same string, so order the halves, not the roles.
    this.displayable = local.compareTo(remote) < 0 ? local + remote : remote + local;
    this.localFingerprint = Arrays.copyOf(localDigest, SCANNABLE_BYTES);
    this.remoteFingerprint = Arrays.copyOf(remoteDigest, SCANNABLE_BYTES);
    this.scannable =
        CombinedFingerprints.newBuilder()
            .setVersion(version)
            .setLocalFingerprint(logical(localFingerprint))
            .setRemoteFingerprint(logical(remoteFingerprint))
            .build()
            .toByteArray();
  }

  /**
   * The safety number between two Quintet accounts, as Quintet apps show it. It covers each
   * account's <em>primary</em> device identity key only: companion devices have identity keys
   * of their own, but each is vouched for by the primary's signature on the account's signed
   * device list, so verifying the primary's key once covers every companion the primary
   * approves, and linking or removing a companion does not change the number. The number
   * changes when an account gets a new primary identity (a reinstall), which is exactly when
   * users should compare again.
   *
   * <p>Framing: {@link #ACCOUNT_VERSION} (2), {@link #DEFAULT_ITERATIONS} (5200), and each
   * account id's UTF-8 bytes ({@link AccountId#toBytes()}) as the identifier; that is,
   * {@code create(2, 5200, local.toBytes(), localPrimaryIdentity, remote.toBytes(),
   * remotePrimaryIdentity)}.
   *
   * <pre>{@code
   * SafetyNumber n = SafetyNumber.forAccounts(
   *     AccountId.of("alice"), alicePrimary.identityKey(), AccountId.of("bob"), bobPrimaryKey);
   * }</pre>
   *
   * @param local the account of the user looking at the screen
   * @param localPrimaryIdentity the identity key of that account's primary device
   * @param remote the peer's account
   * @param remotePrimaryIdentity the identity key of the peer's primary device
   * @return this side's view; the peer computes the same digits with the roles swapped
   */
  public static SafetyNumber forAccounts(
      AccountId local,
      IdentityKey localPrimaryIdentity,
      AccountId remote,
      IdentityKey remotePrimaryIdentity) {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
    return create(
        ACCOUNT_VERSION,
        DEFAULT_ITERATIONS,
        local.toBytes(),
        localPrimaryIdentity,
        remote.toBytes(),
        remotePrimaryIdentity);
  }

  /**
   * The safety number exactly as libsignal's {@code new
   * NumericFingerprintGenerator(iterations).createFor(version, localIdentifier, localKey,
   * remoteIdentifier, remoteKey)} computes it. For Signal compatibility use version 1 with
   * an E.164 phone number in ASCII, or version 2 with the 16 raw bytes of an ACI UUID, and
   * {@link #DEFAULT_ITERATIONS}.
   *
   * <p>Each side's fingerprint is {@code SHA-512} iterated: first over {@code 0x0000 ‖ key ‖
   * identifier ‖ key} (key = {@link IdentityKey#serialize()}), then {@code iterations - 1}
   * times over {@code previous ‖ key}.
   *
   * <pre>{@code
   * SafetyNumber n = SafetyNumber.create(2, SafetyNumber.DEFAULT_ITERATIONS,
   *     aliceAciBytes, aliceKey, bobAciBytes, bobKey);
   * }</pre>
   *
   * @param version framing put into the scannable code, 0 to {@link Integer#MAX_VALUE}
   * @param iterations rounds of SHA-512 per side, 2 to 1 000 000 (libsignal's bounds)
   * @param localIdentifier this user's stable identifier, any bytes (also empty)
   * @param localKey this user's identity key
   * @param remoteIdentifier the peer's stable identifier
   * @param remoteKey the peer's identity key
   * @return this side's view
   * @throws IllegalArgumentException if {@code version} or {@code iterations} is out of range
   */
  public static SafetyNumber create(
      int version,
      int iterations,
      byte[] localIdentifier,
      IdentityKey localKey,
      byte[] remoteIdentifier,
      IdentityKey remoteKey) {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "iterations must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS + ": " + iterations);
    }
    Objects.requireNonNull(localIdentifier, "localIdentifier");
    Objects.requireNonNull(localKey, "localKey");
    Objects.requireNonNull(remoteIdentifier, "remoteIdentifier");
    Objects.requireNonNull(remoteKey, "remoteKey");
    return new SafetyNumber(
        version,
        digest(iterations, localIdentifier, localKey),
        digest(iterations, remoteIdentifier, remoteKey));
  }

  /** The version framed into the scannable code. */
  public int version() {
    return version;
  }

  /** The 60 digits both sides show, with no separators. */
  public String displayable() {
    return displayable;
  }

  /** The 60 digits in 12 groups of 5 separated by single spaces, as users read them. */
  public String displayableGrouped() {
    return grouped(displayable.length());
  }

  /** The bytes to show as a QR code (libsignal's {@code CombinedFingerprints} protobuf). */
  public byte[] scannable() {
    return scannable.clone();
  }

  /**
   * Whether {@code otherSidesScan}, the code scanned from the peer's screen, shows the same
   * pair of identities as this safety number, seen from the other side. The comparison is
   * constant-time. Like libsignal, a well-formed code whose fingerprints have another length
   * simply does not match.
   *
   * <pre>{@code
   * if (mine.matchesScanned(scanned)) identityStore.markVerified(bob);
   * }</pre>
   *
   * @param otherSidesScan the bytes read from the peer's QR code
   * @return true only if the code's local fingerprint is our remote one and vice versa
   * @throws FingerprintVersionMismatchException if the code carries another version
   * @throws InvalidMessageException if the bytes are not a safety-number code (not a
   *     protobuf, no version, a fingerprint missing, or over 1024
   *     bytes)
   */
  public boolean matchesScanned(byte[] otherSidesScan)
      throws FingerprintVersionMismatchException, InvalidMessageException {
    Objects.requireNonNull(otherSidesScan, "otherSidesScan");
    if (otherSidesScan.length > MAX_SCANNED_BYTES) {
      throw new InvalidMessageException(
          "scanned safety number code is too long: " + otherSidesScan.length + " bytes");
    }
    CombinedFingerprints theirs;
    try {
      theirs = CombinedFingerprints.parseFrom(otherSidesScan);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidMessageException("scanned safety number code is not a valid protobuf", e);
    }
    // libsignal reads a missing version as 0 (a mismatch); no genuine code lacks one, so
    // Quintet calls it malformed instead. Both reject it.
    if (!theirs.hasVersion()) {
      throw new InvalidMessageException("scanned safety number code has no version");
    }
    if (theirs.getVersion() != version) {
      throw new FingerprintVersionMismatchException(theirs.getVersion(), version);
    }
    if (!theirs.hasLocalFingerprint() || !theirs.getLocalFingerprint().hasContent()) {
      throw new InvalidMessageException("scanned safety number code has no local fingerprint");
    }
    if (!theirs.hasRemoteFingerprint() || !theirs.getRemoteFingerprint().hasContent()) {
      throw new InvalidMessageException("scanned safety number code has no remote fingerprint");
    }
    // Their "local" is our "remote": the roles swap between the two screens.
    boolean remoteSame =
        MessageDigest.isEqual(
            theirs.getLocalFingerprint().getContent().toByteArray(), remoteFingerprint);
    boolean localSame =
        MessageDigest.isEqual(
            theirs.getRemoteFingerprint().getContent().toByteArray(), localFingerprint);
    return remoteSame & localSame; // no short circuit: same work whichever half differs
  }

  /** Same version and same scannable code (which determines the digits). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SafetyNumber
        && ((SafetyNumber) o).version == version
        && Arrays.equals(((SafetyNumber) o).scannable, scannable);
  }

  @Override
  public int hashCode() {
    return 31 * version + Arrays.hashCode(scannable);
  }

  /** The version and the first two groups of digits, enough to tell numbers apart in logs. */
  @Override
  public String toString() {
    return "SafetyNumber[v" + version + " " + grouped(2 * GROUP_DIGITS) + " ...]";
  }

  private String grouped(int digitCount) {
    StringBuilder out = new StringBuilder(digitCount + digitCount / GROUP_DIGITS);
    for (int i = 0; i < digitCount; i += GROUP_DIGITS) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(displayable, i, i + GROUP_DIGITS);
    }
    return out.toString();
  }

  private static LogicalFingerprint logical(byte[] fingerprint) {
    return LogicalFingerprint.newBuilder().setContent(ByteString.copyFrom(fingerprint)).build();
  }

  /** One side's 64-byte iterated SHA-512 fingerprint. */
  private static byte[] digest(int iterations, byte[] identifier, IdentityKey key) {
    byte[] keyBytes = key.serialize();
    MessageDigest sha512 = sha512();
    sha512.update(new byte[2]); // fingerprint format 0x0000, fixed in libsignal
    sha512.update(keyBytes);
    sha512.update(identifier);
    sha512.update(keyBytes);
    byte[] hash = sha512.digest();
    try {
      for (int i = 1; i < iterations; i++) {
        sha512.update(hash);
        sha512.update(keyBytes);
        sha512.digest(hash, 0, hash.length); // reuse the buffer: 5200 rounds per side
      }
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-512 output does not fit 64 bytes", e);
    }
    return hash;
  }

  /** 30 digits: each 5-byte big-endian chunk mod 100 000, zero-padded to 5 digits. */
  private static String digits(byte[] digest) {
    StringBuilder out = new StringBuilder(CHUNKS * GROUP_DIGITS);
    for (int c = 0; c < CHUNKS; c++) {
      long chunk = 0;
      for (int i = c * CHUNK_BYTES; i < (c + 1) * CHUNK_BYTES; i++) {
        chunk = (chunk << 8) | (digest[i] & 0xFF);
      }
      String n = Long.toString(chunk % 100_000);
      out.append("0".repeat(GROUP_DIGITS - n.length())).append(n);
    }
    return out.toString();
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 17 runtime has SHA-512", e);
    }
  }
}
