package io.quintet.devicelist.link;

import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.internal.crypto.ConstantTime;
import io.quintet.core.internal.crypto.Rng;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.IdentityKeyPair;
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
 * The companion's side of linking by phone number and one-time code. A fresh device asks to
 * join an account (whose id and primary identity key the app resolved from the phone number),
 * shows an 8-character {@link LinkCode}, and runs SPAKE2 with the primary on which the user
 * types that code. The code is good for one exchange and a few minutes; after any failure
 * start a new request (a new code). Protocol: docs/code-linking.md.
 *
 * <pre>{@code
 * CodeLinkRequest request = CodeLinkRequest.builder(laptopKeys, alice, alicePrimaryKey)
 *     .alreadyLinked(false)                 // the device's own state: a linked device refuses
 *     .start(clock.instant());              // Argon2id: off the UI thread
 * show(request.code().display());           // "4K7Q-9XMB"
 * server.sendToAccount(alice, request.hello());
 * server.send(request.confirm(responseFromPrimary, clock.instant()));  // wrong code: throws
 * LinkedCompanion linked = request.open(sealedApprovalFromPrimary, clock.instant());
 * server.send(request.reply());             // the counter-signature, sealed for the primary
 * }</pre>
 *
 * <p>Not for concurrent use by design (one run, one thread); the methods are synchronized so a
 * misuse cannot corrupt the state.
 */
public final class CodeLinkRequest {
  /** How long the run may take once the code has been used (the approval's way back). */
  static final Duration RUN_LIFETIME = Duration.ofMinutes(10);

  private enum State {
    AWAITING_RESPONSE,
    AWAITING_APPROVAL,
    LINKED,
    ENDED
  }

  private final IdentityKeyPair identity;
  private final Hello hello;
  private final LinkCode code;
  private Spake2 party;
  private CodeLinkKeys keys;
  private long runDeadline;
  private byte[] reply;
  private State state = State.AWAITING_RESPONSE;

  private CodeLinkRequest(IdentityKeyPair identity, Hello hello, LinkCode code, Spake2 party) {
    this.identity = identity;
    this.hello = hello;
    this.code = code;
    this.party = party;
  }

  /**
   * Starts describing a request from the device with {@code companion} keys to join {@code
   * account}, whose primary has {@code primaryKey} (as the server published it; a wrong key only
   * makes the link fail).
   */
  public static Builder builder(IdentityKeyPair companion, AccountId account, IdentityKey primaryKey) {
    return new Builder(companion, account, primaryKey);
  }

  /** The code to show the user; overwritten once the primary's answer arrives (stop showing it). */
  public LinkCode code() {
    return code;
  }

  /** The first message, for the server to deliver to the account's primary. Not secret. */
  public byte[] hello() {
    return hello.serialize();
  }

  /** The reference the server routes this run's messages by (not secret). */
  public byte[] ref() {
    return hello.ref().clone();
  }

  public AccountId account() {
    return hello.account();
  }

  public Instant expiresAt() {
    return Instant.ofEpochMilli(hello.expiresAt());
  }

  /**
   * Takes the primary's answer, verifies its key confirmation and returns ours to send back.
   * This is the code's one exchange: unless the message is refused as malformed or addressed to
   * another run, the code is spent whatever the outcome.
   *
   * @throws CodeLinkException {@code WRONG_CODE} if the confirmation fails (a wrong code typed,
   *     or a changed message: show a new code); {@code EXPIRED}, {@code CODE_USED}; {@code
   *     MALFORMED} or {@code NOT_FOR_THIS_RUN} (nothing spent, keep waiting)
   */
  public synchronized byte[] confirm(byte[] response, Instant now) throws CodeLinkException {
    if (state != State.AWAITING_RESPONSE) {
      throw new CodeLinkException(Reason.CODE_USED, "this request's code was already used");
    }
    if (now.toEpochMilli() >= hello.expiresAt()) {
      end();
      throw new CodeLinkException(Reason.EXPIRED, "the code has expired: show a new one");
    }
    Response r = Response.parse(response);
    if (!ConstantTime.equals(r.ref(), hello.ref())) {
      throw new CodeLinkException(Reason.NOT_FOR_THIS_RUN, "link response is for another request");
    }
    state = State.ENDED; // the exchange happens now: whatever follows, the code is spent
    code.destroy();
    try {
      byte[] cA = party.finish(r.share());
      byte[] ke = party.verifyConfirmation(r.confirmation());
      keys = CodeLinkKeys.derive(ke, hello, r.share());
      runDeadline = now.toEpochMilli() + RUN_LIFETIME.toMillis();
      state = State.AWAITING_APPROVAL;
      return new Confirmation(hello.ref(), cA).serialize();
    } catch (PakeException e) {
      throw new CodeLinkException(Reason.WRONG_CODE,
          "the code typed on the primary does not match, or a message was changed: show a new code");
    } finally {
      if (state != State.AWAITING_APPROVAL) {
        end();
      }
    }
  }

  /**
   * Opens the primary's sealed approval, checks it (this device, the requested account, the
   * primary key the exchange authenticated, the account signature) and counter-signs it. The
   * sealed counter-signature for the primary is then {@link #reply()}; an app may first show
   * {@link LinkedCompanion#account()} and the primary's safety number.
   *
   * @throws CodeLinkException {@code MALFORMED}, {@code NOT_FOR_THIS_RUN} or {@code
   *     NOT_AUTHENTIC} (nothing spent, keep waiting); {@code BAD_APPROVAL} if the authentic
   *     approval does not check out (the run ends); {@code EXPIRED}; {@code CODE_USED}
   */
  public synchronized LinkedCompanion open(byte[] sealedApproval, Instant now)
      throws CodeLinkException {
    if (state != State.AWAITING_APPROVAL) {
      throw new CodeLinkException(state == State.AWAITING_RESPONSE ? Reason.NOT_FOR_THIS_RUN
          : Reason.CODE_USED, "this request is not waiting for an approval");
    }
    if (now.toEpochMilli() > runDeadline) {
      end();
      throw new CodeLinkException(Reason.EXPIRED, "the approval came too late");
    }
    Sealed s = Sealed.parse(sealedApproval, "sealed approval");
    if (!ConstantTime.equals(s.ref(), hello.ref())) {
      throw new CodeLinkException(Reason.NOT_FOR_THIS_RUN, "sealed approval is for another request");
    }
    byte[] plain;
    try {
      plain = keys.openApproval(s.ciphertext());
    } catch (InvalidMessageException e) {
      throw new CodeLinkException(Reason.NOT_AUTHENTIC, "sealed approval does not decrypt");
    }
    state = State.ENDED; // authentic: the run ends here whatever follows
    try {
      Approvals.Parsed approval = Approvals.parse(plain);
      if (!approval.account().equals(hello.account())
          || !approval.primaryKey().equals(hello.primaryKey())) {
        throw new CodeLinkException(Reason.BAD_APPROVAL,
            "approval names another account or primary key than the exchange");
      }
      LinkedCompanion linked = Approvals.counterSign(approval, identity);
      reply = new Sealed(hello.ref(), keys.sealReply(linked.identity().serialize())).serialize();
      state = State.LINKED;
      return linked;
    } catch (InvalidMessageException | InvalidSignatureException e) {
      throw new CodeLinkException(Reason.BAD_APPROVAL, "approval rejected: " + e.getMessage());
    } finally {
      Arrays.fill(plain, (byte) 0);
      end();
    }
  }

  /**
   * The counter-signed identity sealed for the primary, once {@link #open} succeeded.
   *
   * @throws IllegalStateException before that
   */
  public synchronized byte[] reply() {
    if (state != State.LINKED) {
      throw new IllegalStateException("no approval has been opened");
    }
    return reply.clone();
  }

  /** Abandons the run (the user cancelled) and overwrites its secrets. Idempotent. */
  public synchronized void cancel() {
    if (state != State.LINKED) {
      state = State.ENDED;
    }
    end();
  }

  private void end() {
    if (state != State.LINKED) {
      state = State.ENDED;
    }
    code.destroy();
    if (party != null) {
      party.destroy();
      party = null;
    }
    if (keys != null) {
      keys.destroy();
      keys = null;
    }
  }

  @Override
  public synchronized String toString() {
    return "CodeLinkRequest[" + hello.account() + ", " + state + ", code redacted, expires "
        + expiresAt() + "]";
  }

  /** Describes a {@link CodeLinkRequest}; {@link #alreadyLinked} must be stated. */
  public static final class Builder {
    private final IdentityKeyPair companion;
    private final AccountId account;
    private final IdentityKey primaryKey;
    private Boolean alreadyLinked;
    private Duration lifetime = LinkCode.DEFAULT_LIFETIME;
    private CodeLinkKeys.Passwords passwords = CodeLinkKeys.ARGON2ID;

    private Builder(IdentityKeyPair companion, AccountId account, IdentityKey primaryKey) {
      this.companion = Objects.requireNonNull(companion, "companion");
      this.account = Objects.requireNonNull(account, "account");
      this.primaryKey = Objects.requireNonNull(primaryKey, "primaryKey");
    }

    /**
     * Whether this device already belongs to an account (the app's device state says so). A
     * linked device must not link again: {@link #start} refuses. Required, so no caller forgets.
     */
    public Builder alreadyLinked(boolean linked) {
      this.alreadyLinked = linked;
      return this;
    }

    /** How long the code lives: more than zero, at most 30 minutes; 3 minutes by default. */
    public Builder lifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()
          || lifetime.compareTo(LinkAttempts.MEMORY) > 0) {
        throw new IllegalArgumentException("a link code lives between 0 and 30 minutes");
      }
      this.lifetime = lifetime;
      return this;
    }

    /** A cheaper password derivation, for tests only. */
    Builder passwords(CodeLinkKeys.Passwords passwords) {
      this.passwords = Objects.requireNonNull(passwords, "passwords");
      return this;
    }

    /**
     * Generates the code and the first message. Runs Argon2id (19 MiB, up to about a second):
     * call it off the UI thread.
     *
     * @throws CodeLinkException {@code ALREADY_LINKED} if this device belongs to an account
     * @throws IllegalStateException if {@link #alreadyLinked} was not stated
     */
    public CodeLinkRequest start(Instant now) throws CodeLinkException {
      Objects.requireNonNull(now, "now");
      if (alreadyLinked == null) {
        throw new IllegalStateException("say whether this device already belongs to an account");
      }
      if (alreadyLinked) {
        throw new CodeLinkException(Reason.ALREADY_LINKED,
            "this device already belongs to an account: unlink (reset) it before linking again");
      }
      LinkCode code = LinkCode.generate(now, lifetime);
      byte[] ref = Rng.bytes(CodeLinkMessages.REF_LENGTH);
      long expiresAt = code.expiresAt().toEpochMilli();
      byte[] password = code.passwordBytes();
      Spake2 party;
      try {
        party = CodeLinkKeys.party(true, passwords, password, ref, companion.identityKey(),
            account, primaryKey, expiresAt);
      } finally {
        Arrays.fill(password, (byte) 0);
      }
      Hello hello = new Hello(ref, account, primaryKey, companion.identityKey(), party.start(),
          expiresAt);
      return new CodeLinkRequest(companion, hello, code, party);
    }
  }
}
