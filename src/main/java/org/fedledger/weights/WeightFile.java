package org.fedledger.weights;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A model's weights as participants publish them on IPFS: the canonical file, written by
 * {@link #encode()} and read by {@link #decode} and nowhere else, so that equal weights always
 * give equal bytes and therefore equal CIDs.
 *
 * <p>Byte layout, version 1. Integers are unsigned little-endian, like the values; the header
 * has a fixed size of 48 bytes and there is no padding anywhere:
 * <pre>
 * offset  size  field
 *      0     4  magic: ASCII "FLWF" (46 4C 57 46)
 *      4     4  format version, uint32: 1
 *      8    32  model spec digest: SHA-256 of the model spec JSON's bytes ({@link #specDigestOf})
 *     40     8  parameter count n, uint64
 *     48   4*n  the values, IEEE 754 binary32 little-endian, in the model's parameter order
 * </pre>
 * A file has exactly {@code 48 + 4n} bytes ({@link #encodedLength}). Every value is finite;
 * the bits of each value, including the sign of zero, survive a round trip.
 *
 * <p>The arrays are shared, not copied: a weight vector is megabytes and passes through several
 * hands in a round. Whoever hands an array to this record must not modify it afterwards.
 *
 * @param specDigest SHA-256 of the model spec JSON, 32 bytes
 * @param values the parameters, all finite
 */
public record WeightFile(byte[] specDigest, float[] values) {
    /** The first four bytes of every weight file. */
    static final int MAGIC = 0x46574C46; // "FLWF" read as a little-endian int
    static final int VERSION = 1;
    static final int HEADER_BYTES = 48;
    private static final int DIGEST_BYTES = 32;

    public WeightFile {
        requireNonNull(specDigest, "specDigest == null");
        requireNonNull(values, "values == null");
        if (specDigest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("specDigest must have 32 bytes, not " + specDigest.length);
        }
        int bad = firstNonFinite(values);
        if (bad >= 0) {
            throw new IllegalArgumentException(nonFinite(values, bad));
        }
    }

    /** Returns the SHA-256 of a model spec's JSON bytes, the digest a weight file names. */
    public static byte[] specDigestOf(byte[] specJson) {
        requireNonNull(specJson, "specJson == null");
        try {
            return MessageDigest.getInstance("SHA-256").digest(specJson);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Returns {@link #specDigestOf(byte[])} of the UTF-8 bytes of {@code specJson}. */
    public static byte[] specDigestOf(String specJson) {
        requireNonNull(specJson, "specJson == null");
        return specDigestOf(specJson.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the length of the file of {@code params} values, to bound a download with. */
    public static long encodedLength(long params) {
        if (params < 0 || params > (Long.MAX_VALUE - HEADER_BYTES) / Float.BYTES) {
            throw new IllegalArgumentException("params out of range: " + params);
        }
        return HEADER_BYTES + Float.BYTES * params;
    }

    /** Returns the canonical bytes of this file. */
    public byte[] encode() {
        byte[] bytes = new byte[Math.toIntExact(encodedLength(values.length))];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).put(specDigest).putLong(values.length);
        buffer.asFloatBuffer().put(values);
        return bytes;
    }

    /**
     * Parses and checks a weight file: at most {@code maxBytes} long, this format and version,
     * the expected model spec and parameter count, a length that matches its header, and finite
     * values. Checks run in that order and the first that fails is reported.
     *
     * @throws WeightFileException naming the first thing that is wrong, e.g. {@code "bad
     *     magic"}, {@code "expected 101770 parameters, file has 5"}, {@code "value 17 is NaN"}
     */
    public static WeightFile decode(byte[] bytes, byte[] expectedSpecDigest, int expectedParams, long maxBytes)
            throws WeightFileException {
        requireNonNull(bytes, "bytes == null");
        requireNonNull(expectedSpecDigest, "expectedSpecDigest == null");
        if (expectedSpecDigest.length != DIGEST_BYTES || expectedParams < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("need a 32-byte digest, expectedParams >= 0 and maxBytes >= 0");
        }
        if (bytes.length > maxBytes) {
            throw new WeightFileException("file of " + size(bytes.length) + " exceeds the " + size(maxBytes) + " limit");
        }
        if (bytes.length < HEADER_BYTES) {
            throw new WeightFileException("length " + bytes.length + " is shorter than the 48-byte header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.getInt() != MAGIC) {
            throw new WeightFileException("bad magic: not a FedLedger weight file");
        }
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new WeightFileException("unsupported format version " + Integer.toUnsignedString(version));
        }
        byte[] digest = new byte[DIGEST_BYTES];
        buffer.get(digest);
        if (!MessageDigest.isEqual(digest, expectedSpecDigest)) {
            throw new WeightFileException("model spec digest mismatch: file has " + hex(digest)
                    + ", expected " + hex(expectedSpecDigest));
        }
        long count = buffer.getLong();
        if (count != expectedParams) {
            throw new WeightFileException("expected " + expectedParams + " parameters, file has "
                    + Long.toUnsignedString(count));
        }
        long expectedLength = encodedLength(expectedParams);
        if (bytes.length != expectedLength) {
            throw new WeightFileException("length " + bytes.length + " does not match header (expected "
                    + expectedLength + ")");
        }
        float[] values = new float[expectedParams];
        buffer.asFloatBuffer().get(values);
        int bad = firstNonFinite(values);
        if (bad >= 0) {
            throw new WeightFileException(nonFinite(values, bad));
        }
        return new WeightFile(digest, values);
    }

    /** Returns the index of the first NaN or infinite value, or -1 if all are finite. */
    static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    static String nonFinite(float[] values, int index) {
        return "value " + index + (Float.isNaN(values[index]) ? " is NaN" : " is infinite");
    }

    /** A byte count for people: {@code 512 MiB}, {@code 9.0 GiB}, {@code 123 bytes}. */
    static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + " " + units[unit];
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 4) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightFile other
                && Arrays.equals(specDigest, other.specDigest)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(specDigest) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "WeightFile[" + values.length + " values, spec " + hex(specDigest) + "]";
    }
}
