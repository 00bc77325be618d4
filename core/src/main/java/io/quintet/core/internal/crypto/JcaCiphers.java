package io.quintet.core.internal.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/** Looks up the JDK's (AES-NI accelerated) cipher implementations. */
final class JcaCiphers {
  private JcaCiphers() {}

  static Cipher get(String transformation) {
    try {
      return Cipher.getInstance(transformation);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(transformation + " missing from the JDK", e);
    }
  }
}
