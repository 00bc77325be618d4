/**
 * Encrypted attachments: encrypt a photo or video once with a fresh key, upload the ciphertext,
 * and send only a small {@link io.quintet.core.attachment.AttachmentPointer} through the
 * end-to-end encrypted fan-out. Start with {@link io.quintet.core.attachment.AttachmentCipher}.
 */
package io.quintet.core.attachment;
