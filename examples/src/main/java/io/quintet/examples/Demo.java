package io.quintet.examples;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.DuplicateMessageException;
import io.quintet.core.QuintetException;
import io.quintet.core.fingerprint.SafetyNumber;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.keys.KemPreKey;
import io.quintet.core.keys.KemType;
import io.quintet.core.keys.OneTimePreKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.core.keys.SignedPreKey;
import io.quintet.core.store.ProtocolStore;
import io.quintet.core.store.memory.InMemoryProtocolStore;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.PreKeyManager;
import io.quintet.ratchet.SessionBuilder;
import io.quintet.ratchet.SessionCipher;
import java.nio.charset.StandardCharsets;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.DeviceListVerifier;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.PrimaryDevices;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The runnable story of what Quintet does so far: two devices with their own identities,
 * the safety number their users compare, a post-quantum session, and messages that arrive
 * out of order and twice, and a signed device list through a removal and an expiry.
 *
 * <p>Run it with {@code ./mvnw -q -B package -DskipTests -Pdemo}.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws QuintetException {
    say("Quintet demo: two devices, one post-quantum session, messages out of order");
    say("");

    Device alice = new Device(DeviceAddress.of(AccountId.of("alice"), DeviceId.PRIMARY));
    Device bob = new Device(DeviceAddress.of(AccountId.of("bob"), DeviceId.PRIMARY));
    say("1. Each device makes its own identity key (Curve25519, XEdDSA signatures):");
    say("   alice's phone  " + alice.store.identityKeyPair().identityKey());
    say("   bob's phone    " + bob.store.identityKeyPair().identityKey());

    SafetyNumber forAlice =
        SafetyNumber.forAccounts(
            alice.address.account(), alice.store.identityKeyPair().identityKey(),
            bob.address.account(), bob.store.identityKeyPair().identityKey());
    SafetyNumber forBob =
        SafetyNumber.forAccounts(
            bob.address.account(), bob.store.identityKeyPair().identityKey(),
            alice.address.account(), alice.store.identityKeyPair().identityKey());
    say("");
    say("2. The safety number both users see (they compare it, or scan each other's QR):");
    say("   on alice's screen: " + forAlice.displayableGrouped());
    say("   on bob's screen:   " + forBob.displayableGrouped());
    say("   scanning bob's code on alice's phone: "
        + (forAlice.matchesScanned(forBob.scannable()) ? "match" : "MISMATCH"));

    say("");
    say("3. Bob publishes a prekey bundle: signed prekey, one-time prekey, signed ML-KEM-1024 prekey.");
    PreKeyBundle bundle = bob.publishBundle();
    say("   " + bundle);

    new SessionBuilder(alice.store, bob.address).process(bundle);
    SessionCipher aliceToBob = new SessionCipher(alice.store, bob.address);
    SessionCipher bobFromAlice = new SessionCipher(bob.store, alice.address);
    say("   alice verified both signatures and ran PQXDH: session ready.");

    say("");
    say("4. Alice sends five messages; the network delivers them as 3, 1, 5, 2, 4 and 2 again.");
    List<CiphertextMessage> sent = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      CiphertextMessage m = aliceToBob.encrypt(utf8("message " + i + " from alice"));
      sent.add(m);
      say("   alice -> " + m);
    }
    for (int i : new int[] {3, 1, 5, 2, 4, 2}) {
      CiphertextMessage m = sent.get(i - 1);
      try {
        say("   bob decrypts #" + i + ": \"" + text(bobFromAlice.decrypt(m.type(), m.serialize())) + "\"");
      } catch (DuplicateMessageException dup) {
        say("   bob got #" + i + " again: reported as a duplicate and ignored (" + dup.getMessage() + ")");
      }
    }

    say("");
    say("5. Bob answers; his reply turns the ratchet (a fresh key pair on each side).");
    CiphertextMessage reply = bobFromAlice.encrypt(utf8("got all five, thanks"));
    say("   bob -> " + reply);
    say("   alice decrypts: \"" + text(aliceToBob.decrypt(reply.type(), reply.serialize())) + "\"");
    CiphertextMessage next = aliceToBob.encrypt(utf8("see you"));
    say("   alice -> " + next + "  (no longer a PREKEY message: bob has answered)");
    say("   bob decrypts: \"" + text(bobFromAlice.decrypt(next.type(), next.serialize())) + "\"");

    say("");
    say("6. A tampered message is refused and changes nothing:");
    byte[] tampered = aliceToBob.encrypt(utf8("tamper with me")).serialize();
    tampered[tampered.length / 2] ^= 1;
    try {
      bobFromAlice.decrypt(CiphertextMessage.Type.WHISPER, tampered);
      say("   accepted?! (this would be a bug)");
    } catch (QuintetException e) {
      say("   refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    deviceLists();
    say("");
    say("Done.");
  }

  /** Section 7: a signed device list, seen by a sender, through a removal and an expiry. */
  private static void deviceLists() throws QuintetException {
    say("");
    say("7. Alice's phone (the primary) vouches for her laptop and tablet in a signed device list.");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    AccountId alice = AccountId.of("alice");
    IdentityKeyPair phone = IdentityKeyPair.generate();
    PrimaryDevices devices = PrimaryDevices.create(phone, alice, LinkPolicy.DEFAULT, clock);
    for (String name : new String[] {"laptop", "tablet"}) {
      IdentityKeyPair companion = IdentityKeyPair.generate();
      DeviceIdentity approval = devices.approve(companion.identityKey());
      devices.add(approval.counterSign(companion, phone.identityKey()));
      say("   " + name + ": approved by the phone, counter-signed by the " + name + " -> device "
          + approval.deviceId());
    }
    ProtocolStore bobStore = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 2);
    DeviceListVerifier bob = new DeviceListVerifier(bobStore, LinkPolicy.DEFAULT, clock);
    VerifiedDeviceList seen = bob.accept(SignedDeviceList.parse(devices.current().serialize()));
    say("   bob verifies list v" + seen.version() + " and encrypts to " + seen.validDevices(clock.instant()));

    SignedDeviceList old = devices.current();
    SignedDeviceList without = devices.remove(DeviceId.of(2));
    seen = bob.accept(without);
    say("   the phone removes the tablet: list v" + seen.version() + " -> " + seen.validDevices(clock.instant()));
    try {
      bob.accept(old);
    } catch (DeviceListException e) {
      say("   the server replays the old list: refused (" + e.reason() + ")");
    }

    clock.advance(Duration.ofDays(13));
    say("   13 days without the phone: " + seen.status(clock.instant()) + " (the app asks alice to open her phone)");
    clock.advance(Duration.ofDays(2));
    say("   15 days: " + seen.status(clock.instant()) + "; bob now encrypts only to "
        + seen.validDevices(clock.instant()) + ": the laptop is no longer vouched for");
  }

  /** A clock the demo moves forward by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A device with an in-memory store (the durable SQLite store comes in a later step). */
  private static final class Device {
    final DeviceAddress address;
    final ProtocolStore store;

    Device(DeviceAddress address) {
      this.address = address;
      this.store = InMemoryProtocolStore.create(IdentityKeyPair.generate(), 1 + address.hashCode() % 16000);
    }

    PreKeyBundle publishBundle() {
      PreKeyManager keys = new PreKeyManager(store, Clock.systemUTC());
      OneTimePreKey opk = keys.generateOneTimePreKeys(1).get(0);
      SignedPreKey spk = keys.rotateSignedPreKey();
      KemPreKey kem = keys.rotateLastResortKemPreKey(KemType.ML_KEM_1024);
      return PreKeyBundle.builder()
          .registrationId(store.localRegistrationId())
          .deviceId(address.device())
          .identityKey(store.identityKeyPair().identityKey())
          .signedPreKey(spk.id(), spk.publicKey(), spk.signature())
          .oneTimePreKey(opk.id(), opk.publicKey())
          .kemPreKey(kem.id(), kem.publicKey(), kem.signature())
          .build();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void say(String line) {
    System.out.println(line);
  }
}
