/**
 * Group messaging with sender keys, wire-compatible with libsignal (v0.86) and, in a legacy
 * mode, with signal-protocol-java 2.8.1.
 *
 * <p>Each member device owns one sender chain per distribution id (one per group and key
 * generation). It sends the chain's {@link io.quintet.core.wire.SenderKeyDistributionMessage}
 * to every other member over pairwise sessions, then encrypts each group message once:
 *
 * <pre>{@code
 * // Alice's laptop, once per group (and again after a member leaves, with a new id):
 * SenderKeyDistributionMessage skdm =
 *     new GroupSessionBuilder(aliceStore).create(aliceLaptop, distributionId);
 * // ... deliver skdm.serialize() to each member device inside a SessionCipher message ...
 * byte[] wire = new GroupCipher(aliceStore, aliceLaptop).encrypt(distributionId, plaintext);
 *
 * // Bob's phone:
 * new GroupSessionBuilder(bobStore).process(aliceLaptop, SenderKeyDistributionMessage.parse(p));
 * byte[] plain = new GroupCipher(bobStore, bobPhone).decrypt(aliceLaptop, wire);
 * }</pre>
 *
 * <p>Inside: {@code SenderChainKey} (steps forward only), {@code SenderMessageKey} (used
 * once), {@code SkippedMessageKeys} (the bounded receive window), {@code SenderKeyState} (one
 * chain), {@code SenderKeyRecord} (up to five chains, the stored bytes), {@code
 * SenderKeyStorage} (load, and save atomically on success) and {@code SenderKeyLocks} (one
 * lock stripe per sender key).
 */
package io.quintet.ratchet.group;
