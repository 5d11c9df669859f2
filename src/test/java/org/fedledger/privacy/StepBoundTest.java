package org.fedledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepBoundTest {
    @Test
    void boundIsClipNormPlusNoiseNormWithTwelveSigmasToSpare() {
        DpPolicy policy = new DpPolicy(2.0, 1.5, 1e-5, 1); // sigma 3

        assertThat(StepBound.maxStepNorm(policy, 10_000)).isEqualTo(2.0 + 3.0 * (100 + 12));
    }

    @Test
    void honestNoisyUpdatesPassForManySeedsAndSizes() {
        int[] dimensions = {1, 2, 10, 1000, 20_000};
        double[] multipliers = {0.3, 1.0, 4.0};
        double worstK = Double.NEGATIVE_INFINITY; // the largest (|step| - C) / sigma - sqrt(d) seen
        for (int d : dimensions) {
            for (double z : multipliers) {
                DpPolicy policy = new DpPolicy(0.7, z, 1e-5, 1);
                for (int seed = 0; seed < 60; seed++) {
                    Random random = new Random(seed * 1_000_003L + d);
                    float[] global = gaussian(random, d, 3.0);
                    float[] local = global.clone();
                    for (int j = 0; j < d; j++) {
                        local[j] += (float) (5 * random.nextGaussian()); // far beyond the clip norm
                    }

                    float[] update = new UpdatePrivatizer(policy, random).privatize(global, local);

                    assertThat(StepBound.violation(policy, global, update)).as("d %d, z %s, seed %d", d, z, seed).isEmpty();
                    double k = (StepBound.distance(update, global) - 0.7) / policy.noiseStdDev() - Math.sqrt(d);
                    worstK = Math.max(worstK, k);
                }
            }
        }
        assertThat(worstK).isLessThan(4); // the bound allows 12
    }

    @Test
    void anUnclippedStepFails() {
        DpPolicy policy = new DpPolicy(1.0, 0.01, 1e-5, 1); // bound 1 + 0.01 (sqrt(1000) + 12) = 1.44
        Random random = new Random(3);
        float[] global = gaussian(random, 1000, 1.0);
        float[] local = global.clone();
        local[0] += 5; // a step of norm 5, not clipped

        Optional<String> violation = StepBound.violation(policy, global, local);

        assertThat(violation).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("step norm 5.00000 exceeds the differential-privacy bound 1.43623")
                .endsWith("1000 weights): the update was not clipped to this task's clip norm"));
    }

    @Test
    void aStepJustOverTheClipNormWithoutNoiseRoomFails() {
        DpPolicy policy = new DpPolicy(1.0, 0.001, 1e-5, 1);
        float[] global = new float[100];
        float[] update = new float[100];
        update[0] = 1.1f; // bound is 1 + 0.001 * 22 = 1.022

        assertThat(StepBound.violation(policy, global, update)).isPresent();
    }

    @Test
    void wrongLengthOrNonFiniteValuesFailWithAReason() {
        DpPolicy policy = new DpPolicy(1.0, 1.0, 1e-5, 1);

        assertThat(StepBound.violation(policy, new float[3], new float[2])).hasValue("update has 2 weights, the global model 3");
        assertThat(StepBound.violation(policy, new float[2], new float[] {Float.POSITIVE_INFINITY, 0}))
                .hasValue("update weight 0 is not finite (Infinity)");
    }

    private static float[] gaussian(Random random, int d, double scale) {
        float[] x = new float[d];
        for (int j = 0; j < d; j++) {
            x[j] = (float) (scale * random.nextGaussian());
        }
        return x;
    }
}
