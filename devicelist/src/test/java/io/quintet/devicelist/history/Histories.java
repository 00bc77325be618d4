package io.quintet.devicelist.history;

import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.attachment.AttachmentCipher;
import io.quintet.core.attachment.AttachmentException;
import io.quintet.core.attachment.AttachmentPointer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Test histories: generated records, written bundles, and bundles crafted frame by frame. */
final class Histories {
  private Histories() {}

  /** A written bundle: its records, descriptor and ciphertext. */
  static final class Written {
    final List<HistoryRecord> records;
    final HistoryBundle bundle;
    final byte[] ciphertext;

    Written(List<HistoryRecord> records, HistoryBundle bundle, byte[] ciphertext) {
      this.records = records;
      this.bundle = bundle;
      this.ciphertext = ciphertext;
    }
  }

  static HistoryRecord record(SplittableRandom r, int maxPayload) {
    String[] chats = {"family", "work-\u00e9quipe", "\ud83d\ude00 friends", "x", "a".repeat(256)};
    String[] accounts = {"alice", "bob@example.org", "+15550100", "\u00e7a"};
    byte[] payload = new byte[r.nextInt(maxPayload + 1)];
    r.nextBytes(payload);
    return HistoryRecord.of(chats[r.nextInt(chats.length)],
        DeviceAddress.of(AccountId.of(accounts[r.nextInt(accounts.length)]),
            DeviceId.of(r.nextInt(DeviceId.MAX + 1))),
        Instant.ofEpochMilli(r.nextLong(0, 4_102_444_800_000L)), r.nextInt(HistoryRecord.MAX_KIND + 1),
        payload);
  }

  static List<HistoryRecord> records(long seed, int count, int maxPayload) {
    SplittableRandom r = new SplittableRandom(seed);
    List<HistoryRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(record(r, maxPayload));
    }
    return out;
  }

  static Written write(List<HistoryRecord> records) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (HistoryBundleWriter w = HistoryBundleWriter.create(sink)) {
      for (HistoryRecord rec : records) {
        w.append(rec);
      }
      return new Written(records, w.finish(), sink.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every record, or throws the reader's exception. */
  static List<HistoryRecord> readAll(HistoryBundle bundle, byte[] ciphertext, int maxPayload)
      throws HistoryBundleException {
    List<HistoryRecord> out = new ArrayList<>();
    try (HistoryBundleReader reader =
        HistoryBundleReader.open(bundle, new ByteArrayInputStream(ciphertext), maxPayload)) {
      for (Optional<HistoryRecord> rec = reader.next(); rec.isPresent(); rec = reader.next()) {
        out.add(rec.get());
      }
      if (reader.next().isPresent()) {
        throw new AssertionError("records after the end");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<HistoryRecord> readAll(HistoryBundle bundle, byte[] ciphertext)
      throws HistoryBundleException {
    return readAll(bundle, ciphertext, HistoryRecord.MAX_PAYLOAD_BYTES);
  }

  /**
   * Encrypts a hand-made plaintext as a history bundle, correctly: what a faulty or hostile
   * primary (who holds the key) could send. Only the framing can catch what is wrong with it.
   */
  static Written craft(byte[] plaintext, long descriptorCount) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try {
      AttachmentPointer p = AttachmentCipher.encrypt(new ByteArrayInputStream(plaintext), sink,
          HistoryFrames.MEDIA_TYPE, null);
      return new Written(List.of(), new HistoryBundle(p, descriptorCount), sink.toByteArray());
    } catch (AttachmentException | IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Frames as the writer makes them, for crafting. */
  static final class Frames {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Frames start() {
      return io(() -> HistoryFrames.writeStart(out));
    }

    Frames record(HistoryRecord r) {
      return io(() -> HistoryFrames.writeRecord(out, r));
    }

    Frames end(long count) {
      return io(() -> HistoryFrames.writeEnd(out, count));
    }

    Frames raw(int... bytes) {
      for (int b : bytes) {
        out.write(b);
      }
      return this;
    }

    int size() {
      return out.size();
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private interface IoStep {
      void run() throws IOException;
    }

    private Frames io(IoStep step) {
      try {
        step.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }
  }
}
