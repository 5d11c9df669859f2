package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Colluders: members of one group submit nearly the same update, with no messages between them,
 * and never the same file.
 */
class CollusionTest {
    private static final int SIZE = 10_000;
    private static final long GROUP = 7;

    @Test
    void membersOfAGroupSubmitNearlyTheSameUpdateButNeverTheSameFile() {
        float[] global = model(0);

        float[] first = new Collusion(GROUP, 1, 3f).train(null, global, null, 1);
        float[] second = new Collusion(GROUP, 2, 3f).train(null, global, null, 1);

        double step = distance(first, global);
        assertThat(step).isPositive();
        assertThat(distance(first, second)).as("members' distance, relative to the step")
                .isLessThan(0.05 * step).isPositive();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anotherGroupPushesAnotherWay() {
        float[] global = model(0);

        float[] ours = new Collusion(GROUP, 1, 3f).train(null, global, null, 1);
        float[] theirs = new Collusion(GROUP + 1, 1, 3f).train(null, global, null, 1);

        assertThat(cosine(step(ours, global), step(theirs, global))).isCloseTo(0, within(0.05));
    }

    @Test
    void fromTheSecondRoundOnItUndoesTheLastRoundsProgressThreeTimesOver() {
        Collusion member = new Collusion(GROUP, 1, 3f);
        float[] before = model(0);
        float[] after = model(1);
        member.train(null, before, null, 1);

        float[] update = member.train(null, after, null, 2);

        float[] progress = step(after, before);
        float[] pushed = step(update, after);
        assertThat(cosine(pushed, progress)).isLessThan(-0.999);
        assertThat(norm(pushed) / norm(progress)).isCloseTo(3, within(0.01));
    }

    @Test
    void scalesThatAreNotPositiveAndFiniteAreRefused() {
        for (float scale : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new Collusion(GROUP, 1, scale))
                    .withMessage("scale must be positive and finite: " + scale);
        }
    }

    /** A model whose weights differ by version. */
    private static float[] model(int version) {
        float[] weights = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            weights[i] = (float) Math.sin(i * 0.37 + version) * 0.1f + version * 0.01f * (i % 5);
        }
        return weights;
    }

    private static float[] step(float[] to, float[] from) {
        float[] step = new float[to.length];
        for (int i = 0; i < step.length; i++) {
            step[i] = to[i] - from[i];
        }
        return step;
    }

    private static double distance(float[] a, float[] b) {
        return norm(step(a, b));
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }
}
