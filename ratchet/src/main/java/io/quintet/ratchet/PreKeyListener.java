package io.quintet.ratchet;

/**
 * Told when a first message consumed one-time prekeys and the stock fell below the policy's
 * threshold, so the app can generate and upload more (see {@link PreKeyManager}). Called on
 * the decrypting thread after the session was committed; keep it quick.
 *
 * <pre>{@code
 * SessionPolicy policy = SessionPolicy.builder()
 *     .preKeyListener((ec, kem) -> uploader.scheduleRefill())
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface PreKeyListener {
  /**
   * @param oneTimePreKeys one-time Curve25519 prekeys left
   * @param oneTimeKemPreKeys one-time KEM prekeys left (last-resort ones not counted)
   */
  void preKeysLow(int oneTimePreKeys, int oneTimeKemPreKeys);
}
