package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedledger.aggregation.Rounds.address;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.fedledger.outcome.Contribution;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.privacy.StepBound;
import org.fedledger.privacy.UpdatePrivatizer;
import org.junit.jupiter.api.Test;

/** A rule under a task's differential-privacy policy: the step bound as a shared check, and scores without agreement. */
class PrivateRuleTest {
    private static final int WEIGHTS = 5_000;
    private static final DpPolicy POLICY = new DpPolicy(0.5, 1.5, 1e-5, 10);

    /** Honest noisy updates of {@code count} participants: trained steps of norm ~1, clipped to 0.5, noised. */
    private static List<Update> noisyUpdates(float[] global, int count, long seed) {
        Random random = new Random(seed);
        UpdatePrivatizer privatizer = new UpdatePrivatizer(POLICY, random);
        List<Update> updates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] trained = global.clone();
            for (int j = 0; j < trained.length; j++) {
                trained[j] += (float) (0.014 + 0.002 * random.nextGaussian()); // all in one direction: they agree
            }
            updates.add(new Update(address(i), 100 + 10 * i, privatizer.privatize(global, trained)));
        }
        return updates;
    }

    @Test
    void anUpdateOverTheStepBoundIsRejectedWithItsReasonAndHonestNoisyOnesAreScoredBySamples() {
        float[] global = Rounds.global(1, WEIGHTS);
        List<Update> updates = new ArrayList<>(noisyUpdates(global, 4, 7));
        float[] unclipped = global.clone();
        for (int j = 0; j < unclipped.length; j++) {
            unclipped[j] += 1.5f; // a step of norm 106, over the bound of 0.5 + 0.75 (70.7 + 12) = 62.5
        }
        updates.add(new Update(address(9), 500, unclipped));
        AggregationRule rule = AggregationRules.underPrivacy(AggregationRules.parse("fedavg"), POLICY);

        Aggregate aggregate = rule.aggregate(global, updates, List.of());

        String reason = StepBound.violation(POLICY, global, unclipped).orElseThrow();
        assertThat(reason).contains("exceeds the differential-privacy bound");
        assertThat(aggregate.rejections()).containsExactly(new Failure(address(9), reason));
        assertThat(aggregate.weightsTree().contributionOf(address(9)))
                .isEqualTo(new Contribution(address(9), false, 0));
        for (Update u : updates.subList(0, 4)) {
            assertThat(aggregate.weightsTree().contributionOf(u.participant()))
                    .isEqualTo(new Contribution(u.participant(), true,
                            BigInteger.valueOf(u.numSamples() * Agreement.FULL_BPS)));
        }
    }

    @Test
    void withoutThePolicyHonestNoisyUpdatesWouldAgreeWithNothing() {
        float[] global = Rounds.global(2, WEIGHTS);
        List<Update> updates = noisyUpdates(global, 4, 8);

        Aggregate plain = AggregationRules.parse("fedavg").aggregate(global, updates, List.of());

        // the noise (norm ~53) drowns the clipped steps (0.5): cosines fall under the agreement floor
        assertThat(plain.accepted()).hasSize(4);
        assertThat(plain.totalWeight()).isZero();
    }

    @Test
    void theOutcomeDoesNotDependOnTheOrderOfTheUpdates() {
        float[] global = Rounds.global(3, WEIGHTS);
        List<Update> updates = new ArrayList<>(noisyUpdates(global, 5, 9));
        float[] over = updates.get(2).weights().clone();
        for (int j = 0; j < over.length; j++) {
            over[j] = global[j] + 2 * (over[j] - global[j]);
        }
        updates.set(2, new Update(address(2), 120, over));
        AggregationRule rule = AggregationRules.underPrivacy(AggregationRules.parse("trimmed-mean:k=1"), POLICY);

        Aggregate first = rule.aggregate(global, updates, List.of());
        Collections.shuffle(updates, new Random(1));
        Aggregate second = rule.aggregate(global, updates, List.of());

        assertThat(first.rejections()).extracting(Failure::participant).containsExactly(address(2).toLowerCase());
        assertThat(second.newWeights()).isEqualTo(first.newWeights());
        assertThat(second.weightsTree().root()).isEqualTo(first.weightsTree().root());
    }
}
