/**
 * Safety numbers: the 60 digits and the QR code two users compare to verify each other's
 * identity keys, computed as libsignal's {@code NumericFingerprintGenerator} does.
 *
 * <pre>{@code
 * SafetyNumber n = SafetyNumber.forAccounts(me, myPrimaryKey, peer, peerPrimaryKey);
 * show(n.displayableGrouped(), n.scannable());
 * boolean verified = n.matchesScanned(scannedFromPeer);
 * }</pre>
 */
package io.quintet.core.fingerprint;
