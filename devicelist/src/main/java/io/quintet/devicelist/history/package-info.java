/**
 * History bundles: when a companion is linked, the primary encrypts its recent messages once
 * into a bundle ({@link io.quintet.devicelist.history.HistoryBundleWriter}), uploads it like an
 * attachment, and sends the small {@link io.quintet.devicelist.history.HistoryBundle} descriptor
 * (which holds the key) through the pairwise session with that companion, which reads the
 * records back with {@link io.quintet.devicelist.history.HistoryBundleReader}.
 */
package io.quintet.devicelist.history;
