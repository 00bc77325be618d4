/**
 * Thin wrappers over the JDK, Bouncy Castle and Tink primitives that the protocol layers
 * need. Not for apps: nothing here is API and it may change at any time. Nothing here
 * invents a primitive; the only glue with any arithmetic is {@link XEdDSA}.
 */
package io.quintet.core.internal.crypto;
