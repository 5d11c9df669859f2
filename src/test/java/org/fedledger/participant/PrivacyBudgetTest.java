package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.Set;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.privacy.StepBound;
import org.junit.jupiter.api.Test;

/** The participant's side of a privacy policy: privatizing its updates, and when to stop. */
class PrivacyBudgetTest {
    /** z 1.2 at delta 1e-5: epsilon 9.84 after 5 updates, over 10 after 6. */
    private static final DpPolicy POLICY = new DpPolicy(1, 1.2, 1e-5, 10);

    @Test
    void theBudgetAllowsItsRoundsCountingOnlyRoundsWithAnUpdate() {
        PrivacyBudget budget = new PrivacyBudget(POLICY, new Random(1));
        assertThat(budget.roundsWithinBudget()).isEqualTo(5);

        assertThat(budget.allows(Set.of(), 1)).isTrue();
        assertThat(budget.allows(Set.of(1L, 2L, 3L, 4L), 5)).isTrue();
        assertThat(budget.allows(Set.of(1L, 2L, 3L, 4L, 5L), 6)).isFalse();
        // rounds without an update (missed, or joined late) do not count
        assertThat(budget.allows(Set.of(2L, 4L, 6L, 8L), 12)).isTrue();
        assertThat(budget.allows(Set.of(2L, 4L, 6L, 8L, 10L), 12)).isFalse();
        // the update already made for a round is reused, not a new release
        assertThat(budget.allows(Set.of(1L, 2L, 3L, 4L, 5L), 5)).isTrue();
    }

    @Test
    void theUpdateThatSpendsTheBudgetIsRecognised() {
        PrivacyBudget budget = new PrivacyBudget(POLICY, new Random(1));

        assertThat(budget.spentWith(Set.of(1L, 2L, 3L, 4L), 4)).isFalse();
        assertThat(budget.spentWith(Set.of(1L, 2L, 3L, 4L, 5L), 5)).isTrue();
        assertThat(budget.spentWith(Set.of(1L, 3L, 5L, 7L, 9L), 9)).isTrue();
        assertThat(budget.spent(5)).isEqualTo("5 updates published, epsilon 9.842 of 10 at delta 0.00001");
    }

    @Test
    void aPrivatizedUpdateIsClippedAndNoisedWithinTheBoundOthersCheck() {
        float[] global = new float[10_000];
        float[] trained = new float[global.length];
        for (int j = 0; j < trained.length; j++) {
            global[j] = j % 7 * 0.01f;
            trained[j] = global[j] + 0.1f; // a step of norm 10, ten times the clip norm
        }
        Random silent = new Random() {
            @Override
            public synchronized double nextGaussian() {
                return 0;
            }
        };

        float[] clippedOnly = new PrivacyBudget(POLICY, silent).privatize(global, trained);
        float[] published = new PrivacyBudget(POLICY).privatize(global, trained);

        assertThat(distance(clippedOnly, global)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        // the noise: 1.2 per weight, a norm of about 1.2 sqrt(10,000) = 120
        assertThat(distance(published, global)).isBetween(110.0, 130.0);
        assertThat(StepBound.violation(POLICY, global, published)).isEmpty();
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = (double) a[j] - b[j];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
