package io.quintet.core.store;

/**
 * The app's own writes, run inside the store transaction of a library operation, after the
 * library's writes and before the commit: the decrypted message is stored together with the
 * ratchet step that produced it, or the outgoing ciphertext together with the step that used
 * its message key. If the hook throws, nothing of the operation is committed.
 *
 * <pre>{@code
 * byte[] plain = cipher.decrypt(message, plaintext -> inbox.insert(sender, plaintext));
 * }</pre>
 *
 * <p>The hook runs while the library holds the session's lock and the store's transaction:
 * keep it to store writes (no network, no user interface), and do not call other Quintet
 * operations from it.
 */
@FunctionalInterface
public interface TransactionHook<T> {
  void run(T result) throws Exception;
}
