package io.quintet.interop;

import io.quintet.core.keys.PreKeyBundle;

/**
 * A signal-protocol-java 2.8.1 device (pure Java, X3DH / message version 3 only). Its
 * implementation lives in its own class loader ({@link LegacyClassLoader}); only JDK,
 * Quintet and these interop types cross the boundary. Its exceptions keep their own
 * (child-loader) classes: {@link Peer#duplicateError()} hands out the one tests need.
 */
public interface LegacyDevice {
  String IMPLEMENTATION = "io.quintet.interop.legacy.SignalProtocolJavaDevice";

  static LegacyDevice create(String name) {
    try {
      return (LegacyDevice)
          LegacyClassLoader.instance()
              .loadClass(IMPLEMENTATION)
              .getConstructor(String.class)
              .newInstance(name);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load signal-protocol-java", e);
    }
  }

  /** Generates and stores an X3DH bundle, returned as Quintet parses it from the server. */
  PreKeyBundle publishBundle(boolean oneTimePreKey) throws Exception;

  /** Builds a session to {@code peer} from a bundle a Quintet device published (no KEM). */
  void process(String peer, PreKeyBundle bundle) throws Exception;

  /** This device's registration id. */
  int registrationId();

  /** This device's identity key, serialized ({@code 0x05 ‖ u}). */
  byte[] identityKey();

  /** An XEdDSA signature by this device's identity key (curve25519-java). */
  byte[] sign(byte[] message) throws Exception;

  /** curve25519-java's verdict on a signature by {@code serializedKey} ({@code 0x05 ‖ u}). */
  boolean verify(byte[] serializedKey, byte[] message, byte[] signature) throws Exception;

  /** The session with {@code peer}. */
  Peer session(String peer);
}
