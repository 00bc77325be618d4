package io.quintet.core.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.InvalidKeyException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Small-order points: recognised, refused as identity keys, and really of small order. */
class LowOrderKeysTest {
  private static final String[] LOW_ORDER_U = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  };

  @Test
  void everyListedPointIsOfSmallOrderAndRefusedAsAnIdentity() throws Exception {
    for (String hex : LOW_ORDER_U) {
      Curve25519PublicKey key = Curve25519PublicKey.fromU(HexFormat.of().parseHex(hex));
      assertTrue(key.isLowOrder(), hex);
      // Any clamped scalar is a multiple of the cofactor 8, so the agreement collapses to zero.
      assertThrows(InvalidKeyException.class, () -> Curve25519KeyPair.generate().privateKey().agree(key), hex);
      assertThrows(InvalidKeyException.class, () -> IdentityKey.parse(key.serialize()), hex);
    }
  }

  @Test
  void honestKeysAreNotOfSmallOrder() throws Exception {
    for (int i = 0; i < 50; i++) {
      Curve25519PublicKey key = Curve25519KeyPair.generate().publicKey();
      assertFalse(key.isLowOrder());
      IdentityKey.parse(key.serialize());
    }
  }
}
