package org.fedledger.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplingTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 1, 2.5, 100})
    void gammaDrawsHaveMeanAndVarianceAlpha(double alpha) {
        SplittableRandom random = new SplittableRandom(1);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.exp(Sampling.logGamma(alpha, random));
            sum += x;
            squares += x * x;
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;

        assertThat(mean).isCloseTo(alpha, within(0.02 * Math.max(1, alpha)));
        assertThat(variance).isCloseTo(alpha, within(0.05 * Math.max(1, alpha)));
    }

    @Test
    void normalDrawsAreStandard() {
        SplittableRandom random = new SplittableRandom(2);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = Sampling.normal(random);
            sum += x;
            squares += x * x;
        }
        assertThat(sum / 200_000).isCloseTo(0, within(0.01));
        assertThat(squares / 200_000).isCloseTo(1, within(0.01));
    }

    @Test
    void dirichletProportionsSumToOneEvenWhenEveryDrawIsTiny() {
        double[] proportions = Sampling.dirichlet(1e-4, 50, new SplittableRandom(3));

        assertThat(Arrays.stream(proportions).sum()).isCloseTo(1, within(1e-12));
        assertThat(Arrays.stream(proportions).boxed()).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    }

    @Test
    void drawsAreTheSameForTheSameSeed() {
        assertThat(Sampling.dirichlet(0.5, 5, new SplittableRandom(9)))
                .containsExactly(Sampling.dirichlet(0.5, 5, new SplittableRandom(9)));
    }

    @Test
    void shuffleIsAPermutation() {
        int[] values = {0, 1, 2, 3, 4, 5, 6, 7};
        Sampling.shuffle(values, new SplittableRandom(4));

        assertThat(values).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7)
                .isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    }
}
