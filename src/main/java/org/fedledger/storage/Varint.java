package org.fedledger.storage;

/** Unsigned LEB128 varints, as multiformats and protobuf use them. */
final class Varint {
    private Varint() {}

    static int size(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /** Writes {@code value} at {@code offset} and returns the offset after it. */
    static int write(byte[] out, int offset, long value) {
        while ((value & ~0x7fL) != 0) {
            out[offset++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    /**
     * Reads a varint of at most 9 bytes at {@code cursor[0]} and advances the cursor; returns -1
     * when the input ends first or the varint is too long.
     */
    static long read(byte[] in, int[] cursor) {
        long value = 0;
        for (int shift = 0, i = cursor[0]; shift < 63 && i < in.length; shift += 7, i++) {
            value |= (long) (in[i] & 0x7f) << shift;
            if ((in[i] & 0x80) == 0) {
                cursor[0] = i + 1;
                return value;
            }
        }
        return -1;
    }
}
