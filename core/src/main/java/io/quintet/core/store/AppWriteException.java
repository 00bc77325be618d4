package io.quintet.core.store;

import io.quintet.core.QuintetException;

/**
 * The app's {@link TransactionHook} failed, so the whole operation was rolled back: the
 * session and every other record are as they were, and the message can be processed again.
 * The cause is the hook's exception.
 *
 * <pre>{@code
 * try {
 *   cipher.decrypt(message, plain -> inbox.insert(plain));
 * } catch (AppWriteException e) {
 *   retryLater(message); // nothing was consumed
 * }
 * }</pre>
 */
public final class AppWriteException extends QuintetException {
  private static final long serialVersionUID = 1L;

  public AppWriteException(Throwable cause) {
    super("the app's write in the library's transaction failed; nothing was committed", cause);
  }
}
