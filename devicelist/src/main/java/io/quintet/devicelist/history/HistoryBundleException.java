package io.quintet.devicelist.history;

import io.quintet.core.QuintetException;
import java.util.Objects;

/**
 * A history bundle that must not be used, with the reason. Records already read from a bundle
 * that then fails must be discarded: only a bundle read to its authenticated end is complete.
 *
 * <pre>{@code
 * try {
 *   importAll(HistoryBundleReader.open(bundle, download));
 * } catch (HistoryBundleException e) {
 *   rollBackImport();
 *   log.warn("history bundle refused: {} ({})", e.reason(), e.getMessage());
 * }
 * }</pre>
 */
public class HistoryBundleException extends QuintetException {
  private static final long serialVersionUID = 1L;

  /** Why a bundle was refused. */
  public enum Reason {
    /** The descriptor or a frame is not well-formed, or frames come in the wrong order. */
    MALFORMED,
    /** A record is longer than the reader's limit. */
    RECORD_TOO_LARGE,
    /** The bundle ends before its end frame. */
    TRUNCATED,
    /** The number of records differs from what the end frame or the descriptor says. */
    COUNT_MISMATCH,
    /**
     * The encrypted bundle does not authenticate or does not match its descriptor: altered,
     * cut, reordered, or under another key; the cause is the attachment layer's exception.
     */
    CORRUPT
  }

  private final Reason reason;

  public HistoryBundleException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public HistoryBundleException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
