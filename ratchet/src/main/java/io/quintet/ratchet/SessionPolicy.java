package io.quintet.ratchet;

import io.quintet.core.Limits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The choices a session makes that are policy, not protocol. The defaults are libsignal's:
 * post-quantum (PQXDH) sessions only, a forward jump of at most 25 000 messages, and a
 * first-message session that goes unanswered for 30 days is considered stale.
 *
 * <pre>{@code
 * SessionPolicy ownDevices = SessionPolicy.builder().maxForwardJumps(1_000_000).build();
 * SessionPolicy legacyPeers = SessionPolicy.builder().allowX3dh(true).build();
 * }</pre>
 */
public final class SessionPolicy {
  /** libsignal's defaults. */
  public static final SessionPolicy DEFAULT = builder().build();

  private final boolean allowX3dh;
  private final int maxForwardJumps;
  private final Duration maxUnacknowledgedAge;
  private final Clock clock;
  private final PreKeyListener preKeyListener;
  private final int lowPreKeyThreshold;

  private SessionPolicy(Builder b) {
    this.allowX3dh = b.allowX3dh;
    this.maxForwardJumps = b.maxForwardJumps;
    this.maxUnacknowledgedAge = b.maxUnacknowledgedAge;
    this.clock = b.clock;
    this.preKeyListener = b.preKeyListener;
    this.lowPreKeyThreshold = b.lowPreKeyThreshold;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether version-3 (X3DH, no KEM) sessions may be built or accepted. */
  public boolean allowX3dh() {
    return allowX3dh;
  }

  public int maxForwardJumps() {
    return maxForwardJumps;
  }

  public Duration maxUnacknowledgedAge() {
    return maxUnacknowledgedAge;
  }

  public Clock clock() {
    return clock;
  }

  /** Told when one-time prekeys run low; null when nobody listens. */
  public PreKeyListener preKeyListener() {
    return preKeyListener;
  }

  /** Below this many one-time prekeys (of either kind) the listener is told. */
  public int lowPreKeyThreshold() {
    return lowPreKeyThreshold;
  }

  /** Builds a {@link SessionPolicy}. */
  public static final class Builder {
    private boolean allowX3dh;
    private int maxForwardJumps = Limits.MAX_FORWARD_JUMPS;
    private Duration maxUnacknowledgedAge = Duration.ofDays(30);
    private Clock clock = Clock.systemUTC();
    private PreKeyListener preKeyListener;
    private int lowPreKeyThreshold = 10;

    private Builder() {}

    /** Who to tell when a first message leaves fewer one-time prekeys than the threshold. */
    public Builder preKeyListener(PreKeyListener listener) {
      this.preKeyListener = listener;
      return this;
    }

    public Builder lowPreKeyThreshold(int threshold) {
      this.lowPreKeyThreshold = threshold;
      return this;
    }

    /** Allow X3DH sessions (no post-quantum KEM), e.g. for signal-protocol-java peers. */
    public Builder allowX3dh(boolean allow) {
      this.allowX3dh = allow;
      return this;
    }

    /** The largest counter jump accepted in one chain; raise it only for own devices. */
    public Builder maxForwardJumps(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxForwardJumps must not be negative");
      }
      this.maxForwardJumps = max;
      return this;
    }

    public Builder maxUnacknowledgedAge(Duration age) {
      this.maxUnacknowledgedAge = Objects.requireNonNull(age, "age");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SessionPolicy build() {
      return new SessionPolicy(this);
    }
  }
}
