package org.fedledger.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightFileTest {
    private static final byte[] SPEC = WeightFile.specDigestOf("{\"layers\":[784,128,10]}");
    private static final byte[] OTHER_SPEC = WeightFile.specDigestOf("{\"layers\":[784,64,10]}");
    private static final long LIMIT = 512L << 20;

    private static WeightFile decode(byte[] bytes, int params) throws WeightFileException {
        return WeightFile.decode(bytes, SPEC, params, LIMIT);
    }

    private static byte[] encoded(float... values) {
        return new WeightFile(SPEC, values).encode();
    }

    @Test
    void roundTripKeepsEveryBitIncludingSignedZerosSubnormalsAndExtremes() throws Exception {
        float[] values = {0f, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-3f, 42f};
        WeightFile decoded = decode(encoded(values), values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(decoded.values()[i])).isEqualTo(Float.floatToRawIntBits(values[i]));
        }
        assertThat(decoded.specDigest()).isEqualTo(SPEC);
        assertThat(decoded).isEqualTo(new WeightFile(SPEC, values));
    }

    @Test
    void roundTripOfAMillionRandomValuesIsBitExact() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        float[] values = new float[1_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(random.nextInt()) ;
            if (!Float.isFinite(values[i])) {
                values[i] = (float) random.nextGaussian();
            }
        }
        byte[] bytes = encoded(values);
        assertThat(bytes).hasSize(48 + 4 * values.length);
        assertThat(Arrays.equals(decode(bytes, values.length).values(), values)).isTrue();
        assertThat(new WeightFile(SPEC, values.clone()).encode()).isEqualTo(bytes);
    }

    @Test
    void headerIsMagicVersionDigestCountThenLittleEndianFloats() {
        byte[] bytes = encoded(1.0f, -2.5f);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("FLWF");
        assertThat(HexFormat.of().formatHex(bytes, 4, 8)).isEqualTo("01000000");
        assertThat(Arrays.copyOfRange(bytes, 8, 40)).isEqualTo(SPEC);
        assertThat(HexFormat.of().formatHex(bytes, 40, 48)).isEqualTo("0200000000000000");
        assertThat(HexFormat.of().formatHex(bytes, 48, 56)).isEqualTo("0000803f000020c0");
        assertThat(WeightFile.encodedLength(101_770)).isEqualTo(407_128);
    }

    @Test
    void specDigestIsSha256OfTheSpecBytes() {
        assertThat(HexFormat.of().formatHex(WeightFile.specDigestOf("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void rejectsAFileOverTheSizeLimitBeforeReadingIt() {
        assertThatThrownBy(() -> WeightFile.decode(new byte[600], SPEC, 5, 512))
                .isInstanceOf(WeightFileException.class)
                .hasMessage("file of 600 bytes exceeds the 512 bytes limit");
        assertThat(WeightFile.size(9L << 30)).isEqualTo("9 GiB");
        assertThat(WeightFile.size(LIMIT)).isEqualTo("512 MiB");
        assertThat(WeightFile.size(1536)).isEqualTo("1.5 KiB");
    }

    @Test
    void rejectsAFileShorterThanTheHeader() {
        assertThatThrownBy(() -> decode(new byte[12], 0))
                .hasMessage("length 12 is shorter than the 48-byte header");
    }

    @Test
    void rejectsBadMagic() {
        byte[] bytes = encoded(1f);
        bytes[0] = 'X';
        assertThatThrownBy(() -> decode(bytes, 1)).hasMessageStartingWith("bad magic");
    }

    @Test
    void rejectsAnUnsupportedFormatVersion() {
        byte[] bytes = encoded(1f);
        bytes[4] = 7;
        assertThatThrownBy(() -> decode(bytes, 1)).hasMessage("unsupported format version 7");
    }

    @Test
    void rejectsAnotherModelsSpecDigest() {
        byte[] bytes = encoded(1f);
        assertThatThrownBy(() -> WeightFile.decode(bytes, OTHER_SPEC, 1, LIMIT))
                .hasMessageStartingWith("model spec digest mismatch");
    }

    @Test
    void rejectsTheWrongParameterCount() {
        assertThatThrownBy(() -> decode(encoded(1, 2, 3, 4, 5), 101_770))
                .hasMessage("expected 101770 parameters, file has 5");
        byte[] huge = encoded(1f);
        Arrays.fill(huge, 40, 48, (byte) 0xff);
        assertThatThrownBy(() -> decode(huge, 1)).hasMessage("expected 1 parameters, file has 18446744073709551615");
    }

    @Test
    void rejectsALengthThatDoesNotMatchTheHeader() {
        byte[] truncated = Arrays.copyOf(encoded(1, 2, 3), 55);
        assertThatThrownBy(() -> decode(truncated, 3)).hasMessage("length 55 does not match header (expected 60)");
        byte[] padded = Arrays.copyOf(encoded(1, 2, 3), 61);
        assertThatThrownBy(() -> decode(padded, 3)).hasMessage("length 61 does not match header (expected 60)");
    }

    @Test
    void rejectsNaNAndInfiniteValuesByIndex() {
        byte[] bytes = encoded(new float[20]);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putFloat(48 + 4 * 17, Float.NaN);
        assertThatThrownBy(() -> decode(bytes, 20)).isInstanceOf(WeightFileException.class).hasMessage("value 17 is NaN");
        buffer.putFloat(48 + 4 * 3, Float.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> decode(bytes, 20)).hasMessage("value 3 is infinite");
    }

    @Test
    void refusesToHoldNonFiniteValuesOrAShortDigest() {
        assertThatThrownBy(() -> new WeightFile(SPEC, new float[] {1f, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("value 1 is NaN");
        assertThatThrownBy(() -> new WeightFile(new byte[31], new float[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
