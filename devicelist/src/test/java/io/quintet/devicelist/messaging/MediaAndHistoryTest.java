package io.quintet.devicelist.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quintet.core.AccountId;
import io.quintet.core.attachment.AttachmentCipher;
import io.quintet.core.attachment.AttachmentPointer;
import io.quintet.devicelist.history.HistoryBundle;
import io.quintet.devicelist.history.HistoryBundleReader;
import io.quintet.devicelist.history.HistoryBundleWriter;
import io.quintet.devicelist.history.HistoryRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Photos go as pointers in the fan-out message; history goes to one companion only. */
class MediaAndHistoryTest {
  private final Accounts world = new Accounts();
  private final AccountId alice = AccountId.of("alice");
  private final AccountId bob = AccountId.of("bob");

  @Test
  void aPhotoIsEncryptedOnceAndEveryDeviceDecryptsItFromThePointer() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice laptop = world.linkByQr(phone);
    QuintetDevice bobPhone = world.primary("bob");
    byte[] photo = new byte[300_000];
    new Random(7).nextBytes(photo);
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    AttachmentPointer pointer = AttachmentCipher.encrypt(new ByteArrayInputStream(photo), blob,
        "image/jpeg", "beach.jpg");
    Outgoing out = bobPhone.encrypt(List.of(alice), Payload.attachment(pointer));
    assertTrue(out.envelopes().stream().allMatch(e -> e.body().length < 2_000),
        "only the pointer travels in the message");
    world.server.deliverAll(out.envelopes());
    for (QuintetDevice d : List.of(phone, laptop)) {
      Received.Delivered r = assertInstanceOf(Received.Delivered.class, world.receive(d).get(0));
      AttachmentPointer got = r.payload().attachmentPointer();
      assertEquals("beach.jpg", got.fileName().orElseThrow());
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      AttachmentCipher.decrypt(got, new ByteArrayInputStream(blob.toByteArray()), plain);
      assertArrayEquals(photo, plain.toByteArray());
    }
  }

  @Test
  void historyGoesToTheNewCompanionOnlyAndOnlyFromThePrimary() throws Exception {
    QuintetDevice phone = world.primary("alice");
    QuintetDevice tablet = world.linkByQr(phone);
    List<HistoryRecord> history = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      history.add(HistoryRecord.of("chat-with-bob", phone.address().get(),
          Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i), 1, ("old message " + i).getBytes()));
    }
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    HistoryBundle bundle;
    try (HistoryBundleWriter w = HistoryBundleWriter.create(blob)) {
      for (HistoryRecord r : history) {
        w.append(r);
      }
      bundle = w.finish();
    }
    Outgoing out = phone.sendHistory(tablet.address().get().device(), bundle);
    assertEquals(List.of(tablet.address().get()),
        out.envelopes().stream().map(Envelope::recipient).collect(java.util.stream.Collectors.toList()));
    world.server.deliverAll(out.envelopes());
    Received.Delivered got = assertInstanceOf(Received.Delivered.class, world.receive(tablet).get(0));
    List<HistoryRecord> read = new ArrayList<>();
    try (HistoryBundleReader reader = HistoryBundleReader.open(got.payload().historyBundle(),
        new ByteArrayInputStream(blob.toByteArray()))) {
      for (var r = reader.next(); r.isPresent(); r = reader.next()) {
        read.add(r.get());
      }
    }
    assertEquals(history, read);
    assertThrows(IllegalStateException.class,
        () -> tablet.sendHistory(phone.address().get().device(), bundle), "companions do not");
  }
}
