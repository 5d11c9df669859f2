package org.fedledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UpdatePrivatizerTest {
    private static final DpPolicy POLICY = new DpPolicy(2.0, 1.1, 1e-5, 5);

    /** A generator whose Gaussian draws are all 0, to see the clipping alone. */
    static final class NoNoise extends Random {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized double nextGaussian() {
            return 0;
        }
    }

    @Test
    void aStepLongerThanTheClipNormIsScaledToExactlyTheClipNorm() {
        float[] global = {1, 1, 1, 1};
        float[] local = {1 + 3, 1 + 4, 1, 1 - 12}; // step (3, 4, 0, -12), norm 13

        float[] out = new UpdatePrivatizer(POLICY, new NoNoise()).privatize(global, local);

        assertThat(StepBound.distance(out, global)).isCloseTo(2.0, within(1e-6));
        assertThat(out).containsExactly(new float[] {1 + 6 / 13f, 1 + 8 / 13f, 1, 1 - 24 / 13f}, within(1e-6f));
    }

    @Test
    void aStepWithinTheClipNormIsKept() {
        float[] global = {0.5f, -2, 3};
        float[] local = {0.6f, -2.5f, 3.25f}; // norm 0.57

        float[] out = new UpdatePrivatizer(POLICY, new NoNoise()).privatize(global, local);

        assertThat(out).containsExactly(local, within(1e-6f));
    }

    @Test
    void noiseHasStandardDeviationNoiseMultiplierTimesClipNorm() {
        int d = 200_000;
        DpPolicy policy = new DpPolicy(0.5, 1.3, 1e-5, 5); // sigma 0.65
        float[] global = new float[d];

        float[] out = new UpdatePrivatizer(policy, new Random(7)).privatize(global, global.clone());

        double sum = 0;
        double sumSq = 0;
        for (float v : out) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / d;
        double std = Math.sqrt(sumSq / d - mean * mean);
        // standard errors: sigma / sqrt(d) = 0.0015 for the mean, sigma / sqrt(2d) = 0.001 for the std
        assertThat(mean).isCloseTo(0, within(0.0075));
        assertThat(std).isCloseTo(0.65, within(0.005));
    }

    @Test
    void theSameRandomGivesTheSameUpdateToTheBit() {
        float[] global = {1, 2, 3, 4, 5};
        float[] local = {9, 8, 7, 6, 5};

        float[] a = new UpdatePrivatizer(POLICY, new Random(42)).privatize(global, local);
        float[] b = new UpdatePrivatizer(POLICY, new Random(42)).privatize(global, local);

        assertThat(a).isEqualTo(b);
    }

    @Test
    void theDefaultNoiseIsUnpredictable() {
        float[] global = new float[16];

        float[] a = new UpdatePrivatizer(POLICY).privatize(global, global);
        float[] b = new UpdatePrivatizer(POLICY).privatize(global, global);

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void mismatchedOrNonFiniteWeightsAreRejected() {
        UpdatePrivatizer privatizer = new UpdatePrivatizer(POLICY);
        assertThatThrownBy(() -> privatizer.privatize(new float[3], new float[2]))
                .hasMessage("local model has 2 weights, the global model 3: train the round's global model");
        assertThatThrownBy(() -> privatizer.privatize(new float[2], new float[] {0, Float.NaN}))
                .hasMessage("local weight 1 is not finite (NaN)");
    }
}
