package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.keys.KemType;
import io.quintet.core.store.ProtocolStore;
import io.quintet.devicelist.LinkPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The entry point: builds a {@link QuintetDevice} over a store and the app's server adapter.
 *
 * <pre>{@code
 * QuintetDevice phone = Quintet.device()
 *     .store(store)                       // SqliteStore, or InMemoryProtocolStore in tests
 *     .server(appServer)                  // the app's AccountServer
 *     .createPrimary(AccountId.of("alice"));
 * QuintetDevice laptop = Quintet.device().store(laptopStore).server(appServer).createCompanion();
 * QuintetDevice again = Quintet.device().store(store).server(appServer).open();
 * }</pre>
 */
public final class Quintet {
  private Quintet() {}

  public static Builder device() {
    return new Builder();
  }

  /** Options of a device; only the store and the server are required. */
  public static final class Builder {
    private ProtocolStore store;
    private AccountServer server;
    private Clock clock = Clock.systemUTC();
    private LinkPolicy linkPolicy = LinkPolicy.DEFAULT;
    private KemType kemType = KemType.ML_KEM_1024;
    private Executor executor = ForkJoinPool.commonPool();
    private int sentCacheSize = 500;
    private Duration refreshAfter = Duration.ofDays(1);
    private Duration rebuildInterval = Duration.ofHours(1);
    private int maxRetries = 5;

    private Builder() {}

    public Builder store(ProtocolStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder server(AccountServer server) {
      this.server = Objects.requireNonNull(server, "server");
      return this;
    }

    /** The clock for expiry and timestamps (tests inject one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Companion limit and expiry (14 days by default). */
    public Builder linkPolicy(LinkPolicy policy) {
      this.linkPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The KEM of the prekeys this device generates (ML-KEM-1024 by default; Kyber for Signal). */
    public Builder kemType(KemType kemType) {
      this.kemType = Objects.requireNonNull(kemType, "kemType");
      return this;
    }

    /**
     * Where a large fan-out's independent sessions are encrypted in parallel, next to the
     * calling thread (the common pool by default). A fan-out to fewer than 32 devices runs
     * on the calling thread alone; {@code Runnable::run} keeps every fan-out there.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How many recent sent messages are kept (in memory) to answer retry requests. */
    public Builder sentCacheSize(int size) {
      if (size < 0 || size > 100_000) {
        throw new IllegalArgumentException("sent cache size must be 0..100000");
      }
      this.sentCacheSize = size;
      return this;
    }

    /** The primary re-signs its list when used and the list is older than this (1 day). */
    public Builder refreshAfter(Duration refreshAfter) {
      this.refreshAfter = Objects.requireNonNull(refreshAfter, "refreshAfter");
      return this;
    }

    /** Minimum time between two re-creations of one device's session from retries (1 hour). */
    public Builder rebuildInterval(Duration interval) {
      this.rebuildInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** Retry requests per message before giving up (5). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 20) {
        throw new IllegalArgumentException("max retries must be 0..20");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    private DeviceContext context() {
      Objects.requireNonNull(store, "store is required");
      Objects.requireNonNull(server, "server is required");
      // Checked together, whatever order the options were set in.
      if (refreshAfter.isNegative() || refreshAfter.isZero()
          || refreshAfter.compareTo(linkPolicy.companionExpiry().minus(linkPolicy.warnBefore())) >= 0) {
        throw new IllegalArgumentException(
            "the primary must re-sign its list before companions are warned of expiry");
      }
      if (rebuildInterval.isNegative() || rebuildInterval.isZero()) {
        throw new IllegalArgumentException("the rebuild interval must be positive");
      }
      return new DeviceContext(store, server, clock, linkPolicy, kemType, executor, sentCacheSize,
          refreshAfter, rebuildInterval, maxRetries);
    }

    /**
     * Creates the primary device of a new account in an empty store and publishes the
     * account's first device list.
     *
     * @throws IllegalStateException if the store already holds a device
     * @throws IOException if the first list could not be published
     */
    public QuintetDevice createPrimary(AccountId account) throws IOException {
      DeviceContext ctx = context();
      return new QuintetDevice(ctx, Lifecycle.createPrimary(ctx, account));
    }

    /**
     * Creates a fresh companion in an empty store, ready to be linked by QR code or by code.
     *
     * @throws IllegalStateException if the store already holds a device
     */
    public QuintetDevice createCompanion() {
      DeviceContext ctx = context();
      return new QuintetDevice(ctx, Lifecycle.createCompanion(ctx));
    }

    /**
     * Opens the device a store already holds.
     *
     * @throws IllegalStateException if the store holds no device
     */
    public QuintetDevice open() {
      DeviceContext ctx = context();
      return new QuintetDevice(ctx, Lifecycle.open(ctx));
    }
  }
}
