package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The noise update: the global model plus seeded Gaussian noise of the given size, no training. */
class NoiseUpdateTest {
    private static final int SIZE = 100_000;
    private static final double SIGMA = 0.003;

    @Test
    void theSameSeedAndRoundGiveTheSameUpdate() {
        float[] global = global();

        assertThat(new NoiseUpdate(SIGMA, 11).train(null, global, null, 2))
                .containsExactly(new NoiseUpdate(SIGMA, 11).train(null, global, null, 2));
    }

    @Test
    void anotherRoundOrSeedGivesOtherNoise() {
        float[] global = global();
        float[] update = new NoiseUpdate(SIGMA, 11).train(null, global, null, 2);

        assertThat(new NoiseUpdate(SIGMA, 11).train(null, global, null, 3)).isNotEqualTo(update);
        assertThat(new NoiseUpdate(SIGMA, 12).train(null, global, null, 2)).isNotEqualTo(update);
    }

    @Test
    void movesTheGlobalModelByZeroMeanNoiseOfStandardDeviationSigma() {
        float[] global = global();

        float[] update = new NoiseUpdate(SIGMA, 11).train(null, global, null, 1);

        double sum = 0;
        double squares = 0;
        int unchanged = 0;
        for (int i = 0; i < SIZE; i++) {
            double noise = (double) update[i] - global[i];
            sum += noise;
            squares += noise * noise;
            if (update[i] == global[i]) {
                unchanged++;
            }
        }
        double mean = sum / SIZE;
        // the standard error of the mean is sigma / sqrt(n), about 1e-5 here
        assertThat(mean).isCloseTo(0, within(5 * SIGMA / Math.sqrt(SIZE)));
        assertThat(Math.sqrt(squares / SIZE - mean * mean)).isCloseTo(SIGMA, within(SIGMA * 0.02));
        assertThat(unchanged).as("values left as they were").isLessThan(SIZE / 100);
    }

    @Test
    void noiseThatIsNotPositiveAndFiniteIsRefused() {
        for (double sigma : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new NoiseUpdate(sigma, 1))
                    .withMessage("sigma must be positive and finite: " + sigma);
        }
    }

    private static float[] global() {
        float[] global = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            global[i] = (i % 7 - 3) * 0.05f;
        }
        return global;
    }
}
