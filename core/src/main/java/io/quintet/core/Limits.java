package io.quintet.core;

/**
 * Every protocol limit in one place. The defaults are libsignal's (v0.86), so Quintet
 * accepts exactly what Signal peers send and refuses what they refuse; where a limit is a
 * policy (per-session or per-account), the session and device APIs take an override.
 */
public final class Limits {
  private Limits() {}

  /** Largest forward jump in one receiving chain; a larger counter is refused before any work. */
  public static final int MAX_FORWARD_JUMPS = 25_000;

  /** Stored skipped message keys per receiving chain (oldest dropped first). */
  public static final int MAX_MESSAGE_KEYS = 2_000;

  /** Receiving chains kept per session state. */
  public static final int MAX_RECEIVER_CHAINS = 5;

  /** Previous (archived) session states kept per peer device. */
  public static final int ARCHIVED_STATES_MAX_LENGTH = 40;

  /** Sender-key states kept per (sender, distribution id). */
  public static final int MAX_SENDER_KEY_STATES = 5;

  /** Largest serialized Signal message accepted from the wire. */
  public static final int MAX_MESSAGE_BYTES = 1 << 20;

  /**
   * Largest plaintext one pairwise or group message carries, so that its ciphertext stays under
   * {@link #MAX_MESSAGE_BYTES}; larger content goes as an attachment.
   */
  public static final int MAX_PLAINTEXT_BYTES = MAX_MESSAGE_BYTES - 8 * 1024;

  /** Companion devices per account, besides the primary. */
  public static final int MAX_COMPANIONS = 4;
}
