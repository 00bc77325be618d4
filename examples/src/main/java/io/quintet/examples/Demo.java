package io.quintet.examples;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.attachment.AttachmentCipher;
import io.quintet.core.attachment.AttachmentOutputStream;
import io.quintet.core.attachment.AttachmentPointer;
import io.quintet.core.fingerprint.SafetyNumber;
import io.quintet.devicelist.link.CodeLinkException;
import io.quintet.devicelist.link.CodeLinkRequest;
import io.quintet.devicelist.messaging.Envelope;
import io.quintet.devicelist.messaging.GroupId;
import io.quintet.devicelist.messaging.LoggedOutException;
import io.quintet.devicelist.messaging.Outgoing;
import io.quintet.devicelist.messaging.Payload;
import io.quintet.devicelist.messaging.QuintetDevice;
import io.quintet.devicelist.messaging.Received;
import io.quintet.devicelist.qr.QrCode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The runnable story of Quintet: Alice's phone links a laptop (QR code) and a tablet
 * (one-time code); her phone goes offline; Bob sends a text, a photo and a video; laptop and
 * tablet decrypt them; the laptop replies and the tablet sees the reply; a group message; the
 * phone removes the tablet; then it stays inactive for 15 days and the laptop is logged out.
 *
 * <p>Run it with {@code ./mvnw -q -B package -DskipTests -Pdemo}.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    try (World world = World.create()) {
      new Demo().run(world);
    }
  }

  private void run(World w) throws Exception {
    say("Quintet demo: one account is a primary and up to four companions, each with its own keys.");
    say("Stores: " + w.storeKind() + " in " + w.folder());
    say("");
    QuintetDevice phone = w.primary("alice", "alice-phone");
    QuintetDevice bobPhone = w.primary("bob", "bob-phone");
    say("1. Alice's phone and Bob's phone each create an identity key (Curve25519, XEdDSA) and");
    say("   publish prekey bundles (signed prekey, one-time prekey, ML-KEM-1024 prekey).");
    SafetyNumber sn = SafetyNumber.forAccounts(w.alice, phone.identityKey(), w.bob, bobPhone.identityKey());
    say("   Their safety number: " + sn.displayableGrouped());

    say("");
    say("2. Alice links her laptop by QR code. The laptop (a fresh device) shows:");
    QuintetDevice laptop = w.companion("alice-laptop");
    String qr = laptop.offerQrLink(Duration.ofMinutes(2));
    System.out.print(indent(QrCode.encode(qr).toTerminal()));
    byte[] sealed = phone.approveQrLink(qr); // the phone scanned it
    byte[] counterSigned = laptop.acceptQrApproval(sealed); // through the server
    say("   The phone approves (signs the laptop's identity), the laptop counter-signs: list v"
        + phone.completeLink(counterSigned).version());
    w.ready(laptop);

    say("");
    say("3. Alice links her tablet by phone number and one-time code (SPAKE2, so the server");
    say("   cannot test guesses of the code offline).");
    QuintetDevice tablet = w.companion("alice-tablet");
    CodeLinkRequest request = tablet.offerCodeLink(w.alice);
    say("   The tablet shows: " + request.code().display() + "   (Alice types it on her phone)");
    QuintetDevice snoop = w.companion("someone-else");
    CodeLinkRequest guess = snoop.offerCodeLink(w.alice);
    try {
      snoop.confirmCodeLink(phone.respondToCodeLink(guess.hello(), "2222-2222"));
    } catch (CodeLinkException e) {
      say("   (a stranger's request with a guessed code fails: " + e.reason() + "; nothing linked)");
    }
    byte[] response = phone.respondToCodeLink(request.hello(), request.code().display());
    byte[] approval = phone.approveCodeLink(tablet.confirmCodeLink(response));
    byte[] reply = tablet.acceptCodeApproval(approval);
    say("   Both sides confirmed the code; the tablet joins: list v" + phone.completeCodeLink(reply).version()
        + ", devices " + phone.knownDeviceList(w.alice).orElseThrow().validDevices(w.clock.instant()));
    w.ready(tablet);

    say("");
    say("4. Alice's phone goes offline. Bob sends a text, a photo and a video.");
    send(w, bobPhone, List.of(w.alice), Payload.text("Hi Alice! Photos from the trip:"));
    AttachmentPointer photo = upload(w, "photo.jpg", "image/jpeg", 400_000);
    send(w, bobPhone, List.of(w.alice), Payload.attachment(photo));
    AttachmentPointer video = upload(w, "video.mp4", "video/mp4", 24 << 20);
    send(w, bobPhone, List.of(w.alice), Payload.attachment(video));
    for (QuintetDevice d : List.of(laptop, tablet)) {
      for (Received r : w.receive(d)) {
        show(w, d, r);
      }
      say("   [" + d.address().orElseThrow() + "] its app's inbox table holds " + w.inboxRows(d)
          + " messages, each committed in the transaction that advanced the ratchet");
    }

    say("");
    say("5. Alice answers from her laptop; her tablet sees what her account sent.");
    send(w, laptop, List.of(w.bob), Payload.text("Lovely! The video plays fine."));
    w.receive(bobPhone).forEach(r -> show(w, bobPhone, r));
    w.receive(tablet).forEach(r -> show(w, tablet, r));

    say("");
    say("6. A group: Bob writes to 'trip' (Alice and Bob); one sender-key ciphertext for all devices.");
    Outgoing group = bobPhone.encryptToGroup(GroupId.of("trip".getBytes()), List.of(w.alice),
        Payload.text("Dinner at 8?"));
    say("   " + group.envelopes().size() + " envelopes (keys distributed pairwise, then the message)");
    w.server.deliver(group.envelopes());
    for (QuintetDevice d : List.of(laptop, tablet)) {
      w.receive(d).forEach(r -> show(w, d, r));
    }

    say("");
    say("7. The network repeats an envelope and corrupts another: nothing breaks.");
    Outgoing twice = bobPhone.encrypt(List.of(w.alice), Payload.text("see you tonight"));
    Envelope toLaptop = twice.envelopes().stream()
        .filter(e -> e.recipient().equals(laptop.address().orElseThrow())).findFirst().orElseThrow();
    show(w, laptop, laptop.decrypt(toLaptop));
    show(w, laptop, laptop.decrypt(toLaptop));
    Outgoing another = bobPhone.encrypt(List.of(w.alice), Payload.text("bring wine"));
    Envelope next = another.envelopes().stream()
        .filter(e -> e.recipient().equals(laptop.address().orElseThrow())).findFirst().orElseThrow();
    byte[] bytes = next.serialize();
    bytes[bytes.length / 2] ^= 1; // a bit flipped inside the ciphertext
    try {
      Received r = laptop.decrypt(Envelope.parse(bytes));
      show(w, laptop, r); // the MAC fails: a retry request asks Bob's phone to send it again
      if (r instanceof Received.Reply) {
        w.server.deliver(((Received.Reply) r).envelopes());
        w.receive(bobPhone).forEach(x -> show(w, bobPhone, x));
        w.receive(laptop).forEach(x -> show(w, laptop, x));
      }
    } catch (io.quintet.core.QuintetException e) {
      say("   [laptop] refused: " + e.getMessage());
    }

    say("");
    say("8. Alice opens her phone and removes the tablet; Bob's next message skips it.");
    phone.removeCompanion(tablet.address().orElseThrow().device());
    Outgoing after = bobPhone.encrypt(List.of(w.alice), Payload.text("Did you get home?"));
    say("   Bob encrypts to " + after.envelopes().stream().map(Envelope::recipient).toList());
    say("   The tablet checks its account: " + tablet.refresh());

    say("");
    say("9. Alice's phone stays inactive. The laptop keeps working, then is warned, then logged out.");
    w.clock.advance(Duration.ofDays(12).plusHours(1));
    say("   day 12: laptop status " + laptop.status() + " (the app asks Alice to open her phone)");
    w.clock.advance(Duration.ofDays(3));
    try {
      laptop.encrypt(List.of(w.bob), Payload.text("still here?"));
    } catch (LoggedOutException e) {
      say("   day 15: " + e.getMessage() + " (" + e.reason() + "); its sessions are wiped");
    }
    Outgoing last = bobPhone.encrypt(List.of(w.alice), Payload.text("Hello?"));
    say("   Bob now encrypts only to " + last.envelopes().stream().map(Envelope::recipient).toList());
    say("");
    say("Done.");
  }

  private static void send(World w, QuintetDevice from, List<AccountId> to, Payload payload)
      throws Exception {
    Outgoing out = from.encrypt(to, payload);
    say("   " + from.address().orElseThrow() + " sends " + payload + " -> " + out.envelopes().size()
        + " envelopes, one per device: " + out.envelopes().stream().map(Envelope::recipient).toList());
    w.server.deliver(out.envelopes());
  }

  /** Encrypts generated media once, streaming, into the server's blob store. */
  private static AttachmentPointer upload(World w, String name, String type, int size) throws Exception {
    Random random = new Random(name.hashCode());
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream blob = Files.newOutputStream(w.server.blob(name));
        AttachmentOutputStream enc = AttachmentCipher.newEncryptingStream(blob, type, name)) {
      for (int done = 0; done < size; done += chunk.length) {
        random.nextBytes(chunk);
        enc.write(chunk, 0, Math.min(chunk.length, size - done));
      }
      AttachmentPointer p = enc.finish();
      say("   (" + name + ": " + size + " bytes encrypted once, streaming; uploaded "
          + w.server.blobSize(name) + " bytes)");
      return p;
    }
  }

  private static void show(World w, QuintetDevice d, Received r) {
    String who = "   [" + d.address().orElseThrow() + "] ";
    if (!(r instanceof Received.Delivered)) {
      say(who + r);
      return;
    }
    Received.Delivered m = (Received.Delivered) r;
    String from = m.sentByOwnAccount() && !m.destinations().isEmpty()
        ? "sent by its own account (" + m.sender() + ") to " + m.destinations()
        : "from " + m.sender();
    try {
      switch (m.payload().kind()) {
        case TEXT:
          say(who + from + (m.groupId().isPresent() ? " in group " + new String(m.groupId().get()) : "")
              + ": \"" + m.payload().text() + "\"");
          break;
        case ATTACHMENT:
          AttachmentPointer p = m.payload().attachmentPointer();
          say(who + from + ": " + p.mediaType() + " " + p.fileName().orElse("") + ", "
              + p.plaintextSize() + " bytes, digest " + HexFormat.of().formatHex(p.digest()).substring(0, 16) + "…");
          say(who + "   downloads, checks and decrypts it: " + fetch(w, p));
          break;
        default:
          say(who + from + ": " + m.payload());
      }
    } catch (Exception e) {
      say(who + "could not open it: " + e.getMessage());
    }
  }

  /** Downloads an attachment: whole-stream decryption, then a seek into the middle. */
  private static String fetch(World w, AttachmentPointer p) throws Exception {
    String name = p.fileName().orElseThrow();
    long total = 0;
    try (InputStream in = AttachmentCipher.newDecryptingStream(p, Files.newInputStream(w.server.blob(name)))) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
      }
    }
    try (SeekableByteChannel ch = AttachmentCipher.newSeekableDecryptingChannel(p,
        Files.newByteChannel(w.server.blob(name), StandardOpenOption.READ))) {
      ch.position(p.plaintextSize() / 2);
      int read = ch.read(ByteBuffer.allocate(4096));
      return total + " bytes intact (digest verified); seeked to the middle and read " + read + " bytes";
    }
  }

  private static String indent(String block) {
    return block.replaceAll("(?m)^", "   ");
  }

  static void say(String line) {
    System.out.println(line);
  }
}
