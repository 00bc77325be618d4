package io.quintet.core.fingerprint;

import io.quintet.core.QuintetException;

/**
 * A scanned safety-number code was made with another fingerprint version than ours, so it
 * cannot be compared: typically the peer's app frames identifiers differently (an older
 * phone-number version 1 against a version 2 code). This is not evidence of an attack; tell
 * the user that the other side must update (or that the codes are of different kinds)
 * rather than "numbers do not match".
 *
 * <pre>{@code
 * try {
 *   showResult(mine.matchesScanned(scanned));
 * } catch (FingerprintVersionMismatchException e) {
 *   showHint("The other device uses safety number version " + e.theirVersion());
 * } catch (InvalidMessageException e) {
 *   showHint("That is not a safety number code");
 * }
 * }</pre>
 */
public final class FingerprintVersionMismatchException extends QuintetException {
  private static final long serialVersionUID = 1L;

  private final int theirVersion;
  private final int ourVersion;

  /**
   * @param theirVersion the version read from the scanned code
   * @param ourVersion the version of the safety number it was compared with
   */
  public FingerprintVersionMismatchException(int theirVersion, int ourVersion) {
    super(
        "scanned safety number has version "
            + Integer.toUnsignedString(theirVersion)
            + ", ours has version "
            + Integer.toUnsignedString(ourVersion));
    this.theirVersion = theirVersion;
    this.ourVersion = ourVersion;
  }

  /** The version in the scanned code (an unsigned 32-bit value, as on the wire). */
  public int theirVersion() {
    return theirVersion;
  }

  /** The version of the safety number it was compared with. */
  public int ourVersion() {
    return ourVersion;
  }
}
