package io.quintet.interop;

/**
 * One side of an established (or being established) pairwise session, whatever library
 * implements it. Exceptions are the library's own, so tests can assert on its typed errors.
 */
public interface Peer {
  /** A short name for assertion messages, e.g. "quintet(alice)" or "libsignal(bob)". */
  String name();

  Wire encrypt(byte[] plaintext) throws Exception;

  byte[] decrypt(Wire message) throws Exception;

  /** The peer's registration id as this side's session recorded it. */
  int remoteRegistrationId() throws Exception;

  /** The exception this library throws for a message it has already decrypted. */
  Class<? extends Exception> duplicateError();
}
