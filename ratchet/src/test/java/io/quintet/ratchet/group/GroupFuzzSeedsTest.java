package io.quintet.ratchet.group;

import io.quintet.core.testing.FuzzSeedsContract;
import io.quintet.core.wire.SenderKeyDistributionMessage;
import io.quintet.core.wire.SenderKeyMessage;
import java.util.List;
import java.util.UUID;

/** Seeds for {@link GroupFuzzTest}: genuine messages and records of another group. */
class GroupFuzzSeedsTest extends FuzzSeedsContract {
  @Override
  protected List<Seeds> seeds() {
    Class<?> t = GroupFuzzTest.class;
    return List.of(
        new Seeds(t, "decrypt", () -> group().subMap("message", "message~"), SenderKeyMessage::parse),
        new Seeds(t, "decryptLegacy", () -> group().subMap("legacy-message", "legacy-message~"),
            SenderKeyMessage::parse),
        new Seeds(t, "processDistribution", () -> group().subMap("distribution", "distribution~"),
            SenderKeyDistributionMessage::parse),
        new Seeds(t, "senderKeyRecord", () -> group().subMap("record", "record~"),
            SenderKeyRecord::parse));
  }

  private static java.util.NavigableMap<String, byte[]> group() {
    try {
      GroupPeer carol = new GroupPeer("carol", 1);
      GroupPeer dave = new GroupPeer("dave", 1);
      UUID group = UUID.randomUUID();
      UUID legacy = UUID.randomUUID();
      java.util.TreeMap<String, byte[]> m = new java.util.TreeMap<>();
      SenderKeyDistributionMessage skdm = carol.builder.create(carol.address, group);
      SenderKeyDistributionMessage old = carol.builder.createLegacy(carol.address, legacy);
      dave.builder.process(carol.address, skdm);
      m.put("distribution", skdm.serialize());
      m.put("distribution-legacy", old.serialize());
      m.put("message", carol.cipher.encrypt(group, new byte[] {1}));
      m.put("legacy-message", carol.cipher.encrypt(legacy, new byte[] {2}));
      carol.cipher.encrypt(group, new byte[] {3});
      dave.cipher.decrypt(carol.address, carol.cipher.encrypt(group, new byte[] {4}));
      m.put("record-receiver", dave.record(carol.address, group));
      m.put("record-sender", carol.record(carol.address, group));
      return m;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
