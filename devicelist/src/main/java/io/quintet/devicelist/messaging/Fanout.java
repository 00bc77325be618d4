package io.quintet.devicelist.messaging;

import io.quintet.core.DeviceAddress;
import io.quintet.core.InvalidKeyException;
import io.quintet.core.InvalidSignatureException;
import io.quintet.core.NoSessionException;
import io.quintet.core.UntrustedIdentityException;
import io.quintet.core.keys.IdentityKey;
import io.quintet.core.keys.PreKeyBundle;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionBuilder;
import io.quintet.ratchet.SessionCipher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Encrypts one content to many devices: sessions that are missing are built from one batch
 * of prekey bundles (each bundle checked against the identity the device list vouches for),
 * then every device's session is advanced in parallel — sessions are independent and each
 * is locked on its own.
 */
final class Fanout {
  private final DeviceContext ctx;

  Fanout(DeviceContext ctx) {
    this.ctx = ctx;
  }

  /** One device's ciphertext. */
  static final class Sealed {
    final DeviceAddress device;
    final CiphertextMessage message;

    Sealed(DeviceAddress device, CiphertextMessage message) {
      this.device = device;
      this.message = message;
    }
  }

  /**
   * Makes sure a usable session exists with every target whose identity is the vouched one;
   * the others are added to {@code unreachable} with the reason.
   */
  void ensureSessions(Map<DeviceAddress, IdentityKey> targets, Map<DeviceAddress, String> unreachable)
      throws IOException {
    List<DeviceAddress> missing = new ArrayList<>();
    for (Map.Entry<DeviceAddress, IdentityKey> t : targets.entrySet()) {
      Optional<IdentityKey> known = ctx.store.identity(t.getKey());
      SessionCipher cipher = ctx.cipher(t.getKey());
      Optional<IdentityKey> usable = cipher.sendingIdentity(); // one record read when steady
      Optional<IdentityKey> inSession = usable.isPresent() ? usable : cipher.remoteIdentity();
      if (known.isPresent() && !known.get().equals(t.getValue())
          || inSession.isPresent() && !inSession.get().equals(t.getValue())) {
        // The verified list (under a trusted primary) is the authority on who the device is:
        // a re-used device id or a reinstalled primary gets a new session with the new key.
        adopt(t.getKey(), t.getValue());
        missing.add(t.getKey());
      } else if (usable.isEmpty()) {
        missing.add(t.getKey());
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    Map<DeviceAddress, PreKeyBundle> bundles = ctx.server.preKeyBundles(missing);
    for (DeviceAddress device : missing) {
      PreKeyBundle bundle = bundles == null ? null : bundles.get(device);
      if (bundle == null) {
        unreachable.put(device, "the server has no prekey bundle for it");
        continue;
      }
      String problem = build(device, targets.get(device), bundle);
      if (problem != null) {
        unreachable.put(device, problem);
      }
    }
  }

  /** Records {@code identity} as the device's, as its verified list names it. */
  void adopt(DeviceAddress device, IdentityKey identity) {
    ctx.store.atomically(() -> {
      ctx.store.saveIdentity(device, identity);
      return null;
    });
  }

  /** Builds a session from {@code bundle}; returns why not, or null. */
  String build(DeviceAddress device, IdentityKey vouched, PreKeyBundle bundle) {
    if (!bundle.identityKey().equals(vouched) || !bundle.deviceId().equals(device.device())) {
      return "its prekey bundle is not for the identity its device list vouches for";
    }
    try {
      new SessionBuilder(ctx.store, device, ctx.sessionPolicy).process(bundle);
      return null;
    } catch (InvalidSignatureException e) {
      return "its prekey bundle has a bad signature";
    } catch (InvalidKeyException e) {
      return "its prekey bundle is unusable: " + e.getMessage();
    } catch (UntrustedIdentityException e) {
      return "its identity is not trusted";
    }
  }

  /**
   * Encrypts each device's content in parallel. Devices whose encryption fails are added to
   * {@code unreachable}; the others' ciphertexts are returned in device order.
   */
  List<Sealed> encrypt(List<DeviceAddress> devices, Function<DeviceAddress, byte[]> content,
      Map<DeviceAddress, String> unreachable) {
    Map<DeviceAddress, CompletableFuture<CiphertextMessage>> running = new TreeMap<>();
    for (DeviceAddress device : devices) {
      byte[] plaintext = content.apply(device);
      running.put(device, CompletableFuture.supplyAsync(() -> {
        try {
          return ctx.cipher(device).encrypt(plaintext);
        } catch (NoSessionException | UntrustedIdentityException e) {
          throw new CompletionException(e);
        }
      }, ctx.executor));
    }
    List<Sealed> out = new ArrayList<>(devices.size());
    for (Map.Entry<DeviceAddress, CompletableFuture<CiphertextMessage>> r : running.entrySet()) {
      try {
        out.add(new Sealed(r.getKey(), r.getValue().join()));
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        unreachable.put(r.getKey(), cause instanceof UntrustedIdentityException
            ? "its identity is not trusted" : "no usable session: " + cause.getMessage());
      }
    }
    return out;
  }

  /** The envelope of one device's ciphertext. */
  static Envelope envelope(byte[] messageId, DeviceAddress from, Fanout.Sealed sealed, long now,
      byte[] senderDigest, byte[] recipientDigest) {
    Envelope.Type type = sealed.message.type() == CiphertextMessage.Type.PREKEY
        ? Envelope.Type.PREKEY : Envelope.Type.WHISPER;
    return new Envelope(messageId, from, sealed.device, type, sealed.message.serialize(), now,
        senderDigest, recipientDigest);
  }}
