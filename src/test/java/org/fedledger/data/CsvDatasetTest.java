package org.fedledger.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedledger.data.CsvDataset.Normalization;
import org.fedledger.data.CsvDataset.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    @TempDir
    Path dir;

    @Test
    void readsAHeaderNumericFeaturesAndStringLabelsInSortedOrder() throws Exception {
        Path file = write("iris.csv", """
                sepal_length, sepal_width ,species
                5.1,3.5,setosa
                7.0,3.2,versicolor

                6.3,3.3,"virginica"
                4.9,-3e0,setosa
                """);

        CsvDataset csv = CsvDataset.read(file);

        assertThat(csv.featureNames()).containsExactly("sepal_length", "sepal_width");
        assertThat(csv.classNames()).containsExactly("setosa", "versicolor", "virginica");
        Dataset data = csv.dataset();
        assertThat(data.name()).isEqualTo("iris");
        assertThat(data.size()).isEqualTo(4);
        assertThat(data.labels()).containsExactly(0, 1, 2, 0);
        assertThat(data.features()).containsExactly(5.1f, 3.5f, 7.0f, 3.2f, 6.3f, 3.3f, 4.9f, -3f);
    }

    @Test
    void sortsIntegerLabelsNumericallyWithoutAHeader() throws Exception {
        Path file = write("digits.csv", "1,10\n2,9\n3,2\n4,10\n");

        CsvDataset csv = CsvDataset.read(file);

        assertThat(csv.classNames()).containsExactly("2", "9", "10");
        assertThat(csv.dataset().labels()).containsExactly(2, 1, 0, 2);
        assertThat(csv.featureNames()).containsExactly("column 1");
    }

    @Test
    void choosesTheLabelColumnByNameOrIndex() throws Exception {
        Path file = write("data.csv", "kind,x,y\n\"a, b\",1,2\nc,3,4\n");

        CsvDataset byName = CsvDataset.read(file, new Options("kind", Normalization.NONE));
        CsvDataset byIndex = CsvDataset.read(file, new Options("0", Normalization.NONE));

        assertThat(byName.classNames()).containsExactly("a, b", "c");
        assertThat(byName.featureNames()).containsExactly("x", "y");
        assertThat(byName.dataset().features()).containsExactly(1f, 2f, 3f, 4f);
        assertThat(byIndex).isEqualTo(byName);
    }

    @Test
    void anIndexLikeLabelColumnIsAnIndexWhenThereIsNoHeader() throws Exception {
        Path file = write("data.csv", "0,5,1\n1,6,0\n");

        CsvDataset csv = CsvDataset.read(file, new Options("0", Normalization.NONE));

        assertThat(csv.dataset().size()).isEqualTo(2);
        assertThat(csv.dataset().features()).containsExactly(5f, 1f, 6f, 0f);
    }

    @Test
    void scalesFeaturesToZeroOneByMinMax() throws Exception {
        Path file = write("data.csv", "x,y,label\n1,7,a\n3,7,b\n2,7,a\n");

        Dataset data = CsvDataset.read(file, new Options(null, Normalization.MIN_MAX)).dataset();

        assertThat(data.features()).containsExactly(0f, 0f, 1f, 0f, 0.5f, 0f);
    }

    @Test
    void standardisesFeaturesByZScore() throws Exception {
        Path file = write("data.csv", "x,label\n1,a\n2,b\n3,a\n4,b\n");

        Dataset data = CsvDataset.read(file, new Options(null, Normalization.Z_SCORE)).dataset();

        double sd = Math.sqrt(1.25);
        assertThat(data.features()).containsExactly(new float[] {
                (float) (-1.5 / sd), (float) (-0.5 / sd), (float) (0.5 / sd), (float) (1.5 / sd)}, within(1e-6f));
    }

    @Test
    void reportsTheLineAndColumnOfACellThatIsNotANumber() throws Exception {
        Path file = write("data.csv", "a,b,label\n1,2,x\n1,abc,y\n");

        assertThatThrownBy(() -> CsvDataset.read(file))
                .isInstanceOf(DataSetException.class)
                .hasMessage(file + " line 3, column 2: 'abc' is not a number");
    }

    @Test
    void rejectsNumbersTooLargeForAFloat() throws Exception {
        Path file = write("data.csv", "1,x\n1e39,y\n");

        assertThatThrownBy(() -> CsvDataset.read(file))
                .hasMessage(file + " line 2, column 1: '1e39' is too large for a float");
    }

    @Test
    void rejectsRaggedRows() throws Exception {
        Path file = write("data.csv", "\na,b,label\n1,2,x\n1,y\n");

        assertThatThrownBy(() -> CsvDataset.read(file)).hasMessage(file + " line 4 has 2 columns, but line 2 has 3");
    }

    @Test
    void rejectsAnEmptyFile() throws Exception {
        Path file = write("data.csv", "\n  \n");

        assertThatThrownBy(() -> CsvDataset.read(file))
                .hasMessage(file + " is empty: expected rows of numbers with a label column");
    }

    @Test
    void rejectsAHeaderWithoutRows() throws Exception {
        Path file = write("data.csv", "a,label\n");

        assertThatThrownBy(() -> CsvDataset.read(file)).hasMessage(file + " has a header but no data rows");
    }

    @Test
    void rejectsASingleClass() throws Exception {
        Path file = write("data.csv", "a,label\n1,x\n2,x\n");

        assertThatThrownBy(() -> CsvDataset.read(file))
                .hasMessage(file + ": every row has the label 'x' (column 2): a classifier needs at least 2 classes");
    }

    @Test
    void rejectsAnUnknownLabelColumn() throws Exception {
        Path file = write("data.csv", "a,label\n1,x\n2,y\n");

        assertThatThrownBy(() -> CsvDataset.read(file, new Options("class", Normalization.NONE)))
                .hasMessage(file + " has no column named 'class': its first row is a, label");
        assertThatThrownBy(() -> CsvDataset.read(file, new Options("2", Normalization.NONE)))
                .hasMessage("label column 2 is out of range: " + file + " has 2 columns, 0..1");
    }

    @Test
    void rejectsAnEmptyLabelAndAnUnclosedQuote() throws Exception {
        Path empty = write("empty.csv", "1,x\n2,\n");
        Path quote = write("quote.csv", "1,x\n2,\"y\n");

        assertThatThrownBy(() -> CsvDataset.read(empty)).hasMessage(empty + " line 2, column 2: the label is empty");
        assertThatThrownBy(() -> CsvDataset.read(quote))
                .hasMessage(quote + " line 2: a double quote is not closed (a quoted field cannot span lines)");
    }

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("nope.csv");

        assertThatThrownBy(() -> CsvDataset.read(file)).hasMessage(file + " not found: check the path");
    }

    @Test
    void parsesNormalisationNames() {
        assertThat(Normalization.parse("z-score")).isEqualTo(Normalization.Z_SCORE);
        assertThat(Normalization.MIN_MAX).hasToString("min-max");
        assertThatThrownBy(() -> Normalization.parse("l2"))
                .hasMessage("unknown normalisation 'l2': use none, min-max or z-score");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
