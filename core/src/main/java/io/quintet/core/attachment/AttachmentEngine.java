package io.quintet.core.attachment;

import io.quintet.core.attachment.AttachmentException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * What {@link AttachmentCipher} does, for one {@link AttachmentFormat}: the app always gets
 * {@link AttachmentFormat#STANDARD}; tests also build engines with tiny segments.
 */
final class AttachmentEngine {
  static final AttachmentEngine STANDARD = new AttachmentEngine(AttachmentFormat.STANDARD);
  private static final int BUFFER = 64 * 1024;

  private final AttachmentFormat format;

  AttachmentEngine(AttachmentFormat format) {
    this.format = format;
  }

  AttachmentOutputStream newEncryptingStream(OutputStream sink, String mediaType,
      String fileName) throws IOException {
    return new AttachmentOutputStream(format, sink, mediaType, fileName);
  }

  AttachmentPointer encrypt(InputStream plaintext, OutputStream sink, String mediaType,
      String fileName) throws AttachmentException, IOException {
    Objects.requireNonNull(plaintext, "plaintext");
    try (AttachmentOutputStream out = newEncryptingStream(sink, mediaType, fileName)) {
      copy(plaintext, out);
      return out.finish();
    } catch (AttachmentStreamException e) {
      throw e.attachmentException();
    }
  }

  InputStream newDecryptingStream(AttachmentPointer pointer, InputStream ciphertext)
      throws AttachmentException, IOException {
    checkSizes(pointer);
    CiphertextInput in = new CiphertextInput(
        Objects.requireNonNull(ciphertext, "ciphertext"), pointer.ciphertextSize());
    try {
      InputStream tink = format.streamingAead(pointer.key())
          .newDecryptingStream(in, associatedData(pointer));
      return new DecryptingInputStream(pointer, in, tink);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink refused to start a decrypting stream", e);
    } catch (AttachmentStreamException e) {
      throw e.attachmentException();
    } catch (SourceFailure e) {
      throw e.original();
    } catch (IOException e) {
      throw new AttachmentException(Reason.AUTHENTICATION_FAILED, "attachment header is unreadable");
    }
  }

  void decrypt(AttachmentPointer pointer, InputStream ciphertext, OutputStream plaintext)
      throws AttachmentException, IOException {
    Objects.requireNonNull(plaintext, "plaintext");
    // Not closed: both streams belong to the caller.
    InputStream in = newDecryptingStream(pointer, ciphertext);
    try {
      copy(in, plaintext);
    } catch (AttachmentStreamException e) {
      throw e.attachmentException();
    }
  }

  SeekableByteChannel newSeekableDecryptingChannel(AttachmentPointer pointer,
      SeekableByteChannel ciphertext) throws AttachmentException, IOException {
    checkSizes(pointer);
    if (ciphertext.size() != pointer.ciphertextSize()) {
      throw new AttachmentException(Reason.SIZE_MISMATCH,
          "ciphertext is " + ciphertext.size() + " bytes, its pointer says "
              + pointer.ciphertextSize());
    }
    try {
      SeekableByteChannel tink = format.streamingAead(pointer.key())
          .newSeekableDecryptingChannel(new CiphertextChannel(ciphertext), associatedData(pointer));
      if (tink.size() != pointer.plaintextSize()) {
        throw new IllegalStateException("Tink's plaintext size disagrees with the format");
      }
      return new DecryptingChannel(tink, pointer.plaintextSize());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink refused to start a decrypting channel", e);
    } catch (SourceFailure e) {
      throw e.original();
    } catch (IOException e) {
      throw new AttachmentException(Reason.AUTHENTICATION_FAILED, "attachment header is unreadable");
    }
  }

  static void verifyDigest(InputStream ciphertext, byte[] digest, long ciphertextSize)
      throws AttachmentException, IOException {
    if (digest == null || digest.length != AttachmentPointer.DIGEST_LENGTH) {
      throw new IllegalArgumentException("digest must be " + AttachmentPointer.DIGEST_LENGTH + " bytes");
    }
    CiphertextInput in = new CiphertextInput(
        Objects.requireNonNull(ciphertext, "ciphertext"), ciphertextSize);
    byte[] buffer = new byte[BUFFER];
    try {
      while (in.read(buffer, 0, buffer.length) != -1) {
        // hashing and counting happen in CiphertextInput
      }
    } catch (AttachmentStreamException e) {
      throw e.attachmentException();
    } catch (SourceFailure e) {
      throw e.original();
    }
    if (in.count() != ciphertextSize) {
      throw new AttachmentException(Reason.SIZE_MISMATCH, "ciphertext is shorter than expected");
    }
    if (!MessageDigest.isEqual(in.digest(), digest)) {
      throw new AttachmentException(Reason.DIGEST_MISMATCH, "ciphertext digest differs");
    }
  }

  /** A pointer made for another format (or hand-built) cannot match any blob of this one. */
  private void checkSizes(AttachmentPointer pointer) throws AttachmentException {
    if (pointer.plaintextSize() < 0 || pointer.plaintextSize() > format.maxPlaintextBytes()) {
      throw new AttachmentException(Reason.TOO_LARGE, "pointer's plaintext size is out of range");
    }
    if (pointer.ciphertextSize() != format.ciphertextSize(pointer.plaintextSize())) {
      throw new AttachmentException(
          Reason.SIZE_MISMATCH, "pointer's sizes do not fit the attachment format");
    }
  }

  private static byte[] associatedData(AttachmentPointer pointer) {
    return AttachmentFormat.associatedData(
        pointer.mediaType(), pointer.fileName().orElse(null));
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
    }
  }
}
