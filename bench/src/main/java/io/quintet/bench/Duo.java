package io.quintet.bench;

/**
 * Two devices, Alice and Bob, with an established session (first message answered, so both
 * sides have a sending chain). Each call encrypts on one side and decrypts on the other, through
 * the library's own public API and its in-memory store.
 */
public interface Duo {
  /** Alice encrypts, Bob decrypts; returns Bob's plaintext. */
  byte[] aliceToBob(byte[] plaintext) throws Exception;

  /** Bob encrypts, Alice decrypts; returns Alice's plaintext. */
  byte[] bobToAlice(byte[] plaintext) throws Exception;

  /** Alice's serialized session record with Bob, as her store holds it. */
  byte[] aliceRecord() throws Exception;

  /** Bob's serialized session record with Alice. */
  byte[] bobRecord() throws Exception;
}
