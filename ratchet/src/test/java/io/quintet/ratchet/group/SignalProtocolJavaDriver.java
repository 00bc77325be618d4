package io.quintet.ratchet.group;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.whispersystems.libsignal.SignalProtocolAddress;
import org.whispersystems.libsignal.groups.GroupCipher;
import org.whispersystems.libsignal.groups.GroupSessionBuilder;
import org.whispersystems.libsignal.groups.SenderKeyName;
import org.whispersystems.libsignal.groups.state.SenderKeyRecord;
import org.whispersystems.libsignal.groups.state.SenderKeyStore;
import org.whispersystems.libsignal.protocol.SenderKeyDistributionMessage;

/**
 * One signal-protocol-java 2.8.1 device with an in-memory sender-key store. Loaded only by
 * {@link SignalProtocolJavaPeer}'s class loader, next to the protobuf-javalite 3.10 runtime
 * its generated code needs; it therefore uses nothing but that library and the JDK.
 */
public final class SignalProtocolJavaDriver implements SenderKeyStore {
  private final Map<SenderKeyName, byte[]> records = new HashMap<>();

  public SignalProtocolJavaDriver() {}

  private static SenderKeyName name(String groupId, String account, int device) {
    return new SenderKeyName(groupId, new SignalProtocolAddress(account, device));
  }

  public byte[] createDistribution(String groupId, String account, int device) {
    return new GroupSessionBuilder(this).create(name(groupId, account, device)).serialize();
  }

  public void processDistribution(String groupId, String account, int device, byte[] skdm)
      throws Exception {
    new GroupSessionBuilder(this)
        .process(name(groupId, account, device), new SenderKeyDistributionMessage(skdm));
  }

  public byte[] encrypt(String groupId, String account, int device, byte[] plaintext)
      throws Exception {
    return new GroupCipher(this, name(groupId, account, device)).encrypt(plaintext);
  }

  public byte[] decrypt(String groupId, String account, int device, byte[] message)
      throws Exception {
    return new GroupCipher(this, name(groupId, account, device)).decrypt(message);
  }

  @Override
  public void storeSenderKey(SenderKeyName name, SenderKeyRecord record) {
    records.put(name, record.serialize());
  }

  @Override
  public SenderKeyRecord loadSenderKey(SenderKeyName name) {
    try {
      byte[] r = records.get(name);
      return r == null ? new SenderKeyRecord() : new SenderKeyRecord(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
