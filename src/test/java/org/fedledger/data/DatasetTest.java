package org.fedledger.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void rejectsFeaturesThatDoNotMatchTheLabels() {
        assertThatThrownBy(() -> new Dataset("d", 2, 2, new float[5], new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features.length 5 != labels.length 3 * featureCount 2");
    }

    @Test
    void rejectsLabelsOutsideTheClasses() {
        assertThatThrownBy(() -> new Dataset("d", 1, 2, new float[3], new int[] {0, 2, 1}))
                .hasMessage("labels[1] = 2, expected 0..1");
    }

    @Test
    void rejectsFeaturesThatAreNotFinite() {
        assertThatThrownBy(() -> new Dataset("d", 1, 2, new float[] {0, Float.NaN}, new int[] {0, 1}))
                .hasMessage("features[1] = NaN is not finite");
    }

    @Test
    void subsetCopiesTheChosenRowsInOrder() {
        Dataset data = TestData.traceable(3, 3);
        Dataset subset = data.subset(new int[] {4, 1, 4});

        assertThat(TestData.ids(subset)).containsExactly(4, 1, 4);
        assertThat(subset.labels()).containsExactly(data.labels()[4], data.labels()[1], data.labels()[4]);
        assertThat(subset.row(1)).containsExactly(data.row(1));
        assertThatThrownBy(() -> data.subset(new int[] {6})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void countsTheSamplesOfEachClass() {
        assertThat(TestData.traceable(5, 0, 2).classCounts()).containsExactly(5, 0, 2);
    }

    @Test
    void splitIsDisjointCoveringAndStratified() {
        Dataset data = TestData.traceable(60, 30, 12, 2, 1);

        Split split = data.split(1.0 / 6, 7);

        int[] train = TestData.ids(split.train());
        int[] test = TestData.ids(split.test());
        assertThat(IntStream.concat(Arrays.stream(train), Arrays.stream(test)).sorted().toArray())
                .containsExactly(IntStream.range(0, data.size()).toArray());
        assertThat(train).isSorted();
        assertThat(test).isSorted();
        assertThat(split.test().classCounts()).containsExactly(10, 5, 2, 1, 0);
        assertThat(split.train().classCounts()).containsExactly(50, 25, 10, 1, 1);
        assertThat(split.train().name()).isEqualTo("synthetic-train");
        assertThat(split.test().name()).isEqualTo("synthetic-test");
    }

    @Test
    void splitIsDeterministicForASeedAndDiffersForAnother() {
        Dataset data = TestData.traceable(100, 100, 100);

        assertThat(data.split(0.2, 1)).isEqualTo(data.split(0.2, 1));
        assertThat(TestData.ids(data.split(0.2, 1).test())).isNotEqualTo(TestData.ids(data.split(0.2, 2).test()));
    }

    @Test
    void splitRejectsFractionsOutsideZeroToOne() {
        Dataset data = TestData.traceable(5, 5);
        assertThatThrownBy(() -> data.split(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> data.split(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> data.split(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sampleHasExactlyTheCountInProportionToClassSizes() {
        Dataset data = TestData.traceable(500, 300, 200);

        Dataset sample = data.sample(101, 3);

        assertThat(sample.size()).isEqualTo(101);
        assertThat(sample.classCounts()).containsExactly(51, 30, 20);
        assertThat(TestData.ids(sample)).isSorted().doesNotHaveDuplicates();
        assertThat(data.sample(101, 3)).isEqualTo(sample);
        assertThat(data.sample(data.size(), 3)).isEqualTo(data);
    }

    @Test
    void equalityComparesContents() {
        assertThat(TestData.traceable(2, 3)).isEqualTo(TestData.traceable(2, 3))
                .hasSameHashCodeAs(TestData.traceable(2, 3))
                .isNotEqualTo(TestData.traceable(3, 2));
        assertThat(TestData.traceable(2, 3)).hasToString("Dataset[synthetic, 5 samples x 3 features, 2 classes]");
    }
}
