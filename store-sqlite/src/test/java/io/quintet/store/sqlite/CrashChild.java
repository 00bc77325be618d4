package io.quintet.store.sqlite;

import io.quintet.core.DuplicateMessageException;
import io.quintet.core.QuintetException;
import io.quintet.ratchet.CiphertextMessage;
import io.quintet.ratchet.SessionCipher;
import io.quintet.store.sqlite.CrashWorld.Sent;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The process {@link CrashCampaignTest} kills: opens every device's store, then sends and
 * receives at random between the devices until killed (or for a given number of steps). A
 * ciphertext goes into the log only after {@code encrypt} returned; a receive marks the message
 * in the recipient's app table inside the decrypt's own transaction. Anything that should be
 * impossible is written to the anomalies file. Arguments: world directory, devices, seed,
 * steps (0: until killed).
 */
public final class CrashChild {
  /** How far a message may be overtaken by later ones from the same sender. */
  private static final int WINDOW = 3;

  private final CrashWorld world;
  private final Random random;
  private final SqliteStore[] stores;
  private final List<List<Sent>> pending = new ArrayList<>();

  private CrashChild(CrashWorld world, long seed) throws Exception {
    this.world = world;
    this.random = new Random(seed);
    this.stores = new SqliteStore[world.devices];
    for (int d = 0; d < world.devices; d++) {
      stores[d] = world.open(d);
      int device = d;
      stores[d].rolledBack().ifPresent(r -> world.anomaly("device " + device + ": " + r));
      pending.add(new ArrayList<>());
    }
    List<Set<String>> received = new ArrayList<>();
    for (SqliteStore store : stores) {
      received.add(CrashWorld.received(store));
    }
    for (Sent s : world.readLog(true)) {
      if (!received.get(s.recipient).contains(s.id)) {
        pending.get(s.recipient).add(s);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    CrashWorld world = new CrashWorld(Path.of(args[0]), Integer.parseInt(args[1]));
    CrashChild child = new CrashChild(world, Long.parseLong(args[2]));
    int steps = Integer.parseInt(args[3]);
    System.out.println("ready");
    System.out.flush();
    try (FileChannel log = FileChannel.open(world.log(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (int i = 0; steps == 0 || i < steps; i++) {
        child.step(log);
        System.out.println("step"); // lets the parent kill at a random point of the work
        System.out.flush();
      }
    }
    for (SqliteStore store : child.stores) {
      store.close();
    }
    System.out.println("done");
  }

  /**
   * Out of order, as networks deliver, but within the protocol's window: one of the three oldest
   * pending messages of a random sender. A message held back while its sender turned the ratchet
   * more than {@link io.quintet.core.Limits#MAX_RECEIVER_CHAINS} times is undecryptable by
   * design (as in libsignal), which says nothing about the store.
   */
  private int pick(List<Sent> queue) {
    int sender = queue.get(random.nextInt(queue.size())).sender;
    List<Integer> oldest = new ArrayList<>();
    for (int i = 0; i < queue.size() && oldest.size() < WINDOW; i++) {
      if (queue.get(i).sender == sender) {
        oldest.add(i);
      }
    }
    return oldest.get(random.nextInt(oldest.size()));
  }

  private void step(FileChannel log) throws Exception {
    boolean anyPending = pending.stream().anyMatch(p -> !p.isEmpty());
    if (!anyPending || random.nextInt(100) < 55) {
      int sender = random.nextInt(stores.length);
      int recipient = (sender + 1 + random.nextInt(stores.length - 1)) % stores.length;
      String id = UUID.randomUUID().toString();
      CiphertextMessage m = new SessionCipher(stores[sender], CrashWorld.address(recipient))
          .encrypt(id.getBytes(StandardCharsets.UTF_8));
      Sent sent = new Sent(id, sender, recipient, m);
      CrashWorld.append(log, sent.line()); // handed out only now, after encrypt returned
      pending.get(recipient).add(sent);
      return;
    }
    int recipient;
    do {
      recipient = random.nextInt(stores.length);
    } while (pending.get(recipient).isEmpty());
    List<Sent> queue = pending.get(recipient);
    Sent s = queue.remove(pick(queue));
    SqliteStore store = stores[recipient];
    try {
      byte[] plain = new SessionCipher(store, CrashWorld.address(s.sender))
          .decrypt(s.message.type(), s.message.serialize(), p -> CrashWorld.markReceived(store, s.id));
      if (!Arrays.equals(plain, s.id.getBytes(StandardCharsets.UTF_8))) {
        world.anomaly("message " + s.id + " decrypted to something else");
      }
    } catch (DuplicateMessageException e) {
      world.anomaly("message " + s.id + " was decrypted before but not recorded");
    } catch (QuintetException e) {
      world.anomaly("message " + s.id + " failed: " + e);
    }
  }
}
