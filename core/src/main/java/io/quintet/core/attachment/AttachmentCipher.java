package io.quintet.core.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * Encrypts a photo, video or file once, with a fresh random key, for every recipient: the
 * ciphertext goes to the app's server, the {@link AttachmentPointer} (key, digest, sizes, media
 * type, file name) goes inside the end-to-end encrypted fan-out message. Encryption and
 * decryption stream in constant memory (about two 1 MiB segments), so a 2 GiB video needs no
 * more heap than a photo, and a player can seek without decrypting what it skips.
 *
 * <p>The construction is Tink's AES-GCM-HKDF streaming AEAD with 1 MiB segments; the media type
 * and file name are bound as associated data. Decryption never hands out a byte whose segment
 * did not authenticate, and a whole-stream decryption reports end-of-stream only after checking
 * the ciphertext's length and SHA-256 digest against the pointer. Failures are {@link
 * AttachmentException}s (or, from stream and channel reads, {@link AttachmentStreamException}s
 * that carry one). See {@code docs/attachments.md}.
 *
 * <pre>{@code
 * // sender
 * AttachmentPointer pointer;
 * try (InputStream in = Files.newInputStream(video);
 *     OutputStream upload = server.newUpload()) {
 *   pointer = AttachmentCipher.encrypt(in, upload, "video/mp4", "holiday.mp4");
 * }
 * fanout.send(recipients, Payload.attachment(pointer.serialize()));
 *
 * // recipient: the whole file ...
 * AttachmentPointer p = AttachmentPointer.parse(payloadBytes);
 * try (InputStream download = server.download(id); OutputStream out = Files.newOutputStream(tmp)) {
 *   AttachmentCipher.decrypt(p, download, out);
 * }
 * // ... or random access for a player
 * try (SeekableByteChannel video = AttachmentCipher.newSeekableDecryptingChannel(
 *     p, Files.newByteChannel(cachedBlob))) {
 *   video.position(p.plaintextSize() / 2).read(buffer);
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe; the streams and channels they return are not.
 */
public final class AttachmentCipher {
  private AttachmentCipher() {}

  /**
   * Encrypts all of {@code plaintext} into {@code ciphertext} and returns the pointer. Closes
   * neither stream.
   *
   * @param mediaType e.g. {@code "image/jpeg"}: type/subtype, at most 255 ASCII characters
   * @param fileName shown to the recipient, or null; at most 255 UTF-8 bytes, no path separators
   *     or control characters
   * @throws AttachmentException with {@link AttachmentException.Reason#TOO_LARGE} past {@link
   *     AttachmentPointer#MAX_PLAINTEXT_BYTES}
   * @throws IllegalArgumentException if the media type or file name is not acceptable
   */
  public static AttachmentPointer encrypt(InputStream plaintext, OutputStream ciphertext,
      String mediaType, String fileName) throws AttachmentException, IOException {
    return AttachmentEngine.STANDARD.encrypt(plaintext, ciphertext, mediaType, fileName);
  }

  /**
   * A stream that encrypts what is written to it into {@code ciphertext}; its {@link
   * AttachmentOutputStream#finish()} returns the pointer. For content produced piece by piece.
   *
   * @throws IllegalArgumentException if the media type or file name is not acceptable
   */
  public static AttachmentOutputStream newEncryptingStream(OutputStream ciphertext,
      String mediaType, String fileName) throws IOException {
    return AttachmentEngine.STANDARD.newEncryptingStream(ciphertext, mediaType, fileName);
  }

  /**
   * Decrypts a whole attachment into {@code plaintext}, checking every segment, the length and
   * the digest. Closes neither stream. On an exception, discard everything written.
   *
   * @throws AttachmentException if the ciphertext was altered, truncated, extended or reordered,
   *     belongs to another key or metadata, or its digest or size is not the pointer's
   * @throws IOException if reading or writing fails
   */
  public static void decrypt(AttachmentPointer pointer, InputStream ciphertext,
      OutputStream plaintext) throws AttachmentException, IOException {
    AttachmentEngine.STANDARD.decrypt(pointer, ciphertext, plaintext);
  }

  /**
   * The plaintext as a stream that decrypts as it is read. It returns end-of-stream only after
   * the length and digest check out; any failure is an {@link AttachmentStreamException}.
   * Closing it closes {@code ciphertext}.
   *
   * @throws AttachmentException if the pointer's sizes are inconsistent or the header is bad
   */
  public static InputStream newDecryptingStream(AttachmentPointer pointer, InputStream ciphertext)
      throws AttachmentException, IOException {
    return AttachmentEngine.STANDARD.newDecryptingStream(pointer, ciphertext);
  }

  /**
   * Random access to the plaintext over random access to the ciphertext (a file, a cache of
   * HTTP ranges). Each read decrypts and authenticates only the segments it touches; a segment
   * that fails is an {@link AttachmentStreamException}. The digest is not checked (that needs
   * every byte): check it with {@link #verifyDigest} when the blob arrives if the server is
   * not trusted to keep blobs intact. Closing it closes {@code ciphertext}.
   *
   * @throws AttachmentException if the channel's size is not the pointer's ciphertext size
   */
  public static SeekableByteChannel newSeekableDecryptingChannel(AttachmentPointer pointer,
      SeekableByteChannel ciphertext) throws AttachmentException, IOException {
    return AttachmentEngine.STANDARD.newSeekableDecryptingChannel(pointer, ciphertext);
  }

  /**
   * Checks a ciphertext blob against a digest and size, without the key: for a downloader
   * before it caches a blob, or a server that was told {@link AttachmentPointer#digest()} and
   * {@link AttachmentPointer#ciphertextSize()} by the uploader. Reads at most one byte past
   * {@code ciphertextSize}; does not close the stream.
   *
   * @throws AttachmentException with {@link AttachmentException.Reason#SIZE_MISMATCH} or
   *     {@link AttachmentException.Reason#DIGEST_MISMATCH}
   */
  public static void verifyDigest(InputStream ciphertext, byte[] digest, long ciphertextSize)
      throws AttachmentException, IOException {
    AttachmentEngine.verifyDigest(ciphertext, digest, ciphertextSize);
  }
}
