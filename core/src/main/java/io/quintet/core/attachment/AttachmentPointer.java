package io.quintet.core.attachment;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quintet.core.attachment.AttachmentException.Reason;
import io.quintet.core.internal.proto.AttachmentProtos;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * Everything a recipient needs to fetch and open one encrypted attachment, and the only thing
 * about it that travels in the (end-to-end encrypted) fan-out message: the attachment's key,
 * the SHA-256 digest and size of the ciphertext blob, the plaintext size, the media type and an
 * optional file name. The blob itself goes to the app's server once, whatever the number of
 * recipients.
 *
 * <p>The pointer holds a secret key: send {@link #serialize()} only inside an encrypted
 * message, never to the server. The server may be told {@link #digest()} and {@link
 * #ciphertextSize()}, which reveal nothing about the content. {@link #toString()} shows no key.
 *
 * <pre>{@code
 * AttachmentPointer pointer = AttachmentCipher.encrypt(photo, upload, "image/jpeg", "cat.jpg");
 * byte[] forMessage = pointer.serialize();             // into the encrypted fan-out payload
 *
 * AttachmentPointer received = AttachmentPointer.parse(forMessage);  // recipient
 * AttachmentCipher.decrypt(received, download, out);
 * }</pre>
 */
public final class AttachmentPointer implements Destroyable {
  /** Length of {@link #digest()}: SHA-256. */
  public static final int DIGEST_LENGTH = 32;

  /** The largest attachment, in plaintext bytes (16 GiB), well above what messengers allow. */
  public static final long MAX_PLAINTEXT_BYTES = 1L << 34;

  /** The longest serialized pointer {@link #parse} reads. */
  public static final int MAX_SERIALIZED_BYTES = 1024;

  private final AttachmentKey key;
  private final byte[] digest;
  private final long plaintextSize;
  private final long ciphertextSize;
  private final String mediaType;
  private final String fileName; // null: none

  AttachmentPointer(AttachmentKey key, byte[] digest, long plaintextSize, long ciphertextSize,
      String mediaType, String fileName) {
    this.key = Objects.requireNonNull(key, "key");
    this.digest = digest.clone();
    this.plaintextSize = plaintextSize;
    this.ciphertextSize = ciphertextSize;
    this.mediaType = mediaType;
    this.fileName = fileName;
  }

  /**
   * Parses and validates a pointer received in a message: every field present and in range, the
   * two sizes consistent with each other, the text fields well-formed, no unknown fields.
   *
   * @throws AttachmentException with {@link Reason#MALFORMED_POINTER} for anything else
   */
  public static AttachmentPointer parse(byte[] serialized) throws AttachmentException {
    if (serialized == null || serialized.length > MAX_SERIALIZED_BYTES) {
      throw malformed("pointer is missing or longer than " + MAX_SERIALIZED_BYTES + " bytes");
    }
    AttachmentProtos.AttachmentPointer p;
    try {
      p = AttachmentProtos.AttachmentPointer.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw malformed("pointer is not a well-formed protobuf");
    }
    if (!p.getUnknownFields().asMap().isEmpty()) {
      throw malformed("pointer has unknown fields");
    }
    if (p.getVersion() != AttachmentFormat.VERSION) {
      throw malformed("unsupported attachment format version " + p.getVersion());
    }
    if (p.getKey().size() != AttachmentKey.LENGTH) {
      throw malformed("attachment key must be " + AttachmentKey.LENGTH + " bytes");
    }
    if (p.getDigest().size() != DIGEST_LENGTH) {
      throw malformed("ciphertext digest must be " + DIGEST_LENGTH + " bytes");
    }
    long plaintextSize = p.getPlaintextSize(); // uint64: above 2^63 reads as negative
    if (plaintextSize < 0 || plaintextSize > MAX_PLAINTEXT_BYTES) {
      throw malformed("plaintext size is out of range");
    }
    if (p.getCiphertextSize() != AttachmentFormat.STANDARD.ciphertextSize(plaintextSize)) {
      throw malformed("ciphertext size does not match the plaintext size");
    }
    String problem = PointerFields.mediaTypeProblem(p.getMediaType());
    if (problem == null && p.hasFileName()) {
      problem = PointerFields.fileNameProblem(p.getFileName());
    }
    if (problem != null) {
      throw malformed(problem);
    }
    byte[] keyBytes = p.getKey().toByteArray();
    try {
      return new AttachmentPointer(AttachmentKey.of(keyBytes), p.getDigest().toByteArray(),
          plaintextSize, p.getCiphertextSize(), p.getMediaType(),
          p.hasFileName() ? p.getFileName() : null);
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
    }
  }

  /** The protobuf encoding. Secret (it holds the key): only inside an encrypted message. */
  public byte[] serialize() {
    AttachmentProtos.AttachmentPointer.Builder b = AttachmentProtos.AttachmentPointer.newBuilder()
        .setVersion(AttachmentFormat.VERSION)
        .setKey(ByteString.copyFrom(key.bytesUnsafe()))
        .setDigest(ByteString.copyFrom(digest))
        .setPlaintextSize(plaintextSize)
        .setCiphertextSize(ciphertextSize)
        .setMediaType(mediaType);
    if (fileName != null) {
      b.setFileName(fileName);
    }
    return b.build().toByteArray();
  }

  /** SHA-256 of the whole ciphertext blob: what the server and downloader can check. */
  public byte[] digest() {
    return digest.clone();
  }

  public long plaintextSize() {
    return plaintextSize;
  }

  /** The exact length of the ciphertext blob. */
  public long ciphertextSize() {
    return ciphertextSize;
  }

  /** The media type the sender declared, e.g. {@code video/mp4}; authenticated on decryption. */
  public String mediaType() {
    return mediaType;
  }

  /** The sender's file name, if any; authenticated on decryption, but still untrusted text. */
  public Optional<String> fileName() {
    return Optional.ofNullable(fileName);
  }

  AttachmentKey key() {
    return key;
  }

  boolean digestEquals(byte[] other) {
    return MessageDigest.isEqual(digest, other);
  }

  /** Wipes the key; the pointer can no longer decrypt or serialize. */
  @Override
  public void destroy() {
    key.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return key.isDestroyed();
  }

  /** Equal pointers name the same blob with the same key and metadata (keys compared in constant time). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AttachmentPointer)) {
      return false;
    }
    AttachmentPointer p = (AttachmentPointer) o;
    return plaintextSize == p.plaintextSize
        && ciphertextSize == p.ciphertextSize
        && mediaType.equals(p.mediaType)
        && Objects.equals(fileName, p.fileName)
        && MessageDigest.isEqual(digest, p.digest)
        && key.sameAs(p.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest); // not the key: a hash code may end up anywhere
  }

  @Override
  public String toString() {
    return "AttachmentPointer[" + mediaType + ", " + plaintextSize + " bytes"
        + (fileName == null ? "" : ", name present") + ", key redacted]";
  }

  private static AttachmentException malformed(String message) {
    return new AttachmentException(Reason.MALFORMED_POINTER, message);
  }
}
