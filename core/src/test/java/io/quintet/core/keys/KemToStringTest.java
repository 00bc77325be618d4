package io.quintet.core.keys;

import static io.quintet.core.keys.KemKeyPropertiesTest.assertSecretAbsent;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** toString() of secret-bearing KEM objects names the type and hides the key material. */
class KemToStringTest {

  @Test
  void secretKeyAndKeyPairHideTheSecret() throws Exception {
    for (KemType type : KemType.values()) {
      KemKeyPair pair = KemKeyPair.generate(type);
      byte[] sk = pair.secretKey().serialize();
      for (String s : new String[] {pair.secretKey().toString(), pair.toString()}) {
        assertTrue(s.contains(type.name()), s);
        assertFalse(s.contains(HexFormat.of().formatHex(sk)), s);
        assertSecretAbsent(s, sk);
      }
      // Sanity: the public key prefix is printed as lower-case hex, the form checked above.
      assertTrue(pair.toString().contains(
          HexFormat.of().formatHex(pair.publicKey().serialize(), 1, 9)));
    }
  }

  @Test
  void encapsulationHidesTheSharedSecret() throws Exception {
    for (KemType type : KemType.values()) {
      KemPublicKey.Encapsulation e = KemKeyPair.generate(type).publicKey().encapsulate();
      String s = e.toString().toLowerCase(Locale.ROOT);
      byte[] secret = e.sharedSecret();
      assertTrue(s.contains(type.name().toLowerCase(Locale.ROOT)), s);
      for (int i = 0; i + 4 <= secret.length; i++) {
        assertFalse(s.contains(HexFormat.of().formatHex(secret, i, i + 4)), s);
      }
    }
  }
}
