package org.fedledger.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetsTest {
    @Test
    void mnistIsSplitFiveToOneStratifiedAndTheSameEveryTime() throws DataSetException {
        Split split = DataSets.load("mnist");
        int[] all = MnistDigits.load().classCounts();

        assertThat(split.train().size() + split.test().size()).isEqualTo(10_000);
        assertThat(split.test().size()).isBetween(1_660, 1_675);
        for (int c = 0; c < 10; c++) {
            assertThat(split.train().classCounts()[c] + split.test().classCounts()[c]).isEqualTo(all[c]);
            assertThat(split.test().classCounts()[c]).isEqualTo(Math.round(all[c] / 6.0));
        }
        assertThat(DataSets.load("mnist")).isEqualTo(split);
    }

    @Test
    void csvSpecsTakeALabelColumnAndANormalisation(@TempDir Path dir) throws Exception {
        StringBuilder rows = new StringBuilder("kind,x\n");
        for (int i = 0; i < 12; i++) {
            rows.append(i % 2 == 0 ? "even" : "odd").append(',').append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("numbers.csv"), rows);

        Split split = DataSets.load("csv:" + file + "?label=kind&normalize=min-max");

        assertThat(split.train().size()).isEqualTo(10);
        assertThat(split.test().classCounts()).containsExactly(1, 1);
        assertThat(split.train().name()).isEqualTo("numbers-train");
        for (float x : split.train().features()) {
            assertThat(x).isBetween(0f, 1f);
        }
    }

    @Test
    void rejectsUnknownCsvOptions() {
        assertThatThrownBy(() -> DataSets.load("csv:x.csv?sep=;"))
                .isInstanceOf(DataSetException.class)
                .hasMessage("bad data set 'csv:x.csv?sep=;': unknown option 'sep=;'; "
                        + "a CSV spec is csv:PATH[?label=COLUMN&normalize=none|min-max|z-score]");
        assertThatThrownBy(() -> DataSets.load("csv:x.csv?normalize=l2"))
                .hasMessage("bad data set 'csv:x.csv?normalize=l2': "
                        + "unknown normalisation 'l2': use none, min-max or z-score");
        assertThatThrownBy(() -> DataSets.load("csv:"))
                .hasMessage("bad data set 'csv:': give the CSV file's path, e.g. csv:data/iris.csv");
    }

    @Test
    void rejectsAnUnknownSpecListingTheValidOnes() {
        assertThatThrownBy(() -> DataSets.load("cifar10"))
                .isInstanceOf(DataSetException.class)
                .hasMessage("unknown data set 'cifar10': use mnist, fashion-mnist, fashion-mnist:N or "
                        + "csv:PATH[?label=COLUMN&normalize=none|min-max|z-score]");
    }

    @Test
    void rejectsAFashionMnistSampleThatIsNotACount() {
        assertThatThrownBy(() -> DataSets.load("fashion-mnist:lots"))
                .hasMessage("bad data set 'fashion-mnist:lots': N in fashion-mnist:N is a count of training images, "
                        + "e.g. fashion-mnist:6000");
    }

    @Test
    void fashionMnistSampleIsStratifiedWhenTheDataSetIsInstalled() throws DataSetException {
        assumeTrue(FashionMnist.searchPath().stream().anyMatch(dir -> Files.isDirectory(dir)),
                "Fashion-MNIST is not installed (tools/fetch-fashion-mnist)");

        Split split = DataSets.load("fashion-mnist:600");

        assertThat(split.train().size()).isEqualTo(600);
        assertThat(split.train().classCounts()).containsOnly(60);
        assertThat(split.test().size()).isEqualTo(100);
        assertThat(split.test().classCounts()).containsOnly(10);
    }
}
