package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quintet.core.AccountId;
import io.quintet.devicelist.internal.proto.DeviceListProtos.SignedDeviceListRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a sender does with the list the server serves: a copy of the accepted version in other
 * bytes is ignored without being verified again (it cannot be newer), while a newer list that
 * does not verify is reported and the accepted one is used.
 */
class ServedListTest {
  private final Accounts world = new Accounts();
  private final AccountId bob = AccountId.of("bob");

  private static byte[] withBrokenSignature(byte[] list) throws Exception {
    SignedDeviceListRecord r = SignedDeviceListRecord.parseFrom(list);
    byte[] sig = r.getSignature().toByteArray();
    sig[0] ^= 1;
    return r.toBuilder().setSignature(ByteString.copyFrom(sig)).build().toByteArray();
  }

  @Test
  void aCopyOfTheAcceptedVersionIsIgnoredAndANewerForgeryReported() throws Exception {
    QuintetDevice alice = world.primary("alice");
    QuintetDevice bobPhone = world.primary("bob");
    world.linkByQr(bobPhone);
    alice.encrypt(List.of(bob), Payload.text("first")); // alice accepts bob's list
    byte[] accepted = alice.knownDeviceList(bob).orElseThrow().signedList().serialize();

    world.server.serveList(bob, withBrokenSignature(accepted));
    Outgoing same = alice.encrypt(List.of(bob), Payload.text("second"));
    assertTrue(same.listProblems().isEmpty(), same.listProblems().toString());
    assertEquals(2, same.envelopes().size());

    world.linkByQr(bobPhone); // bob's list moves on
    byte[] newer = bobPhone.knownDeviceList(bob).orElseThrow().signedList().serialize();
    world.server.serveList(bob, withBrokenSignature(newer));
    Outgoing forged = alice.encrypt(List.of(bob), Payload.text("third"));
    assertTrue(forged.listProblems().containsKey(bob), "a newer list that does not verify is reported");
    assertEquals(2, forged.envelopes().size(), "the accepted list is still used");
  }
}
