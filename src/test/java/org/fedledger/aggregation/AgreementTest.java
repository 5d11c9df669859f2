package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AgreementTest {
    private static final float[] ORIGIN = {0, 0};

    @Test
    void aStepTheWayTheAggregateMovedAgreesFully() {
        assertThat(Agreement.bps(ORIGIN, new float[] {2, 0}, new float[] {1, 0})).isEqualTo(10_000);
    }

    @Test
    void scalingAStepUpEarnsNoMoreAgreement() {
        int plain = Agreement.bps(ORIGIN, new float[] {1, 1}, new float[] {1, 0});
        int boosted = Agreement.bps(ORIGIN, new float[] {10, 10}, new float[] {1, 0});

        assertThat(plain).isEqualTo(7071); // cos 45 degrees, floored
        assertThat(boosted).isEqualTo(plain);
    }

    @Test
    void aStepAgainstTheAggregateOrAcrossItScoresZero() {
        assertThat(Agreement.bps(ORIGIN, new float[] {-1, 0}, new float[] {1, 0})).isZero();
        assertThat(Agreement.bps(ORIGIN, new float[] {0, 1}, new float[] {1, 0})).isZero();
    }

    @Test
    void cosinesUnderTheFloorScoreZeroAndAtTheFloorCount() {
        // steps (1, y) against (1, 0): cos = 1 / sqrt(1 + y^2); y = 20.05 gives 0.04981, y = 19.9 gives 0.05019
        assertThat(Agreement.bps(ORIGIN, new float[] {1, 20.05f}, new float[] {1, 0})).isZero();
        assertThat(Agreement.bps(ORIGIN, new float[] {1, 19.9f}, new float[] {1, 0})).isEqualTo(501);
    }

    @Test
    void randomNoiseAgreesWithNothingInManyDimensions() {
        SplittableRandom random = new SplittableRandom(7);
        int d = 100_000;
        float[] global = new float[d];
        float[] noise = new float[d];
        float[] aggregate = new float[d];
        for (int i = 0; i < d; i++) {
            global[i] = (float) random.nextGaussian();
            noise[i] = global[i] + (float) random.nextGaussian(0, 0.01);
            aggregate[i] = global[i] + (float) random.nextGaussian(0, 0.01);
        }
        assertThat(Agreement.bps(global, noise, aggregate)).isZero();
    }

    @Test
    void anUnmovedUpdateScoresZeroAndAnUnmovedAggregateLetsEveryMovedUpdateScoreFull() {
        assertThat(Agreement.bps(new float[] {1, 2}, new float[] {1, 2}, new float[] {3, 3})).isZero();
        assertThat(Agreement.bps(new float[] {1, 2}, new float[] {5, -7}, new float[] {1, 2})).isEqualTo(10_000);
    }

    @Test
    void theScoreIsMeasuredFromTheGlobalWeights() {
        float[] global = {10, 10};
        assertThat(Agreement.bps(global, new float[] {11, 10}, new float[] {12, 10})).isEqualTo(10_000);
        assertThat(Agreement.bps(global, new float[] {9, 10}, new float[] {12, 10})).isZero();
    }

    @Test
    void anUpdateDoesNotAgreeWithItsOwnShareOfTheAggregate() {
        // two orthogonal steps averaged half and half: against the whole aggregate each seems to agree
        // (cos 45 degrees), against the other's half alone it agrees with nothing
        float[] a = {1, 0};
        float[] b = {0, 1};
        float[] mean = {0.5f, 0.5f};
        assertThat(Agreement.bps(ORIGIN, a, mean)).isEqualTo(7071);
        assertThat(Agreement.bps(ORIGIN, a, mean, 0.5)).isZero();
        assertThat(Agreement.bps(ORIGIN, b, mean, 0.5)).isZero();
        // two steps the same way keep full agreement without their own share
        assertThat(Agreement.bps(ORIGIN, new float[] {1, 0}, new float[] {1.5f, 0}, 0.5)).isEqualTo(10_000);
    }
}
