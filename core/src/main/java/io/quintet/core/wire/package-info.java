/**
 * The Signal protocol's wire messages, parsed and validated into immutable types at the
 * boundary. Byte layouts follow libsignal v0.86: a version byte (message version in the high
 * nibble), a protobuf body, and for {@link io.quintet.core.wire.SignalMessage} an 8-byte
 * truncated HMAC-SHA256, for {@link io.quintet.core.wire.SenderKeyMessage} a 64-byte XEdDSA
 * signature. Every malformed input is an {@link io.quintet.core.InvalidMessageException}.
 */
package io.quintet.core.wire;
