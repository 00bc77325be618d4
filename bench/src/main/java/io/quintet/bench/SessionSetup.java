package io.quintet.bench;

/**
 * One session setup from a prekey bundle: {@link #prepare()} makes fresh stores for Alice and
 * Bob and publishes a fresh bundle of Bob's (untimed); {@link #run} is the timed part.
 */
public interface SessionSetup {
  /** Fresh stores, fresh one-time EC and KEM prekeys, a bundle for them. Not measured. */
  void prepare() throws Exception;

  /**
   * Alice processes the bundle and encrypts {@code plaintext} (a PREKEY message); Bob decrypts
   * it, building his side of the session. Returns Bob's plaintext.
   */
  byte[] run(byte[] plaintext) throws Exception;
}
