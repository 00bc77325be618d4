package io.quintet.bench;

/**
 * A sender-key group of two devices: Alice has created her sender key and Bob has processed
 * her distribution message.
 */
public interface Group {
  /** Alice encrypts one group message (signed with her sender signing key). */
  byte[] encrypt(byte[] plaintext) throws Exception;

  /** Bob verifies and decrypts one of Alice's group messages. */
  byte[] decrypt(byte[] message) throws Exception;
}
