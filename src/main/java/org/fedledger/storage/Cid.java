package org.fedledger.storage;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A version-1 content identifier with a sha2-256 multihash, the only kind FedLedger writes or
 * accepts: {@code <varint 1><varint codec><0x12><0x20><32-byte digest>}. Its text form is
 * multibase base32 (lower case, no padding, {@code b} prefix), as Kubo and js-ipfs print it
 * with {@code cid-base=base32}. Two CIDs are equal when their bytes are.
 */
public final class Cid {
    /** Multicodec of a raw block: the bytes themselves. */
    public static final int RAW = 0x55;
    /** Multicodec of a dag-pb block: a protobuf PBNode, here a UnixFS file node. */
    public static final int DAG_PB = 0x70;

    private static final int VERSION = 1;
    private static final int SHA2_256 = 0x12;
    private static final int DIGEST_LENGTH = 32;
    private static final int MAX_QUOTED = 80;

    private final byte[] bytes;
    private final int codec;

    private Cid(byte[] bytes, int codec) {
        this.bytes = bytes;
        this.codec = codec;
    }

    /** Returns the CIDv1 of a block with the given codec and sha2-256 digest. */
    public static Cid of(int codec, byte[] sha256Digest) {
        requireNonNull(sha256Digest, "sha256Digest == null");
        if (codec < 0) {
            throw new IllegalArgumentException("codec < 0: " + codec);
        }
        if (sha256Digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException(
                    "a sha2-256 digest has 32 bytes, not " + sha256Digest.length);
        }
        byte[] prefix = new byte[Varint.size(VERSION) + Varint.size(codec) + 2];
        int i = Varint.write(prefix, 0, VERSION);
        i = Varint.write(prefix, i, codec);
        prefix[i++] = SHA2_256;
        prefix[i] = DIGEST_LENGTH;
        byte[] bytes = Arrays.copyOf(prefix, prefix.length + DIGEST_LENGTH);
        System.arraycopy(sha256Digest, 0, bytes, prefix.length, DIGEST_LENGTH);
        return new Cid(bytes, codec);
    }

    /**
     * Parses the base32 text form ({@code bafy...}, {@code bafk...}).
     *
     * @throws IllegalArgumentException {@code "not a CIDv1 in base32: <text> (<reason>)"}
     */
    public static Cid parse(String text) {
        requireNonNull(text, "text == null");
        if (text.startsWith("Qm") && text.length() == 46) {
            throw invalid(text, "CIDv0 is not supported; add content with cid-version=1");
        }
        if (text.isEmpty() || text.charAt(0) != 'b') {
            throw invalid(text, "expected the multibase prefix 'b'");
        }
        byte[] bytes;
        try {
            bytes = Base32.decode(text.substring(1));
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
        int[] cursor = {0};
        long version = Varint.read(bytes, cursor);
        if (version != VERSION) {
            throw invalid(text, version < 0 ? "truncated" : "CID version " + version);
        }
        long codec = Varint.read(bytes, cursor);
        long hash = Varint.read(bytes, cursor);
        long length = Varint.read(bytes, cursor);
        if (codec < 0 || codec > Integer.MAX_VALUE || hash < 0 || length < 0) {
            throw invalid(text, "truncated or malformed varint");
        }
        if (hash != SHA2_256 || length != DIGEST_LENGTH) {
            throw invalid(text, "only sha2-256 multihashes (0x12 0x20) are supported");
        }
        if (bytes.length - cursor[0] != DIGEST_LENGTH) {
            throw invalid(text, "digest has " + (bytes.length - cursor[0]) + " bytes, not 32");
        }
        Cid cid = of((int) codec, Arrays.copyOfRange(bytes, cursor[0], bytes.length));
        if (!Arrays.equals(cid.bytes, bytes)) {
            throw invalid(text, "non-minimal varint");
        }
        return cid;
    }

    /**
     * Reads a binary CID, the form contracts store and emit.
     *
     * @throws IllegalArgumentException as {@link #parse} does, for bytes that are not a
     *     sha2-256 CIDv1
     */
    public static Cid fromBytes(byte[] binary) {
        requireNonNull(binary, "binary == null");
        return parse("b" + Base32.encode(binary));
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        String quoted = text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
        return new IllegalArgumentException("not a CIDv1 in base32: " + quoted + " (" + reason + ")");
    }

    /** Returns the binary CID (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the multicodec of the block: {@link #RAW} or {@link #DAG_PB} for UnixFS files. */
    public int codec() {
        return codec;
    }

    /** Returns the 32-byte sha2-256 digest of the block (a copy). */
    public byte[] digest() {
        return Arrays.copyOfRange(bytes, bytes.length - DIGEST_LENGTH, bytes.length);
    }

    /** Returns the base32 text form with its {@code b} prefix. */
    @Override
    public String toString() {
        return "b" + Base32.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cid that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
