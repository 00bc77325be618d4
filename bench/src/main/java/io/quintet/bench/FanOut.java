package io.quintet.bench;

/** One sender with established sessions to several devices. */
public interface FanOut {
  /** Encrypts {@code plaintext} once for every device; returns the ciphertexts. */
  Object[] encryptToAll(byte[] plaintext) throws Exception;
}
