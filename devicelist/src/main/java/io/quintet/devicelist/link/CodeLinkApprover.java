package io.quintet.devicelist.link;

import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.internal.crypto.ConstantTime;
import io.quintet.core.keys.IdentityKey;
import io.quintet.devicelist.DeviceIdentity;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.PrimaryDevices;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.internal.pake.PakeException;
import io.quintet.devicelist.internal.pake.Spake2;
import io.quintet.devicelist.link.CodeLinkException.Reason;
import io.quintet.devicelist.link.CodeLinkMessages.Confirmation;
import io.quintet.devicelist.link.CodeLinkMessages.Hello;
import io.quintet.devicelist.link.CodeLinkMessages.Response;
import io.quintet.devicelist.link.CodeLinkMessages.Sealed;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The primary's side of linking by one-time code: the user types the code the new device shows,
 * the primary runs SPAKE2 with that device's request, and only once the device's key
 * confirmation verifies does it approve the device (allotting its id, exactly as a QR link does)
 * and send the approval sealed under the exchange's key. Protocol: docs/code-linking.md.
 *
 * <p>Keep <b>one approver per account</b> for as long as the app runs: it holds the account's
 * attempt limit ({@link io.quintet.devicelist.LinkPolicy#codeLinkFailures()}) and remembers
 * which requests and codes already had their one exchange. It runs one link at a time; a new
 * {@link #respond} abandons the previous run.
 *
 * <pre>{@code
 * CodeLinkApprover approver = CodeLinkApprover.create(devices);       // once, next to devices
 * byte[] response = approver.respond(helloFromServer, typedCode, clock.instant()); // Argon2id
 * server.send(CodeLinkApprover.ref(helloFromServer), response);
 * byte[] sealed = approver.approve(confirmationFromCompanion, clock.instant()); // wrong code: throws
 * server.send(CodeLinkApprover.ref(helloFromServer), sealed);
 * SignedDeviceList list = approver.complete(replyFromCompanion, clock.instant());  // publish
 * }</pre>
 */
public final class CodeLinkApprover {
  /** No code may claim to live longer (the companion chooses; a longer claim is refused). */
  static final Duration MAX_CODE_LIFETIME = LinkAttempts.MEMORY;
  /** How long a run may take from the typed code to the counter-signature. */
  static final Duration RUN_LIFETIME = Duration.ofMinutes(10);

  private final PrimaryDevices devices;
  private final CodeLinkKeys.Passwords passwords;
  private final LinkAttempts attempts;
  private Run run;

  /** The one link in progress. */
  private static final class Run {
    final Hello hello;
    final Spake2 party;
    final byte[] pB;
    final LinkAttempts.Attempt attempt;
    final long deadline;
    CodeLinkKeys keys; // set once the companion's confirmation verified
    DeviceIdentity approval; // the approval handed out, pending in devices

    Run(Hello hello, Spake2 party, byte[] pB, LinkAttempts.Attempt attempt, long deadline) {
      this.hello = hello;
      this.party = party;
      this.pB = pB;
      this.attempt = attempt;
      this.deadline = deadline;
    }
  }

  private CodeLinkApprover(PrimaryDevices devices, CodeLinkKeys.Passwords passwords) {
    this.devices = Objects.requireNonNull(devices, "devices");
    this.passwords = passwords;
    this.attempts = new LinkAttempts(devices.policy().codeLinkFailures(),
        devices.policy().codeLinkFailureWindow());
  }

  /** The approver for the account {@code devices} manages, with its policy's attempt limit. */
  public static CodeLinkApprover create(PrimaryDevices devices) {
    return new CodeLinkApprover(devices, CodeLinkKeys.ARGON2ID);
  }

  /** With a cheaper password derivation, for tests only. */
  static CodeLinkApprover create(PrimaryDevices devices, CodeLinkKeys.Passwords passwords) {
    return new CodeLinkApprover(devices, passwords);
  }

  /**
   * The routing reference of a request, to address this run's answers.
   *
   * @throws CodeLinkException {@code MALFORMED} if it is not a request
   */
  public static byte[] ref(byte[] hello) throws CodeLinkException {
    return Hello.parse(hello).ref();
  }

  /**
   * Runs the code's one exchange: checks the request, derives the password from {@code
   * typedCode} (Argon2id: off the UI thread) and answers with the primary's share and key
   * confirmation. Nothing signed or secret leaves yet. Pass the request the user is answering:
   * never try one typed code against several requests (each try is a guess for its sender; a
   * code is refused the second time anyway).
   *
   * @throws CodeLinkException {@code MALFORMED}, {@code NOT_FOR_THIS_RUN} (another account or
   *     primary key), {@code EXPIRED}, {@code INVALID_CODE}, {@code TOO_MANY_ATTEMPTS} or {@code
   *     CODE_USED}: nothing spent; {@code WRONG_CODE} if the companion's share is invalid (the
   *     attempt counts)
   * @throws DeviceListException if the account is full or the device is already linked
   */
  public synchronized byte[] respond(byte[] hello, String typedCode, Instant now)
      throws CodeLinkException, DeviceListException {
    Hello h = Hello.parse(hello);
    AccountId account = devices.current().account();
    IdentityKey own = devices.current().primaryIdentityKey();
    if (!h.account().equals(account) || !h.primaryKey().equals(own)) {
      throw new CodeLinkException(Reason.NOT_FOR_THIS_RUN,
          "the request is for another account or primary key");
    }
    if (h.companionKey().equals(own)) {
      throw CodeLinkMessages.malformed("a primary cannot link itself");
    }
    long t = now.toEpochMilli();
    if (t >= h.expiresAt()) {
      throw new CodeLinkException(Reason.EXPIRED, "the request's code has expired");
    }
    // The expiry comes from the requester: no request may claim to live longer than a fresh
    // code can, so an old request cannot be kept alive.
    if (h.expiresAt() - t > MAX_CODE_LIFETIME.toMillis()) {
      throw CodeLinkMessages.malformed("the request claims an implausible lifetime");
    }
    devices.checkCanApprove(h.companionKey());
    byte[] code = LinkCode.normalize(typedCode).orElseThrow(() -> new CodeLinkException(
        Reason.INVALID_CODE, "not a code: 8 characters of " + LinkCode.ALPHABET));
    try {
      attempts.checkAllowed(t);
      attempts.checkUnspent(h.ref(), code, t);
      Spake2 party = CodeLinkKeys.party(false, passwords, code, h.ref(), h.companionKey(),
          h.account(), h.primaryKey(), h.expiresAt());
      byte[] pB = party.start();
      abandon(); // one run at a time: the new one replaces any earlier
      LinkAttempts.Attempt attempt = attempts.record(h.ref(), code, t); // before finish: see docs
      byte[] cB;
      try {
        cB = party.finish(h.share());
      } catch (PakeException e) {
        throw new CodeLinkException(Reason.WRONG_CODE, "the request's share is invalid");
      }
      run = new Run(h, party, pB, attempt, t + RUN_LIFETIME.toMillis());
      return new Response(h.ref(), pB, cB).serialize();
    } finally {
      Arrays.fill(code, (byte) 0);
    }
  }

  /**
   * Verifies the companion's key confirmation and, only then, approves the companion's identity
   * key ({@link PrimaryDevices#approve}) and returns the approval sealed for it.
   *
   * @throws CodeLinkException {@code WRONG_CODE} if the confirmation fails (the run ends, the
   *     attempt stays counted); {@code MALFORMED} or {@code NOT_FOR_THIS_RUN} (nothing spent);
   *     {@code EXPIRED}
   * @throws DeviceListException if the account can no longer take the companion
   */
  public synchronized byte[] approve(byte[] confirmation, Instant now)
      throws CodeLinkException, DeviceListException {
    Confirmation c = Confirmation.parse(confirmation);
    Run r = run;
    if (r == null || r.keys != null || !ConstantTime.equals(c.ref(), r.hello.ref())) {
      throw new CodeLinkException(Reason.NOT_FOR_THIS_RUN,
          "no linking run is waiting for this confirmation");
    }
    checkDeadline(r, now);
    byte[] ke;
    try {
      ke = r.party.verifyConfirmation(c.confirmation());
    } catch (PakeException e) {
      abandon();
      throw new CodeLinkException(Reason.WRONG_CODE,
          "the new device's confirmation does not verify: wrong code or a changed message");
    }
    attempts.forgive(r.attempt);
    r.keys = CodeLinkKeys.derive(ke, r.hello, r.pB);
    try {
      r.approval = devices.approve(r.hello.companionKey());
    } catch (DeviceListException e) {
      abandon();
      throw e;
    }
    byte[] plain = Approvals.encode(r.approval, r.hello.primaryKey());
    try {
      return new Sealed(r.hello.ref(), r.keys.sealApproval(plain)).serialize();
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Opens the companion's sealed counter-signature and adds the companion to the device list
   * ({@link PrimaryDevices#add}), which yields the new list to publish.
   *
   * @throws CodeLinkException {@code MALFORMED}, {@code NOT_FOR_THIS_RUN} or {@code
   *     NOT_AUTHENTIC} (nothing spent); {@code BAD_APPROVAL} if the authentic reply is not the
   *     counter-signed approval of this run (the run ends); {@code EXPIRED}
   * @throws DeviceListException if the device list refuses it (see {@link PrimaryDevices#add})
   */
  public synchronized SignedDeviceList complete(byte[] sealedReply, Instant now)
      throws CodeLinkException, DeviceListException {
    Sealed s = Sealed.parse(sealedReply, "sealed counter-signature");
    Run r = run;
    if (r == null || r.approval == null || !ConstantTime.equals(s.ref(), r.hello.ref())) {
      throw new CodeLinkException(Reason.NOT_FOR_THIS_RUN,
          "no linking run is waiting for this counter-signature");
    }
    checkDeadline(r, now);
    byte[] plain;
    try {
      plain = r.keys.openReply(s.ciphertext());
    } catch (InvalidMessageException e) {
      throw new CodeLinkException(Reason.NOT_AUTHENTIC, "sealed counter-signature does not decrypt");
    }
    boolean added = false;
    try {
      DeviceIdentity counterSigned = DeviceIdentity.parse(plain);
      if (!counterSigned.isCounterSigned()
          || !counterSigned.identityKey().equals(r.approval.identityKey())
          || counterSigned.keyIndex() != r.approval.keyIndex()) {
        throw new CodeLinkException(Reason.BAD_APPROVAL,
            "the reply is not the counter-signed approval of this run");
      }
      SignedDeviceList list = devices.add(counterSigned);
      added = true;
      return list;
    } catch (InvalidMessageException e) {
      throw new CodeLinkException(Reason.BAD_APPROVAL, "the reply is malformed");
    } finally {
      Arrays.fill(plain, (byte) 0);
      if (added) {
        r.keys.destroy();
        run = null;
      } else {
        abandon(); // authentic but wrong: the run ends and its pending approval goes
      }
    }
  }

  /** Abandons the link in progress, if any (the user cancelled); its attempt stays counted. */
  public synchronized void cancel() {
    abandon();
  }

  /** Attempts that count as failed now (tests). */
  synchronized int failedAttempts(Instant now) {
    return attempts.unconfirmed(now.toEpochMilli());
  }

  private void checkDeadline(Run r, Instant now) throws CodeLinkException {
    if (now.toEpochMilli() > r.deadline) {
      abandon();
      throw new CodeLinkException(Reason.EXPIRED, "the linking run took too long");
    }
  }

  private void abandon() {
    Run r = run;
    run = null;
    if (r == null) {
      return;
    }
    r.party.destroy();
    if (r.keys != null) {
      r.keys.destroy();
    }
    if (r.approval != null) {
      devices.cancel(r.approval);
    }
  }

  @Override
  public synchronized String toString() {
    return "CodeLinkApprover[" + devices.current().account() + ", "
        + (run == null ? "idle" : "linking") + ", " + attempts + "]";
  }
}
