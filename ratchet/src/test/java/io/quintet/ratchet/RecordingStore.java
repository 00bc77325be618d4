package io.quintet.ratchet;

import io.quintet.core.DeviceAddress;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.keys.Curve25519KeyPair;
import io.quintet.core.keys.Curve25519PrivateKey;
import io.quintet.core.store.ProtocolStore;
import io.quintet.ratchet.internal.RatchetKeySource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * A facade over a shared store that writes down the commit order: every transaction that
 * commits while a test operation runs on this thread appends that operation's id to {@code
 * commits}, inside the store's transaction, so the list is the order in which the store
 * serialized them. Two facades over one store are "two processes": the library's per-session
 * locks are per store object, so only the compare-and-commit keeps them apart.
 *
 * <p>It also marks where each attempt of an operation starts (the library loads the session
 * outside any transaction once per attempt), so that {@link DerivedKeys} hands an attempt the
 * same ratchet keys however often it was retried: a sequential replay then reproduces the
 * concurrent run byte for byte.
 */
final class RecordingStore extends ForwardingStore {
  /** The id of the test operation running on this thread, or null outside one. */
  static final ThreadLocal<Integer> CURRENT_OP = new ThreadLocal<>();
  /** Ratchet keys handed out in the current attempt of the current operation. */
  private static final ThreadLocal<int[]> KEYS_IN_ATTEMPT = ThreadLocal.withInitial(() -> new int[1]);

  private final ProtocolStore delegate;
  private final List<Integer> commits;

  RecordingStore(ProtocolStore delegate, List<Integer> commits) {
    super(delegate);
    this.delegate = delegate;
    this.commits = commits;
  }

  @Override
  public <T, E extends Exception> T atomically(Work<T, E> work) throws E {
    return delegate.atomically(() -> {
      T result = work.run();
      Integer op = CURRENT_OP.get();
      if (op != null) {
        commits.add(op); // still inside the transaction: the list follows the commit order
      }
      return result;
    });
  }

  @Override
  public Optional<byte[]> loadSession(DeviceAddress address) {
    if (!inTransaction()) {
      KEYS_IN_ATTEMPT.get()[0] = 0; // a new attempt begins
    }
    return super.loadSession(address);
  }

  /**
   * Ratchet keys derived from (device, operation, index within the attempt) instead of drawn
   * at random: deterministic, yet a different key for every step that commits.
   */
  static final class DerivedKeys implements RatchetKeySource {
    private final String device;

    DerivedKeys(String device) {
      this.device = device;
    }

    @Override
    public Curve25519KeyPair next() {
      Integer op = CURRENT_OP.get();
      if (op == null) {
        throw new IllegalStateException("ratchet key asked for outside a test operation");
      }
      int index = KEYS_IN_ATTEMPT.get()[0]++;
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(device.getBytes(StandardCharsets.UTF_8));
        sha.update(ByteBuffer.allocate(8).putInt(op).putInt(index).array());
        return Curve25519KeyPair.fromPrivateKey(Curve25519PrivateKey.parse(sha.digest()));
      } catch (java.security.NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
