package io.quintet.devicelist;

import java.nio.charset.StandardCharsets;

/**
 * The domain-separation prefixes of the three device-list signatures. Each signed message
 * starts with its own label, so no signature of one kind can be replayed as another (the
 * role WhatsApp's 0x0600/0x0601/0x0602 prefixes play). Documented in docs/device-lists.md.
 */
final class SignatureDomains {
  static final byte[] ACCOUNT_SIGNATURE = label("Quintet device identity v1: account signature");
  static final byte[] DEVICE_SIGNATURE = label("Quintet device identity v1: device signature");
  static final byte[] DEVICE_LIST = label("Quintet device list v1: primary signature");

  private SignatureDomains() {}

  private static byte[] label(String s) {
    byte[] text = s.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[text.length + 1]; // NUL-terminated: no label is a prefix of another
    System.arraycopy(text, 0, out, 0, text.length);
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
