package io.quintet.ratchet;

import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.ProtocolStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The prekey lifecycle of one device: batches of one-time prekeys, and rotation of the signed
 * prekey and the last-resort KEM prekey. A rotated key is kept for a grace period (30 days by
 * default) so that first messages still in flight decrypt; after that it is deleted. The
 * newest key of each kind is never deleted.
 *
 * <pre>{@code
 * PreKeyManager keys = new PreKeyManager(store, Clock.systemUTC());
 * List<OneTimePreKey> batch = keys.generateOneTimePreKeys(100);   // upload their publics
 * SignedPreKey spk = keys.rotateSignedPreKey();                    // e.g. weekly
 * KemPreKey lastResort = keys.rotateLastResortKemPreKey(KemType.ML_KEM_1024);
 * }</pre>
 */
public final class PreKeyManager {
  /** Prekey ids are 24-bit. */
  private static final int ID_SPACE = 0xFFFFFF;

  private final ProtocolStore store;
  private final Clock clock;
  private final Duration gracePeriod;

  public PreKeyManager(ProtocolStore store, Clock clock) {
    this(store, clock, Duration.ofDays(30));
  }

  public PreKeyManager(ProtocolStore store, Clock clock, Duration gracePeriod) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
  }

  /**
   * Generates and stores {@code count} one-time prekeys. Ids start at a random point of the
   * 24-bit space (so a reinstalled device does not reuse ids still named by messages in flight)
   * and skip any id still in the store.
   */
  public List<OneTimePreKey> generateOneTimePreKeys(int count) {
    List<OneTimePreKey> out = new ArrayList<>(count);
    int id = nextId(-1);
    long now = clock.millis();
    while (out.size() < count) {
      if (store.loadPreKey(id).isEmpty()) {
        out.add(OneTimePreKey.generate(id, now));
      }
      id = id % ID_SPACE + 1;
    }
    store.atomically(
        () -> {
          out.forEach(store::storePreKey);
          return null;
        });
    return out;
  }

  /** Generates and stores {@code count} signed one-time KEM prekeys. */
  public List<KemPreKey> generateOneTimeKemPreKeys(int count, KemType type) {
    List<KemPreKey> out = new ArrayList<>(count);
    int id = nextKemId();
    IdentityKeyPair identity = store.identityKeyPair();
    long now = clock.millis();
    for (int i = 0; i < count; i++) {
      out.add(KemPreKey.generate(id, now, type, identity, false));
      id = id % ID_SPACE + 1;
    }
    store.atomically(
        () -> {
          out.forEach(store::storeKemPreKey);
          return null;
        });
    return out;
  }

  /** A new signed prekey; older ones past the grace period are deleted. */
  public SignedPreKey rotateSignedPreKey() {
    List<SignedPreKey> existing = store.signedPreKeys();
    int id = nextId(existing.stream().mapToInt(SignedPreKey::id).max().orElse(-1));
    long now = clock.millis();
    SignedPreKey fresh = SignedPreKey.generate(id, now, store.identityKeyPair());
    store.atomically(
        () -> {
          store.storeSignedPreKey(fresh);
          for (SignedPreKey old : existing) {
            if (expired(old.timestamp(), now)) {
              store.removeSignedPreKey(old.id());
            }
          }
          return null;
        });
    return fresh;
  }

  /** A new last-resort KEM prekey; older last-resort ones past the grace period are deleted. */
  public KemPreKey rotateLastResortKemPreKey(KemType type) {
    List<KemPreKey> lastResort = new ArrayList<>();
    for (KemPreKey k : store.kemPreKeys()) {
      if (k.isLastResort()) {
        lastResort.add(k);
      }
    }
    long now = clock.millis();
    KemPreKey fresh = KemPreKey.generate(nextKemId(), now, type, store.identityKeyPair(), true);
    store.atomically(
        () -> {
          store.storeKemPreKey(fresh);
          for (KemPreKey old : lastResort) {
            if (expired(old.timestamp(), now)) {
              store.removeKemPreKey(old.id());
            }
          }
          return null;
        });
    return fresh;
  }

  /** One-time prekeys left. */
  public int oneTimePreKeyCount() {
    return store.countPreKeys();
  }

  /** One-time (not last-resort) KEM prekeys left. */
  public int oneTimeKemPreKeyCount() {
    return countOneTimeKem(store);
  }

  static int countOneTimeKem(ProtocolStore store) {
    int n = 0;
    for (KemPreKey k : store.kemPreKeys()) {
      if (!k.isLastResort()) {
        n++;
      }
    }
    return n;
  }

  private boolean expired(long timestamp, long now) {
    return timestamp + gracePeriod.toMillis() < now;
  }

  private int nextKemId() {
    return nextId(store.kemPreKeys().stream().map(KemPreKey::id).max(Comparator.naturalOrder())
        .orElse(-1));
  }

  /** The id after {@code max}, or a random start so ids of a reinstalled device do not repeat. */
  private static int nextId(int max) {
    return max < 0 ? 1 + Rng.secureRandom().nextInt(ID_SPACE / 2) : max % ID_SPACE + 1;
  }
}
