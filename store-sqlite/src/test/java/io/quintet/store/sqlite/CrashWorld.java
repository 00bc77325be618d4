package io.quintet.store.sqlite;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.ratchet.CiphertextMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The files shared by the crash campaign's parent and its child: one SQLite store per device,
 * an append-only log of every ciphertext handed out, and a file of anomalies. A line of the log
 * is "id sender recipient type hex"; a last line without its newline was cut by a kill before
 * it was handed out, and is dropped.
 */
final class CrashWorld {
  static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

  final Path dir;
  final int devices;

  CrashWorld(Path dir, int devices) {
    this.dir = dir;
    this.devices = devices;
  }

  static DeviceAddress address(int device) {
    return DeviceAddress.of(AccountId.of("device-" + device), DeviceId.PRIMARY);
  }

  Path storePath(int device) {
    return dir.resolve("device-" + device + ".db");
  }

  Path log() {
    return dir.resolve("sent.log");
  }

  Path anomalies() {
    return dir.resolve("anomalies.txt");
  }

  SqliteStore open(int device) throws StoreException {
    return SqliteStore.builder(storePath(device))
        .storeKey(StoreKey.of(HexFormat.of().parseHex(KEY_HEX)))
        .epochAnchor(new FileAnchor(dir.resolve("device-" + device + ".epoch")))
        .open();
  }

  /** One handed-out ciphertext. */
  static final class Sent {
    final String id;
    final int sender;
    final int recipient;
    final CiphertextMessage message;

    Sent(String id, int sender, int recipient, CiphertextMessage message) {
      this.id = id;
      this.sender = sender;
      this.recipient = recipient;
      this.message = message;
    }

    String line() {
      return id + " " + sender + " " + recipient + " " + message.type() + " "
          + HexFormat.of().formatHex(message.serialize()) + "\n";
    }
  }

  /** The complete lines of the log; with {@code repair}, cuts a torn last line off the file. */
  List<Sent> readLog(boolean repair) throws IOException {
    List<Sent> out = new ArrayList<>();
    if (!Files.exists(log())) {
      return out;
    }
    byte[] bytes = Files.readAllBytes(log());
    int complete = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        String[] f = new String(bytes, complete, i - complete, StandardCharsets.UTF_8).split(" ");
        out.add(new Sent(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
            new CiphertextMessage(CiphertextMessage.Type.valueOf(f[3]), HexFormat.of().parseHex(f[4]))));
        complete = i + 1;
      }
    }
    if (repair && complete < bytes.length) {
      try (FileChannel ch = FileChannel.open(log(), StandardOpenOption.WRITE)) {
        ch.truncate(complete);
        ch.force(true);
      }
    }
    return out;
  }

  /** Appends one line and forces it to disk before returning. */
  static void append(FileChannel log, String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      log.write(b);
    }
    log.force(false);
  }

  /** The ids {@code store}'s app table says were decrypted (written in the decrypt's transaction). */
  static Set<String> received(SqliteStore store) throws SQLException {
    return store.atomically(() -> {
      Set<String> ids = new HashSet<>();
      try (ResultSet r = store.currentConnection().createStatement()
          .executeQuery("SELECT id FROM app_received")) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
      return ids;
    });
  }

  /** The app's write inside the decrypt's transaction. */
  static void markReceived(SqliteStore store, String id) throws SQLException {
    try (PreparedStatement ps =
        store.currentConnection().prepareStatement("INSERT INTO app_received (id) VALUES (?)")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  /** Records an anomaly durably, for the parent to fail on. */
  void anomaly(String what) {
    try (FileChannel ch = FileChannel.open(anomalies(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      append(ch, what + "\n");
    } catch (IOException e) {
      System.err.println("cannot record anomaly: " + what);
    }
  }
}
