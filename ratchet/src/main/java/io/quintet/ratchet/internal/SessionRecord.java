package io.quintet.ratchet.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.Limits;
import io.quintet.ratchet.internal.proto.SessionRecordProtos.SessionRecordRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All session states with one peer device: the current one and up to
 * {@link Limits#ARCHIVED_STATES_MAX_LENGTH} previous ones (newest first), kept serialized and
 * parsed only when a message does not fit the current state.
 */
public final class SessionRecord {
  private SessionState current;
  private final List<byte[]> previous;

  private SessionRecord(SessionState current, List<byte[]> previous) {
    this.current = current;
    this.previous = previous;
  }

  public static SessionRecord empty() {
    return new SessionRecord(null, new ArrayList<>());
  }

  /** Parses a stored record; a corrupt one is a storage fault, not a peer's doing. */
  public static SessionRecord parse(byte[] serialized) {
    try {
      SessionRecordRecord r = SessionRecordRecord.parseFrom(serialized);
      SessionState current = r.hasCurrent() ? SessionCodec.decode(r.getCurrent()) : null;
      List<byte[]> previous = new ArrayList<>(r.getPreviousCount());
      for (ByteString b : r.getPreviousList()) {
        previous.add(b.toByteArray());
      }
      return new SessionRecord(current, previous);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored session record is corrupt", e);
    }
  }

  public byte[] serialize() {
    SessionRecordRecord.Builder b = SessionRecordRecord.newBuilder();
    if (current != null) {
      b.setCurrent(SessionCodec.encode(current));
    }
    for (byte[] p : previous) {
      b.addPrevious(ByteString.copyFrom(p));
    }
    return b.build().toByteArray();
  }

  /** A copy whose states can be changed without touching this one. */
  public SessionRecord copy() {
    return new SessionRecord(current == null ? null : current.copy(), new ArrayList<>(previous));
  }

  public SessionState current() {
    return current;
  }

  public boolean hasCurrent() {
    return current != null;
  }

  public void setCurrent(SessionState state) {
    this.current = state;
  }

  /** Makes {@code state} current, archiving the old current state. */
  public void promote(SessionState state) {
    archiveCurrent();
    current = state;
  }

  /** Moves the current state to the archive (used when a session must be rebuilt). */
  public void archiveCurrent() {
    if (current != null) {
      previous.add(0, SessionCodec.encode(current).toByteArray());
      current = null;
    }
    while (previous.size() > Limits.ARCHIVED_STATES_MAX_LENGTH) {
      previous.remove(previous.size() - 1);
    }
  }

  public int previousCount() {
    return previous.size();
  }

  /** Parses archived state {@code i} (0 = newest). */
  public SessionState previous(int i) {
    try {
      return SessionCodec.decode(previous.get(i));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored session record is corrupt", e);
    }
  }

  /** Makes archived state {@code i}, updated to {@code state}, current. */
  public void promotePrevious(int i, SessionState state) {
    previous.remove(i);
    promote(state);
  }

  /**
   * If a state built from the same first message (same version and initiator base key) exists,
   * makes it current and returns true: the message is a retransmission of a first message.
   */
  public boolean promoteMatching(int version, byte[] aliceBaseKey) {
    if (current != null && matches(current, version, aliceBaseKey)) {
      return true;
    }
    for (int i = 0; i < previous.size(); i++) {
      SessionState s = previous(i);
      if (matches(s, version, aliceBaseKey)) {
        promotePrevious(i, s);
        return true;
      }
    }
    return false;
  }

  private static boolean matches(SessionState s, int version, byte[] aliceBaseKey) {
    return s.version() == version && Arrays.equals(s.aliceBaseKeyUnsafe(), aliceBaseKey);
  }
}
