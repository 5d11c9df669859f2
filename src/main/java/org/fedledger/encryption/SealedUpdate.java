package org.fedledger.encryption;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.fedledger.encryption.UpdateCipherException.Reason;

/**
 * What {@link UpdateCipher#encrypt} produces: the encrypted file and the key wrap to publish
 * beside it, both public. The envelope array is shared, not copied (it is megabytes): do not
 * modify it after handing it over.
 *
 * <p>A task publishes both as one IPFS file, so that the one CID a participant commits to and
 * reveals covers the ciphertext and every wrapped key ({@link #encode()}, {@link #decode}).
 * Container layout, version 1. Integers are unsigned little-endian:
 * <pre>
 * offset  size  field
 *      0     4  magic: ASCII "FLEF"
 *      4     4  format version, uint32: 1
 *      8     4  key wrap length k, uint32
 *     12     k  key wrap (layout in {@link KeyWrap})
 *   12+k   rest envelope (layout in {@link UpdateCipher})
 * </pre>
 *
 * @param envelope the encrypted file, layout in {@link UpdateCipher}
 * @param keyWrap the file key for each recipient; {@code keyWrap.encode()} gives its bytes
 */
public record SealedUpdate(byte[] envelope, KeyWrap keyWrap) {
    static final int MAGIC = 0x46454C46; // "FLEF" read as a little-endian int
    static final int VERSION = 1;
    static final int HEADER_BYTES = 12;

    public SealedUpdate {
        requireNonNull(envelope, "envelope == null");
        requireNonNull(keyWrap, "keyWrap == null");
    }

    /** The bytes of the one file that holds the key wrap and the envelope. */
    public byte[] encode() {
        byte[] wrap = keyWrap.encode();
        return ByteBuffer.allocate(HEADER_BYTES + wrap.length + envelope.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC).putInt(VERSION).putInt(wrap.length).put(wrap).put(envelope).array();
    }

    /** The size of the container for a plaintext of {@code plaintextBytes} and {@code recipients} recipients. */
    public static long encodedLength(long plaintextBytes, int recipients) {
        return HEADER_BYTES + KeyWrap.HEADER_BYTES + (long) KeyWrap.ENTRY_BYTES * recipients
                + UpdateCipher.HEADER_BYTES + plaintextBytes + Aead.TAG_BYTES;
    }

    /**
     * Splits a container into its key wrap and envelope, checking both formats (not yet that
     * they belong together, nor anything that needs a key: {@link UpdateCipher#decrypt} does).
     *
     * @throws UpdateCipherException {@code TRUNCATED}, {@code BAD_MAGIC}, {@code UNSUPPORTED_VERSION}
     *     or {@code KEY_WRAP_MALFORMED}, for the container, its key wrap or its envelope
     */
    public static SealedUpdate decode(byte[] bytes) throws UpdateCipherException {
        requireNonNull(bytes, "bytes == null");
        if (bytes.length >= 4 && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt() != MAGIC) {
            throw new UpdateCipherException(Reason.BAD_MAGIC, "not an encrypted FedLedger file (bad magic)");
        }
        if (bytes.length < HEADER_BYTES) {
            throw new UpdateCipherException(Reason.TRUNCATED, "encrypted file is truncated: " + bytes.length
                    + " bytes, the header alone has " + HEADER_BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.getInt();
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new UpdateCipherException(Reason.UNSUPPORTED_VERSION, "encrypted file format version "
                    + Integer.toUnsignedString(version) + " is not supported (this build reads 1): upgrade FedLedger");
        }
        long wrapLength = Integer.toUnsignedLong(buffer.getInt());
        if (wrapLength > bytes.length - HEADER_BYTES) {
            throw new UpdateCipherException(Reason.TRUNCATED, "encrypted file is truncated: its key wrap of "
                    + wrapLength + " bytes does not fit in " + bytes.length + " bytes");
        }
        int end = HEADER_BYTES + (int) wrapLength;
        KeyWrap wrap = KeyWrap.decode(Arrays.copyOfRange(bytes, HEADER_BYTES, end));
        byte[] envelope = Arrays.copyOfRange(bytes, end, bytes.length);
        UpdateCipher.keyCommitment(envelope); // magic, version, length
        if (envelope.length < UpdateCipher.HEADER_BYTES + Aead.TAG_BYTES) {
            throw new UpdateCipherException(Reason.TRUNCATED, "encrypted update is truncated: " + envelope.length
                    + " bytes, at least " + (UpdateCipher.HEADER_BYTES + Aead.TAG_BYTES) + " needed");
        }
        return new SealedUpdate(envelope, wrap);
    }
}
