package io.quintet.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quintet.core.keys.KemType;
import io.quintet.ratchet.SessionPolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Sessions that are started twice, against libsignal-client 0.86.5: both sides initiating at
 * once, and one side starting over while messages of the old session are still in flight.
 * Each receiver must decrypt with whichever state (current or archived) a message belongs to,
 * as libsignal does, and the two must end up in a working conversation.
 */
class SessionRestartInteropTest {
  private final long seed = Seeds.next();
  private final QuintetDevice quintet = new QuintetDevice("quintet", SessionPolicy.DEFAULT);
  private final LibsignalDevice libsignal = new LibsignalDevice("libsignal");
  private final Peer q = quintet.session("libsignal");
  private final Peer l = libsignal.session("quintet");

  @Test
  void bothSidesInitiateAtOnce() throws Exception {
    quintet.process("libsignal", libsignal.publishBundle(true));
    libsignal.process("quintet", quintet.publishBundle(true, KemType.KYBER_1024));
    Wire fromQ = q.encrypt(utf8("q: hello"));
    Wire fromL = l.encrypt(utf8("l: hello"));
    assertArrayEquals(utf8("q: hello"), l.decrypt(fromQ), "seed=" + seed);
    assertArrayEquals(utf8("l: hello"), q.decrypt(fromL), "seed=" + seed);
    Conversation.run(q, l, 300, seed, true).assertExercised(300, seed);
  }

  @Test
  void libsignalStartsOverWithMessagesInFlight() throws Exception {
    quintet.process("libsignal", libsignal.publishBundle(true));
    libsignal.session("quintet").decrypt(q.encrypt(utf8("start")));
    Conversation.run(q, l, 50, seed, true);

    Wire oldFromQ = q.encrypt(utf8("old session, from quintet"));
    Wire oldFromL = l.encrypt(utf8("old session, from libsignal"));
    libsignal.process("quintet", quintet.publishBundle(true, KemType.KYBER_1024));
    Wire newFromL = l.encrypt(utf8("new session, from libsignal"));
    assertArrayEquals(utf8("new session, from libsignal"), q.decrypt(newFromL), "seed=" + seed);
    assertArrayEquals(utf8("old session, from libsignal"), q.decrypt(oldFromL), "seed=" + seed);
    assertArrayEquals(utf8("old session, from quintet"), l.decrypt(oldFromQ), "seed=" + seed);
    Conversation.run(q, l, 300, seed, true).assertExercised(300, seed);
  }

  @Test
  void quintetStartsOverWithMessagesInFlight() throws Exception {
    libsignal.process("quintet", quintet.publishBundle(true, KemType.KYBER_1024));
    q.decrypt(l.encrypt(utf8("start")));
    Conversation.run(l, q, 50, seed, true);

    Wire oldFromQ = q.encrypt(utf8("old session, from quintet"));
    Wire oldFromL = l.encrypt(utf8("old session, from libsignal"));
    quintet.process("libsignal", libsignal.publishBundle(false));
    Wire newFromQ = q.encrypt(utf8("new session, from quintet"));
    assertArrayEquals(utf8("old session, from quintet"), l.decrypt(oldFromQ), "seed=" + seed);
    assertArrayEquals(utf8("new session, from quintet"), l.decrypt(newFromQ), "seed=" + seed);
    assertArrayEquals(utf8("old session, from libsignal"), q.decrypt(oldFromL), "seed=" + seed);
    Conversation.run(l, q, 300, seed, true).assertExercised(300, seed);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
