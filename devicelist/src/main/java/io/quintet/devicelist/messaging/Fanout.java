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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Encrypts one content to many devices: sessions that are missing are built from one batch
 * of prekey bundles (each bundle checked against the identity the device list vouches for),
 * then every device's session is advanced, in parallel for large fan-outs — sessions are
 * independent and each is locked on its own.
 */
final class Fanout {
  /** Fan-outs to fewer devices run on the calling thread alone. */
  static final int PARALLEL_FROM = 32;
  /** Helper tasks per fan-out: the other cores. */
  private static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);

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
   * Encrypts {@code content(device)} for every device, in the order given; devices whose
   * session is missing or untrusted are added to {@code unreachable} instead. The calling
   * thread encrypts too: helpers on the executor claim devices one at a time from the same
   * counter, so the caller never waits for a helper that has not started, and a small fan-out
   * (fewer than {@link #PARALLEL_FROM} devices) stays on the calling thread, where handing work
   * to another thread would cost more than it saves.
   */
  List<Sealed> encrypt(List<DeviceAddress> devices, Function<DeviceAddress, byte[]> content,
      Map<DeviceAddress, String> unreachable) {
    int n = devices.size();
    byte[][] plaintexts = new byte[n][];
    for (int i = 0; i < n; i++) {
      plaintexts[i] = content.apply(devices.get(i));
    }
    CiphertextMessage[] sealed = new CiphertextMessage[n];
    Throwable[] failed = new Throwable[n];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(n);
    Runnable work = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        try {
          sealed[i] = ctx.cipher(devices.get(i)).encrypt(plaintexts[i]);
        } catch (Throwable t) {
          failed[i] = t;
        } finally {
          done.countDown();
        }
      }
    };
    int helpers = Math.min(HELPERS, n / PARALLEL_FROM);
    for (int h = 0; h < helpers; h++) {
      try {
        ctx.executor.execute(work);
      } catch (RejectedExecutionException busy) {
        break; // the caller does the rest
      }
    }
    work.run();
    awaitUninterruptibly(done);
    List<Sealed> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Throwable t = failed[i];
      if (t == null) {
        out.add(new Sealed(devices.get(i), sealed[i]));
      } else if (t instanceof UntrustedIdentityException) {
        unreachable.put(devices.get(i), "its identity is not trusted");
      } else if (t instanceof NoSessionException) {
        unreachable.put(devices.get(i), "no usable session: " + t.getMessage());
      } else if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      } else if (t instanceof Error) {
        throw (Error) t;
      } else {
        throw new IllegalStateException("unexpected failure while encrypting", t);
      }
    }
    return out;
  }

  /** Waits for the helpers' devices; an interrupt is kept for the caller, not acted on. */
  private static void awaitUninterruptibly(CountDownLatch done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }


  /** The envelope of one device's ciphertext. */
  static Envelope envelope(byte[] messageId, DeviceAddress from, Fanout.Sealed sealed, long now,
      byte[] senderDigest, byte[] recipientDigest) {
    Envelope.Type type = sealed.message.type() == CiphertextMessage.Type.PREKEY
        ? Envelope.Type.PREKEY : Envelope.Type.WHISPER;
    return new Envelope(messageId, from, sealed.device, type, sealed.message.serialize(), now,
        senderDigest, recipientDigest);
  }}
