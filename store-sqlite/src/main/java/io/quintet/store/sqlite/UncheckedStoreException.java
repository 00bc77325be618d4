package io.quintet.store.sqlite;

import java.util.Objects;

/**
 * A {@link StoreException} thrown from a store method whose interface cannot declare it (every
 * {@link io.quintet.core.store.ProtocolStore} method): a tampered row, a full disk, a busy
 * timeout. The library lets it pass through its operations with nothing committed; the cause
 * carries the {@link StoreException.Reason}.
 *
 * <pre>{@code
 * try {
 *   cipher.encrypt(plaintext);
 * } catch (UncheckedStoreException e) {
 *   if (e.getCause().reason() == StoreException.Reason.TAMPERED) alarm();
 * }
 * }</pre>
 */
public final class UncheckedStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UncheckedStoreException(StoreException cause) {
    super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
  }

  @Override
  public synchronized StoreException getCause() {
    return (StoreException) super.getCause();
  }
}
