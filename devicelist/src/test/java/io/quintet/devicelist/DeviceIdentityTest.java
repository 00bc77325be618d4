package io.quintet.devicelist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.keys.IdentityKeyPair;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The account and device signatures of a companion's identity. */
class DeviceIdentityTest {
  private final AccountId alice = AccountId.of("alice");
  private final IdentityKeyPair phone = IdentityKeyPair.generate();
  private final IdentityKeyPair laptop = IdentityKeyPair.generate();

  private DeviceIdentity linked() throws Exception {
    return DeviceIdentity.approve(phone, alice, DeviceId.of(1), 1, 1000, laptop.identityKey())
        .counterSign(laptop, phone.identityKey());
  }

  @Test
  void anApprovedAndCounterSignedIdentityVerifiesAndRoundTrips() throws Exception {
    DeviceIdentity d = linked();
    d.verify(phone.identityKey());
    DeviceIdentity parsed = DeviceIdentity.parse(d.serialize());
    parsed.verify(phone.identityKey());
    assertEquals(alice, parsed.account());
    assertEquals(DeviceId.of(1), parsed.deviceId());
    assertEquals(laptop.identityKey(), parsed.identityKey());
    assertTrue(parsed.isCounterSigned());
  }

  @Test
  void anotherPrimaryOrAMissingCounterSignatureDoesNotVerify() throws Exception {
    IdentityKeyPair otherPrimary = IdentityKeyPair.generate();
    assertThrows(InvalidSignatureException.class, () -> linked().verify(otherPrimary.identityKey()));
    DeviceIdentity approvedOnly =
        DeviceIdentity.approve(phone, alice, DeviceId.of(1), 1, 1000, laptop.identityKey());
    assertFalse(approvedOnly.isCounterSigned());
    assertThrows(InvalidSignatureException.class, () -> approvedOnly.verify(phone.identityKey()));
  }

  @Test
  void aCompanionRefusesAnApprovalForAnotherKeyOrFromAnotherPrimary() {
    IdentityKeyPair tablet = IdentityKeyPair.generate();
    DeviceIdentity forTablet =
        DeviceIdentity.approve(phone, alice, DeviceId.of(2), 2, 1000, tablet.identityKey());
    assertThrows(InvalidSignatureException.class, () -> forTablet.counterSign(laptop, phone.identityKey()));
    DeviceIdentity forLaptop =
        DeviceIdentity.approve(phone, alice, DeviceId.of(1), 1, 1000, laptop.identityKey());
    assertThrows(InvalidSignatureException.class,
        () -> forLaptop.counterSign(laptop, IdentityKeyPair.generate().identityKey()));
  }

  @Test
  void theCounterSignatureBindsThePrimary() throws Exception {
    // A device signature made for one primary does not carry over to another primary's
    // approval of the same details (it covers the primary's key).
    IdentityKeyPair mallory = IdentityKeyPair.generate();
    DeviceIdentity honest = linked();
    DeviceIdentity reApproved =
        DeviceIdentity.approve(mallory, alice, DeviceId.of(1), 1, 1000, laptop.identityKey());
    byte[] spliced = splice(reApproved.serialize(), honest.serialize());
    DeviceIdentity forged = DeviceIdentity.parse(spliced);
    assertThrows(InvalidSignatureException.class, () -> forged.verify(mallory.identityKey()));
  }

  /** Mallory's details and account signature with the honest device signature. */
  private static byte[] splice(byte[] mallorys, byte[] honest) throws Exception {
    var m = io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceIdentity.parseFrom(mallorys);
    var h = io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceIdentity.parseFrom(honest);
    return m.toBuilder().setDeviceSignature(h.getDeviceSignature()).build().toByteArray();
  }

  @Test
  void anAccountSignatureIsNotAListSignature() throws Exception {
    // Domain separation: the three signature kinds sign different prefixes.
    assertFalse(java.util.Arrays.equals(SignatureDomains.ACCOUNT_SIGNATURE, SignatureDomains.DEVICE_LIST));
    assertFalse(java.util.Arrays.equals(SignatureDomains.ACCOUNT_SIGNATURE, SignatureDomains.DEVICE_SIGNATURE));
    byte[] details = {1, 2, 3};
    byte[] sig = phone.sign(SignatureDomains.concat(SignatureDomains.ACCOUNT_SIGNATURE, details));
    assertFalse(phone.identityKey().verifySignature(
        SignatureDomains.concat(SignatureDomains.DEVICE_LIST, details), sig));
  }

  @Test
  void garbageAndMutationsOnlyRaiseTheTypedExceptionOrFailVerification() throws Exception {
    DeviceIdentity original = linked();
    byte[] valid = original.serialize();
    qt().withExamples(1500).forAll(integers().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      byte[] input = valid.clone();
      if (r.nextInt(4) == 0) {
        input = new byte[r.nextInt(300)];
        r.nextBytes(input);
      } else {
        for (int i = 0; i <= r.nextInt(3); i++) {
          input[r.nextInt(input.length)] ^= (byte) (1 + r.nextInt(255));
        }
      }
      try {
        DeviceIdentity parsed = DeviceIdentity.parse(input);
        parsed.verify(phone.identityKey());
        // Whatever still verifies must say exactly what the primary signed.
        assertEquals(original.account(), parsed.account());
        assertEquals(original.deviceId(), parsed.deviceId());
        assertEquals(original.keyIndex(), parsed.keyIndex());
        assertEquals(original.timestamp(), parsed.timestamp());
        assertEquals(original.identityKey(), parsed.identityKey());
      } catch (InvalidMessageException | InvalidSignatureException expected) {
        // typed
      } catch (Exception e) {
        throw new AssertionError("seed " + seed + ": " + e, e);
      }
    });
  }
}
