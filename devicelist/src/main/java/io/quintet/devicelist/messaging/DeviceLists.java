package io.quintet.devicelist.messaging;

import io.quintet.core.AccountId;
import io.quintet.core.InvalidMessageException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.devicelist.DeviceListException;
import io.quintet.devicelist.DeviceListVerifier;
import io.quintet.devicelist.SignedDeviceList;
import io.quintet.devicelist.VerifiedDeviceList;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Device lists as the server serves them and the verifier believes them. The server is a
 * source, never an authority: what it serves is verified, a list older than the accepted one
 * is ignored (the accepted one stays), and an account whose list never verified has no
 * devices to encrypt to (fail closed).
 */
final class DeviceLists {
  private final AccountServer server;
  private final DeviceListVerifier verifier;

  DeviceLists(AccountServer server, DeviceListVerifier verifier) {
    this.server = server;
    this.verifier = verifier;
  }

  /** The newest accepted list, without asking the server. */
  Optional<VerifiedDeviceList> known(AccountId account) {
    return verifier.current(account);
  }

  /** Why the last {@link #refresh} could not use the server's list, for the app's logs. */
  static final class Outcome {
    final Optional<VerifiedDeviceList> list;
    final String problem; // null when the server's list was accepted or already known

    Outcome(Optional<VerifiedDeviceList> list, String problem) {
      this.list = list;
      this.problem = problem;
    }
  }

  /**
   * Asks the server for the account's list and accepts it if it verifies and is not older
   * than the accepted one; returns the newest accepted list either way.
   *
   * @throws IOException if the server cannot be reached (the known list is still usable)
   */
  Outcome refresh(AccountId account) throws IOException {
    Optional<byte[]> served = server.deviceList(account);
    Optional<VerifiedDeviceList> known = known(account);
    if (served.isEmpty()) {
      return new Outcome(known, known.isEmpty() ? "the server has no device list" : null);
    }
    if (known.isPresent() && Arrays.equals(known.get().signedList().serialize(), served.get())) {
      return new Outcome(known, null);
    }
    SignedDeviceList list;
    try {
      list = SignedDeviceList.parse(served.get());
    } catch (InvalidMessageException e) {
      return new Outcome(known, "device list malformed: " + e.getMessage());
    }
    try {
      if (!list.account().equals(account)) {
        return new Outcome(known, "the server served the list of another account");
      }
      if (known.isPresent() && list.version() == known.get().version()
          && list.primaryIdentityKey().equals(known.get().primaryIdentityKey())) {
        // The accepted list in other bytes (e.g. a re-encoded signature), or a same-version
        // rollback: either way the known list stands, and nothing needs verifying.
        return new Outcome(known, null);
      }
      return new Outcome(Optional.of(verifier.accept(list)), null);
    } catch (DeviceListException e) {
      if (e.reason() == DeviceListException.Reason.ROLLBACK) {
        boolean samePrimary = known.isPresent()
            && list.primaryIdentityKey().equals(known.get().primaryIdentityKey());
        // The server lagging behind is normal; a new primary whose lists restart is not.
        return new Outcome(known, samePrimary ? null
            : "device list refused: " + e.getMessage() + " (signed by another primary key)");
      }
      return new Outcome(known, "device list refused: " + e.getMessage());
    } catch (UntrustedIdentityException e) {
      return new Outcome(known, "device list signed by an untrusted primary");
    }
  }

  /** SHA-256 of a list's signed bytes, as envelopes carry it. */
  static byte[] digest(VerifiedDeviceList list) {
    return list.digest();
  }
}
