package org.fedledger.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionersTest {
    private static final Dataset DATA = TestData.traceable(300, 250, 200, 150, 120, 100, 90, 80, 60, 50);

    @ParameterizedTest
    @ValueSource(strings = {"iid", "label-skew:1", "label-skew:2", "dirichlet:0.1", "dirichlet:1", "dirichlet:100"})
    void partitionsAreSortedDisjointAndCoverEverySample(String spec) {
        for (int participants : new int[] {1, 2, 7, 10, 30}) {
            List<int[]> parts = Partitioners.parse(spec, 5).partition(DATA, participants);

            assertThat(parts).hasSize(participants).allSatisfy(part -> assertThat(part).isNotEmpty().isSorted());
            assertThat(parts.stream().flatMapToInt(Arrays::stream).sorted().toArray())
                    .containsExactly(IntStream.range(0, DATA.size()).toArray());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iid", "label-skew:2", "dirichlet:0.5"})
    void partitionsAreTheSameForASeedAndDifferForAnother(String spec) {
        List<int[]> first = Partitioners.parse(spec, 11).partition(DATA, 10);
        List<int[]> again = Partitioners.parse(spec, 11).partition(DATA, 10);
        List<int[]> other = Partitioners.parse(spec, 12).partition(DATA, 10);

        assertThat(again).usingRecursiveComparison().isEqualTo(first);
        assertThat(other).usingRecursiveComparison().isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iid", "label-skew:2", "dirichlet:0.5"})
    void rejectsParticipantCountsOutsideOneToTheSampleCount(String spec) {
        Dataset small = TestData.traceable(3, 3);
        Partitioner partitioner = Partitioners.parse(spec, 1);

        assertThatThrownBy(() -> partitioner.partition(small, 0))
                .hasMessage("participants must be in 1..6 (the number of samples): 0");
        assertThatThrownBy(() -> partitioner.partition(small, 7))
                .hasMessage("participants must be in 1..6 (the number of samples): 7");
    }

    @Test
    void iidSizesDifferByAtMostOne() {
        List<int[]> parts = Partitioners.iid(3).partition(DATA, 7);

        int[] sizes = parts.stream().mapToInt(part -> part.length).toArray();
        assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void labelSkewGivesEachParticipantAtMostTwoClassesPerShard() {
        for (long seed = 0; seed < 20; seed++) {
            List<int[]> parts = Partitioners.labelSkew(2, seed).partition(DATA, 10);

            assertThat(parts).allSatisfy(part -> assertThat(classesIn(DATA, part)).isBetween(1, 4));
            double mean = parts.stream().mapToInt(part -> classesIn(DATA, part)).average().orElseThrow();
            assertThat(mean).isLessThanOrEqualTo(3.2);
        }
    }

    @Test
    void labelSkewWithAlignedShardsGivesExactlyTheShardCountOfClasses() {
        Dataset balanced = TestData.traceable(TestData.balanced(10, 100));

        List<int[]> parts = Partitioners.labelSkew(2, 9).partition(balanced, 5);

        assertThat(parts).allSatisfy(part -> assertThat(classesIn(balanced, part)).isEqualTo(2));
    }

    @Test
    void labelSkewNeedsAtLeastOneSamplePerShard() {
        assertThatThrownBy(() -> Partitioners.labelSkew(2, 1).partition(TestData.traceable(3, 2), 3))
                .hasMessage("label-skew:2 among 3 participants needs 6 shards of at least one sample, "
                        + "but there are 5 samples");
    }

    @Test
    void dirichletWithSmallAlphaIsFarMoreSkewedThanWithLargeAlpha() {
        Dataset balanced = TestData.traceable(TestData.balanced(10, 500));

        double skewed = meanLargestClassShare(balanced, Partitioners.dirichlet(0.1, 4).partition(balanced, 10));
        double even = meanLargestClassShare(balanced, Partitioners.dirichlet(100, 4).partition(balanced, 10));

        assertThat(skewed).isGreaterThan(0.5);
        assertThat(even).isLessThan(0.2);
    }

    @Test
    void dirichletLeavesNoParticipantEmptyEvenWithTinyAlpha() {
        Dataset small = TestData.traceable(20, 20);

        List<int[]> parts = Partitioners.dirichlet(0.001, 8).partition(small, 40);

        assertThat(parts).allSatisfy(part -> assertThat(part).hasSize(1));
    }

    @Test
    void parsesSpecsAndPrintsThemBack() {
        assertThat(Partitioners.parse("iid", 1)).hasToString("iid");
        assertThat(Partitioners.parse(" label-skew:3 ", 1)).hasToString("label-skew:3");
        assertThat(Partitioners.parse("dirichlet:0.5", 1)).hasToString("dirichlet:0.5");
        assertThat(Partitioners.parse("dirichlet:1e-2", 1)).hasToString("dirichlet:0.01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "iid:2", "random", "label-skew", "label-skew:", "label-skew:x", "label-skew:-1",
        "dirichlet", "dirichlet:-1", "dirichlet:NaN", "dirichlet:Infinity"})
    void rejectsUnknownSpecsNamingTheValidOnes(String spec) {
        assertThatThrownBy(() -> Partitioners.parse(spec, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown partition '" + spec + "': use " + Partitioners.SPECS);
    }

    @Test
    void rejectsSpecsWithValuesOutOfRange() {
        assertThatThrownBy(() -> Partitioners.parse("label-skew:0", 1))
                .hasMessage("bad partition 'label-skew:0': shardsPerParticipant < 1: 0");
        assertThatThrownBy(() -> Partitioners.parse("dirichlet:0", 1))
                .hasMessage("bad partition 'dirichlet:0': alpha must be a positive number: 0.0");
    }

    static int classesIn(Dataset data, int[] part) {
        return (int) Arrays.stream(part).map(i -> data.labels()[i]).distinct().count();
    }

    static double meanLargestClassShare(Dataset data, List<int[]> parts) {
        return parts.stream().mapToDouble(part -> {
            int[] counts = new int[data.numClasses()];
            for (int i : part) {
                counts[data.labels()[i]]++;
            }
            return (double) Arrays.stream(counts).max().getAsInt() / part.length;
        }).average().orElseThrow();
    }
}
