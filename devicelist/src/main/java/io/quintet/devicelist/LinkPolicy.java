package io.quintet.devicelist;

import io.quintet.core.Limits;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a primary's approval lasts and how many companions it may approve. Companions stay
 * valid only while the primary keeps re-signing its device list: a list signed longer ago than
 * {@link #companionExpiry()} (14 days by default, as WhatsApp) invalidates its companions, for
 * senders and for the companions themselves; {@link #warnBefore()} ahead of that (2 days by
 * default) the app is told to ask the user to open the primary. Linking by one-time code is
 * refused for an account once {@link #codeLinkFailures()} attempts (5 by default) failed within
 * {@link #codeLinkFailureWindow()} (one hour), until the oldest of them leaves the window.
 *
 * <pre>{@code
 * LinkPolicy strict = LinkPolicy.builder()
 *     .companionExpiry(Duration.ofDays(7))
 *     .codeLinkFailures(3, Duration.ofHours(2))
 *     .build();
 * }</pre>
 */
public final class LinkPolicy {
  public static final LinkPolicy DEFAULT = builder().build();

  private final int maxCompanions;
  private final Duration companionExpiry;
  private final Duration warnBefore;
  private final Duration maxClockSkew;
  private final int codeLinkFailures;
  private final Duration codeLinkFailureWindow;

  private LinkPolicy(Builder b) {
    this.maxCompanions = b.maxCompanions;
    this.companionExpiry = b.companionExpiry;
    this.warnBefore = b.warnBefore;
    this.maxClockSkew = b.maxClockSkew;
    this.codeLinkFailures = b.codeLinkFailures;
    this.codeLinkFailureWindow = b.codeLinkFailureWindow;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int maxCompanions() {
    return maxCompanions;
  }

  public Duration companionExpiry() {
    return companionExpiry;
  }

  public Duration warnBefore() {
    return warnBefore;
  }

  /** How far in the future a list's signing time may lie (the signer's clock may be ahead). */
  public Duration maxClockSkew() {
    return maxClockSkew;
  }

  /**
   * How many code-linking attempts may fail per account within {@link #codeLinkFailureWindow()}
   * before the primary refuses new ones. Each attempt is one guess of a 40-bit code for whoever
   * sent the request, so this bounds an attacker's chance to this many times 2^-40 per window.
   */
  public int codeLinkFailures() {
    return codeLinkFailures;
  }

  /** The sliding window of {@link #codeLinkFailures()}. */
  public Duration codeLinkFailureWindow() {
    return codeLinkFailureWindow;
  }

  /** Builds a {@link LinkPolicy}. */
  public static final class Builder {
    private int maxCompanions = Limits.MAX_COMPANIONS;
    private Duration companionExpiry = Duration.ofDays(14);
    private Duration warnBefore = Duration.ofDays(2);
    private Duration maxClockSkew = Duration.ofMinutes(10);
    private int codeLinkFailures = 5;
    private Duration codeLinkFailureWindow = Duration.ofHours(1);

    private Builder() {}

    /** At most {@link Limits#MAX_COMPANIONS}; lower is allowed. */
    public Builder maxCompanions(int max) {
      if (max < 0 || max > Limits.MAX_COMPANIONS) {
        throw new IllegalArgumentException("companions per account: 0.." + Limits.MAX_COMPANIONS);
      }
      this.maxCompanions = max;
      return this;
    }

    /** Between one minute and one year. */
    public Builder companionExpiry(Duration expiry) {
      this.companionExpiry = within(expiry, Duration.ofMinutes(1), Duration.ofDays(365), "companionExpiry");
      return this;
    }

    /** Between zero and the companion expiry. */
    public Builder warnBefore(Duration warnBefore) {
      this.warnBefore = within(warnBefore, Duration.ZERO, Duration.ofDays(365), "warnBefore");
      return this;
    }

    /** Between zero and one day. */
    public Builder maxClockSkew(Duration skew) {
      this.maxClockSkew = within(skew, Duration.ZERO, Duration.ofDays(1), "maxClockSkew");
      return this;
    }

    /** At most {@code max} (1..100) failed code-linking attempts per {@code window} (1 min..7 days). */
    public Builder codeLinkFailures(int max, Duration window) {
      if (max < 1 || max > 100) {
        throw new IllegalArgumentException("codeLinkFailures must be between 1 and 100");
      }
      this.codeLinkFailureWindow =
          within(window, Duration.ofMinutes(1), Duration.ofDays(7), "codeLinkFailureWindow");
      this.codeLinkFailures = max;
      return this;
    }

    public LinkPolicy build() {
      if (warnBefore.compareTo(companionExpiry) > 0) {
        throw new IllegalArgumentException("warnBefore must not exceed companionExpiry");
      }
      return new LinkPolicy(this);
    }

    private static Duration within(Duration d, Duration min, Duration max, String name) {
      Objects.requireNonNull(d, name);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
      }
      return d;
    }
  }
}
