package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fedledger.aggregation.Rounds.update;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderStatisticsTest {
    private static Aggregate aggregate(String spec, Update... updates) {
        return AggregationRules.parse(spec).aggregate(new float[updates[0].weights().length], List.of(updates), List.of());
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValuePerCoordinate() {
        Aggregate aggregate = aggregate("median", update(1, 1, 1, 30), update(2, 1, 100, 20), update(3, 1000, 3, -5));

        assertThat(aggregate.newWeights()).containsExactly(3, 20);
        assertThat(aggregate.accepted()).hasSize(3);
        // steps from the zero global, each against the median's step (3, 20) less its own sample share:
        // (1, 30) agrees at cosine 0.9933, (100, 20) at 0.3349; (3, -5) pulls against it and earns
        // nothing despite its 1000 samples
        assertThat(aggregate.contributions()).extracting(c -> c.weight().longValue())
                .containsExactly(9933L, 3349L, 0L);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(aggregate("median", update(1, 1, 1), update(2, 1, 2), update(3, 1, 3), update(4, 1, 100))
                .newWeights()).containsExactly(2.5f);
    }

    @Test
    void trimmedMeanDropsKValuesFromEachSide() {
        Update[] updates = {update(1, 1, 1), update(2, 1, 2), update(3, 1, 3), update(4, 1, 100), update(5, 1, -50)};

        assertThat(aggregate("trimmed-mean:k=1", updates).newWeights()).containsExactly(2f);
        assertThat(aggregate("trimmed-mean:0.2", updates).newWeights()).containsExactly(2f);
        assertThat(aggregate("trimmed-mean:0", updates).newWeights()).containsExactly(11.2f);
        assertThat(aggregate("trimmed-mean:k=9", updates).newWeights()).containsExactly(2f); // lowered to the median
    }

    @Test
    void trimFractionIsFlooredExactlyNotInBinary() {
        assertThat(0.29 * 100).isLessThan(29); // the double product falls short
        assertThat(TrimmedMean.of("0.29").trim(100)).isEqualTo(29);
        assertThat(TrimmedMean.of("0.2").trim(9)).isEqualTo(1);
        assertThat(TrimmedMean.of("k=3").trim(4)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"median", "trimmed-mean:0.2"})
    void oneScaledUpdateCannotMoveTheResultFarFromTheHonestOnes(String spec) {
        float[] global = Rounds.global(11, 200);
        List<Update> updates = Rounds.updates(12, global, 7, 3);

        float[] result = AggregationRules.parse(spec).aggregate(global, updates, List.of()).newWeights();

        for (int j = 0; j < global.length; j++) {
            assertThat(result[j]).isCloseTo(global[j], within(0.05f));
        }
    }

    @Test
    void networkSortsEveryZeroOneInputSoItSortsEverything() {
        for (int n = 1; n <= 16; n++) {
            int[] comparators = OrderStatistics.comparators(n);
            for (int bits = 0; bits < 1 << n; bits++) {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = bits >> i & 1;
                }
                for (int c = 0; c < comparators.length; c += 2) {
                    int a = values[comparators[c]];
                    int b = values[comparators[c + 1]];
                    values[comparators[c]] = Math.min(a, b);
                    values[comparators[c + 1]] = Math.max(a, b);
                }
                for (int i = 1; i < n; i++) {
                    assertThat(values[i - 1]).as("n=%d input %s", n, Integer.toBinaryString(bits)).isLessThanOrEqualTo(values[i]);
                }
            }
        }
    }

    @Test
    void trimmedMeanMatchesSortingEachColumnForManySizes() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 3, 7, 10, 17, 33, 70}) {
            List<Update> updates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float[] weights = new float[301];
                for (int j = 0; j < weights.length; j++) {
                    weights[j] = j % 50 == 0 ? (random.nextBoolean() ? 0f : -0f) : (float) random.nextGaussian();
                }
                updates.add(update(i, 1, weights));
            }
            int trim = n / 4;
            float[] result = OrderStatistics.trimmedMean(updates, trim);
            for (int j = 0; j < 301; j++) {
                float[] column = new float[n];
                for (int i = 0; i < n; i++) {
                    column[i] = updates.get(i).weights()[j];
                }
                Arrays.sort(column);
                double sum = 0;
                for (int k = trim; k < n - trim; k++) {
                    sum += column[k];
                }
                float expected = (float) (sum / (n - 2 * trim));
                assertThat(Float.floatToRawIntBits(result[j])).as("n=%d j=%d", n, j)
                        .isEqualTo(Float.floatToRawIntBits(expected));
            }
        }
    }
}
