/**
 * The Double Ratchet's moving parts: key types that can only move forward, session states
 * and records, and the X3DH/PQXDH agreement. Not API: apps use
 * {@link io.quintet.ratchet.SessionBuilder} and {@link io.quintet.ratchet.SessionCipher}.
 */
package io.quintet.ratchet.internal;
