package io.quintet.devicelist.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quintet.core.DeviceId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.DeviceListVerifier;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.SignedDeviceList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list that names a fifth companion, every signature genuine (a compromised primary, or a
 * server replaying a primary's old approvals into a new list): refused by the primary itself
 * and by every verifier, under the default policy and under a stricter one.
 */
class FiveCompanionsTest {
  private final Accounts a = new Accounts();

  @Test
  void aFifthCompanionIsRefusedEverywhere() throws Exception {
    for (int i = 0; i < 4; i++) {
      a.link(IdentityKeyPair.generate());
    }
    DeviceListException full = assertThrows(DeviceListException.class,
        () -> a.devices.approve(IdentityKeyPair.generate().identityKey()));
    assertEquals(DeviceListException.Reason.TOO_MANY_COMPANIONS, full.reason());
    a.bob.accept(a.current());
    List<DeviceIdentity> five = new ArrayList<>(a.current().identities());
    IdentityKeyPair fifth = IdentityKeyPair.generate();
    five.add(DeviceIdentity.approve(a.phone, a.alice, DeviceId.of(5), 5, a.clock.millis(),
        fifth.identityKey()).counterSign(fifth, a.phone.identityKey()));
    SignedDeviceList overfull = SignedDeviceList.sign(a.phone, a.alice,
        a.current().version() + 1, a.clock.millis(), five, 6);
    a.watch();
    DeviceListException e = assertThrows(DeviceListException.class, () -> a.bob.accept(overfull));
    assertEquals(DeviceListException.Reason.TOO_MANY_COMPANIONS, e.reason());
    a.assertUntouched();
  }

  @Test
  void aStricterPolicyRefusesFewer() throws Exception {
    a.link(IdentityKeyPair.generate());
    a.link(IdentityKeyPair.generate());
    DeviceListVerifier strict = new DeviceListVerifier(a.bobStore,
        LinkPolicy.builder().maxCompanions(1).build(), a.clock);
    a.watch();
    DeviceListException e = assertThrows(DeviceListException.class, () -> strict.accept(a.current()));
    assertEquals(DeviceListException.Reason.TOO_MANY_COMPANIONS, e.reason());
    a.assertUntouched();
  }
}
