package org.fedledger.encryption;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fedledger.encryption.UpdateCipherException.Reason;

/**
 * The document published next to an encrypted update: the file key wrapped for each recipient,
 * and the key commitment of the file it belongs to. Recipients are kept sorted by address, so
 * equal documents have equal bytes (and CIDs) whatever order they were listed in; written by
 * {@link #encode()} and read by {@link #decode} only.
 *
 * <p>Byte layout, version 1. Integers are unsigned little-endian, as in weight files:
 * <pre>
 * offset     size   field
 *      0        4   magic: ASCII "FLKW"
 *      4        4   format version, uint32: 1
 *      8       32   key commitment of the encrypted file (see {@link UpdateCipher})
 *     40        4   recipient count n, uint32
 *     44   101*n    entries in strictly ascending address order, each:
 *                     20  recipient address
 *                     33  ephemeral public key, SEC 1 compressed
 *                     48  sealed file key: AES-256-GCM ciphertext (32) and tag (16)
 * </pre>
 *
 * @param keyCommitment the commitment in the encrypted file's header, 32 bytes
 * @param keys one entry per recipient, at least one, no address twice; stored sorted
 */
public record KeyWrap(byte[] keyCommitment, List<WrappedKey> keys) {
    static final int MAGIC = 0x574B4C46; // "FLKW" read as a little-endian int
    static final int VERSION = 1;
    static final int HEADER_BYTES = 44;
    static final int ENTRY_BYTES = 20 + WrappedKey.EPHEMERAL_BYTES + WrappedKey.SEALED_BYTES;
    static final int COMMITMENT_BYTES = 32;

    public KeyWrap {
        requireNonNull(keyCommitment, "keyCommitment == null");
        requireNonNull(keys, "keys == null");
        if (keyCommitment.length != COMMITMENT_BYTES) {
            throw new IllegalArgumentException("key commitment must have 32 bytes, not " + keyCommitment.length);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key wrap needs at least one recipient");
        }
        List<WrappedKey> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparing(WrappedKey::address));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).address().equals(sorted.get(i - 1).address())) {
                throw new IllegalArgumentException("recipient " + sorted.get(i).address() + " is listed twice");
            }
        }
        keyCommitment = keyCommitment.clone();
        keys = List.copyOf(sorted);
    }

    @Override
    public byte[] keyCommitment() {
        return keyCommitment.clone();
    }

    /** Returns the entry for {@code address} (any case), if it is a recipient. */
    public Optional<WrappedKey> find(String address) {
        String wanted = Recipient.normalise(address);
        return keys.stream().filter(k -> k.address().equals(wanted)).findFirst();
    }

    /** Returns the canonical bytes of this document. */
    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + ENTRY_BYTES * keys.size()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).put(keyCommitment).putInt(keys.size());
        for (WrappedKey key : keys) {
            buffer.put(HexFormat.of().parseHex(key.address().substring(2)))
                    .put(key.ephemeralPublicKey())
                    .put(key.sealedKey());
        }
        return buffer.array();
    }

    /**
     * Parses a key wrap document.
     *
     * @throws UpdateCipherException {@link Reason#TRUNCATED}, {@link Reason#BAD_MAGIC},
     *     {@link Reason#UNSUPPORTED_VERSION} or {@link Reason#KEY_WRAP_MALFORMED}
     */
    public static KeyWrap decode(byte[] bytes) throws UpdateCipherException {
        requireNonNull(bytes, "bytes == null");
        if (bytes.length < HEADER_BYTES) {
            throw new UpdateCipherException(Reason.TRUNCATED,
                    "key wrap is truncated: " + bytes.length + " bytes, the header alone has " + HEADER_BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.getInt() != MAGIC) {
            throw new UpdateCipherException(Reason.BAD_MAGIC, "not a FedLedger key wrap (bad magic)");
        }
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new UpdateCipherException(Reason.UNSUPPORTED_VERSION, "key wrap format version "
                    + Integer.toUnsignedString(version) + " is not supported (this build reads 1): upgrade FedLedger");
        }
        byte[] commitment = new byte[COMMITMENT_BYTES];
        buffer.get(commitment);
        long count = Integer.toUnsignedLong(buffer.getInt());
        long expected = HEADER_BYTES + ENTRY_BYTES * count;
        if (bytes.length != expected) {
            throw new UpdateCipherException(bytes.length < expected ? Reason.TRUNCATED : Reason.KEY_WRAP_MALFORMED,
                    "key wrap of " + count + " recipients must have " + expected + " bytes, not " + bytes.length);
        }
        if (count == 0) {
            throw new UpdateCipherException(Reason.KEY_WRAP_MALFORMED, "key wrap lists no recipients");
        }
        List<WrappedKey> keys = new ArrayList<>((int) count);
        byte[] previous = null;
        for (long i = 0; i < count; i++) {
            byte[] address = new byte[20];
            byte[] ephemeral = new byte[WrappedKey.EPHEMERAL_BYTES];
            byte[] sealed = new byte[WrappedKey.SEALED_BYTES];
            buffer.get(address).get(ephemeral).get(sealed);
            if (previous != null && Arrays.compareUnsigned(previous, address) >= 0) {
                throw new UpdateCipherException(Reason.KEY_WRAP_MALFORMED,
                        "key wrap recipients are not in strictly ascending address order at entry " + i);
            }
            previous = address;
            keys.add(new WrappedKey("0x" + HexFormat.of().formatHex(address), ephemeral, sealed));
        }
        return new KeyWrap(commitment, keys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyWrap other && Arrays.equals(keyCommitment, other.keyCommitment) && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keyCommitment) * 31 + keys.hashCode();
    }

    @Override
    public String toString() {
        return "KeyWrap[" + keys.size() + " recipients]";
    }
}
