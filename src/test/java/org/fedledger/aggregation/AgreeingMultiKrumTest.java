package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedledger.aggregation.Rounds.address;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fedledger.outcome.Contribution;
import org.junit.jupiter.api.Test;

/**
 * Multi-Krum with an agreement pass: a round of 10 where 7 honest updates move a shared way
 * (each with a larger non-IID part of its own) and 3 attackers submit short random noise, which
 * Krum's distances rank as central. The agreement pass leaves it out.
 */
class AgreeingMultiKrumTest {
    private static final int D = 2_000;
    private static final float[] GLOBAL = Rounds.global(5, D);

    @Test
    void plainMultiKrumAveragesInNoiseThatLooksCentral() {
        Combiner.Combined krum = new MultiKrum(3, 7).combine(GLOBAL, round());

        assertThat(krum.leftOut()).as("noise is selected by distance").doesNotContain(noisy()).hasSize(3);
    }

    @Test
    void theAgreementPassTakesOutTheNoiseAndSelectsAgainFromTheHonestUpdates() {
        List<Update> round = round();
        Aggregate krum = AggregationRules.parse("multi-krum:f=3,m=7").aggregate(GLOBAL, round, List.of());

        Aggregate agreeing = AggregationRules.parse("multi-krum-agree:f=3,m=7").aggregate(GLOBAL, round, List.of());

        Combiner.Combined combined = AgreeingMultiKrum.of("f=3,m=7").combine(GLOBAL, round);
        // the noise is taken out, and Multi-Krum selects again: all 7 honest updates, not the 4 left beside the noise
        assertThat(combined.leftOut()).containsExactlyInAnyOrder(noisy());
        List<Update> honest = round.subList(0, 7);
        assertThat(agreeing.newWeights()).containsExactly(Sums.average(honest, Sums.sampleShares(honest)));
        for (int i = 7; i < 10; i++) {
            assertThat(agreeing.contributions()).as("left out, not slashed")
                    .contains(new Contribution(address(i), true, 0));
        }
        assertThat(agreeing.rejections()).isEmpty();
        assertThat(cosineWithSharedStep(agreeing.newWeights())).isGreaterThan(cosineWithSharedStep(krum.newWeights()));
    }

    @Test
    void withOnlyHonestUpdatesItIsMultiKrum() {
        List<Update> honest = round().subList(0, 7);

        Aggregate krum = AggregationRules.parse("multi-krum:f=2,m=5").aggregate(GLOBAL, honest, List.of());
        Aggregate agreeing = AggregationRules.parse("multi-krum-agree:f=2,m=5").aggregate(GLOBAL, honest, List.of());

        assertThat(agreeing.newWeights()).containsExactly(krum.newWeights());
        assertThat(agreeing.contributions()).containsExactlyInAnyOrderElementsOf(krum.contributions());
    }

    @Test
    void aSelectionWhoseStepsCancelKeepsTheMultiKrumAverage() {
        List<Update> opposite = List.of(Rounds.update(0, 10, 1f, 0f), Rounds.update(1, 10, -1f, 0f));

        Combiner.Combined combined = AgreeingMultiKrum.of("f=0,m=2").combine(new float[2], opposite);

        assertThat(combined.weights()).containsExactly(0f, 0f);
        assertThat(combined.leftOut()).isEmpty();
    }

    @Test
    void aColludingGroupOfTwinsCannotVouchForItself() {
        List<Update> round = withColluders(1.0);
        List<String> colluders = List.of(noisy());

        Combiner.Combined krum = new MultiKrum(3, 7).combine(GLOBAL, round);
        assertThat(krum.leftOut()).as("the group is its own nearest neighbours").doesNotContainAnyElementsOf(colluders);

        Combiner.Combined combined = AgreeingMultiKrum.of("f=3,m=7").combine(GLOBAL, round);
        assertThat(combined.leftOut()).containsExactlyInAnyOrderElementsOf(colluders);
        List<Update> honest = round.subList(0, 7);
        assertThat(combined.weights()).containsExactly(Sums.average(honest, Sums.sampleShares(honest)));
    }

    @Test
    void twinsMoreThanFAreJudgedWithTheirGroup() {
        // 7 honest updates whose steps are near-identical (IID data, say): more twins than f=3
        // attackers could be, so each is judged with the others and all stay; the noise, which
        // a selection of 9 takes in, goes
        List<Update> round = withColluders(0.0).subList(0, 7);
        List<Update> twins = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        float[] shared = gaussian(random, 0.01);
        for (int i = 0; i < 7; i++) {
            float[] jitter = gaussian(random, 0.0005);
            float[] weights = new float[D];
            for (int j = 0; j < D; j++) {
                weights[j] = GLOBAL[j] + shared[j] + jitter[j];
            }
            twins.add(new Update(address(i), round.get(i).numSamples(), weights));
        }
        List<Update> all = new ArrayList<>(twins);
        all.addAll(round().subList(7, 10));

        Combiner.Combined combined = AgreeingMultiKrum.of("f=3,m=9").combine(GLOBAL, all);

        assertThat(combined.leftOut()).containsExactlyInAnyOrder(noisy());
    }

    /**
     * The honest updates of {@link #round()} and 3 colluders sending one shared random step of
     * the honest steps' size ({@code size} of it), each with its own 1% noise.
     */
    private static List<Update> withColluders(double size) {
        List<Update> updates = new ArrayList<>(round().subList(0, 7));
        SplittableRandom random = new SplittableRandom(23);
        float[] shared = gaussian(random, 0.01 * size);
        for (int i = 7; i < 10; i++) {
            float[] own = gaussian(random, 0.0001 * size);
            float[] weights = new float[D];
            for (int j = 0; j < D; j++) {
                weights[j] = GLOBAL[j] + shared[j] + own[j];
            }
            updates.add(new Update(address(i), 300, weights));
        }
        return updates;
    }

    private static String[] noisy() {
        return new String[] {address(7).toLowerCase(), address(8).toLowerCase(), address(9).toLowerCase()};
    }

    /**
     * 7 honest steps: half a shared direction plus a larger part of their own (non-IID data:
     * cosines of 0.2 between them); 3 random steps half as long, which sit closer to everyone
     * than the honest steps sit to each other.
     */
    private static List<Update> round() {
        SplittableRandom random = new SplittableRandom(11);
        float[] shared = gaussian(random, 0.01);
        List<Update> updates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            float[] own = gaussian(random, 0.01);
            float[] weights = new float[D];
            for (int j = 0; j < D; j++) {
                float step = i < 7 ? 0.5f * shared[j] + own[j] : 0.5f * own[j];
                weights[j] = GLOBAL[j] + step;
            }
            updates.add(new Update(address(i), 100 + random.nextInt(400), weights));
        }
        return updates;
    }

    private static float[] gaussian(SplittableRandom random, double sigma) {
        float[] values = new float[D];
        for (int j = 0; j < D; j++) {
            values[j] = (float) random.nextGaussian(0, sigma);
        }
        return values;
    }

    private static double cosineWithSharedStep(float[] weights) {
        SplittableRandom random = new SplittableRandom(11);
        float[] shared = gaussian(random, 0.01);
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int j = 0; j < D; j++) {
            double step = (double) weights[j] - GLOBAL[j];
            dot += step * shared[j];
            a += step * step;
            b += (double) shared[j] * shared[j];
        }
        return dot / Math.sqrt(a * b);
    }
}
