package io.quintet.devicelist.link;

import io.quintet.core.internal.crypto.HmacSha256;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.devicelist.link.CodeLinkException.Reason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The primary's bookkeeping of code-linking attempts for one account, in memory:
 *
 * <ul>
 *   <li>a sliding window of <em>unconfirmed</em> attempts: each exchange is recorded before
 *       SPAKE2's {@code finish} runs, and forgiven only when the companion's confirmation
 *       verifies. A run that is abandoned, never answered or answered wrongly stays counted;
 *   <li>the requests (refs) and codes already spent on an exchange, so one request or one typed
 *       code never gets a second exchange (which would be a second guess for its sender). Codes
 *       are remembered as an HMAC under a key that lives only in this object.
 * </ul>
 *
 * Not thread-safe: its owner serializes calls.
 */
final class LinkAttempts {
  /** No code or request lives longer, so nothing needs remembering longer. */
  static final Duration MEMORY = Duration.ofMinutes(30);

  /** One recorded exchange, forgiven if it confirms. */
  static final class Attempt {
    final long at;

    private Attempt(long at) {
      this.at = at;
    }
  }

  private final int max;
  private final long windowMillis;
  private final List<Attempt> unconfirmed = new ArrayList<>();
  private final Map<ByteBuffer, Long> spent = new HashMap<>(); // tag -> forget after
  private final byte[] codeKey = Rng.bytes(32);

  LinkAttempts(int max, Duration window) {
    this.max = max;
    this.windowMillis = window.toMillis();
  }

  /** Refuses when {@code max} unconfirmed attempts lie within the window before {@code now}. */
  void checkAllowed(long now) throws CodeLinkException {
    prune(now);
    if (unconfirmed.size() >= max) {
      long oldest = unconfirmed.stream().mapToLong(a -> a.at).min().orElse(now);
      throw new CodeLinkException(Reason.TOO_MANY_ATTEMPTS, unconfirmed.size()
          + " failed linking attempts within " + Duration.ofMillis(windowMillis)
          + "; try again after " + Instant.ofEpochMilli(oldest + windowMillis));
    }
  }

  /** Refuses a request or a code that already had its exchange. */
  void checkUnspent(byte[] ref, byte[] code, long now) throws CodeLinkException {
    prune(now);
    if (spent.containsKey(refTag(ref))) {
      throw new CodeLinkException(Reason.CODE_USED, "this link request was already answered");
    }
    if (spent.containsKey(codeTag(code))) {
      throw new CodeLinkException(Reason.CODE_USED,
          "this code was already tried: get a new one on the new device");
    }
  }

  /** Counts one exchange of {@code code} with request {@code ref}; call before finish. */
  Attempt record(byte[] ref, byte[] code, long now) {
    long forgetAt = now + MEMORY.toMillis();
    spent.put(refTag(ref), forgetAt);
    spent.put(codeTag(code), forgetAt);
    Attempt a = new Attempt(now);
    unconfirmed.add(a);
    return a;
  }

  /** The attempt's confirmation verified: it no longer counts as failed. */
  void forgive(Attempt a) {
    unconfirmed.remove(a);
  }

  int unconfirmed(long now) {
    prune(now);
    return unconfirmed.size();
  }

  private void prune(long now) {
    // A clock set back keeps entries longer, never shorter: the safe direction.
    unconfirmed.removeIf(a -> a.at <= now - windowMillis);
    spent.values().removeIf(forgetAt -> forgetAt <= now);
  }

  private static ByteBuffer refTag(byte[] ref) {
    byte[] tag = new byte[1 + ref.length]; // 0x00 ‖ ref: refs are public
    System.arraycopy(ref, 0, tag, 1, ref.length);
    return ByteBuffer.wrap(tag);
  }

  private ByteBuffer codeTag(byte[] code) {
    byte[] mac = HmacSha256.mac(codeKey, code); // 32 bytes: never equal to a 17-byte ref tag
    return ByteBuffer.wrap(mac);
  }

  @Override
  public String toString() {
    return "LinkAttempts[" + unconfirmed.size() + " unconfirmed, max " + max + "]";
  }
}
