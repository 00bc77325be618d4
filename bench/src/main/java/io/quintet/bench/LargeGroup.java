package io.quintet.bench;

/**
 * A sender with answered pairwise sessions to every device of a large group (row 8). One
 * implementation per library; the plaintext is the same 1 KiB for both.
 */
interface LargeGroup {
  /**
   * A send under a sender key no device has yet: the key goes pairwise to every device, then
   * the message is encrypted once under it.
   */
  Object firstSend(byte[] plaintext) throws Exception;

  /** A send under the sender key every device already holds. */
  Object steadySend(byte[] plaintext) throws Exception;

  /** Checks what the last sends produced (after the measurement, untimed). */
  default void check() {}
}
