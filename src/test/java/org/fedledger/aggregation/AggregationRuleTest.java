package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fedledger.aggregation.Rounds.address;
import static org.fedledger.aggregation.Rounds.update;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fedledger.outcome.Contribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every rule does alike: screening, failures as data, contributions, determinism. */
class AggregationRuleTest {
    static Stream<String> specs() {
        return Stream.of("fedavg", "clipped-fedavg:0.5", "median", "trimmed-mean:0.2", "trimmed-mean:k=1",
                "multi-krum:f=1,m=4");
    }

    private static String lower(int i) {
        return address(i).toLowerCase();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void contributionsCoverEveryParticipantAndFailuresWeighNothing(String spec) {
        float[] global = Rounds.global(1, 64);
        List<Update> updates = new ArrayList<>(Rounds.updates(2, global, 7, -1));
        updates.add(update(7, 50, 1, 2, 3));
        updates.add(update(8, 50, new float[64]));
        updates.get(8).weights()[9] = Float.NaN;
        float[] infinite = global.clone();
        infinite[40] = Float.NEGATIVE_INFINITY;
        updates.add(update(9, 50, infinite));
        updates.add(update(10, 0, global.clone()));
        List<Failure> failures = List.of(new Failure(address(11), "no reveal before the deadline"),
                new Failure(address(12), "CID mismatch"));

        Aggregate aggregate = AggregationRules.parse(spec).aggregate(global, updates, failures);

        assertThat(aggregate.contributions()).extracting(Contribution::participant)
                .containsExactlyElementsOf(Stream.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
                        .map(AggregationRuleTest::lower).sorted().toList());
        assertThat(aggregate.rejections()).contains(
                new Failure(address(7), "wrong shape: 3 values, expected 64"),
                new Failure(address(8), "value 9 is NaN"),
                new Failure(address(9), "value 40 is infinite"),
                new Failure(address(10), "reports no training samples"),
                new Failure(address(11), "no reveal before the deadline"),
                new Failure(address(12), "CID mismatch"));
        for (Contribution c : aggregate.contributions()) {
            Update update = updates.stream().filter(u -> u.participant().equals(c.participant())).findFirst().orElse(null);
            if (aggregate.selected().contains(c.participant())) {
                // samples x agreement in basis points, 500..10,000
                BigInteger[] perSample = c.weight().divideAndRemainder(BigInteger.valueOf(update.numSamples()));
                assertThat(perSample[1]).isZero();
                assertThat(perSample[0].intValue()).isBetween(Agreement.MIN_COSINE_BPS, Agreement.FULL_BPS);
            } else {
                assertThat(c.weight()).isZero();
            }
        }
        // only invalid updates are rejected (slashable); a rule may leave valid ones out, at weight 0
        assertThat(aggregate.accepted()).hasSize(7);
        assertThat(aggregate.weightsTree().totalWeight()).isEqualTo(aggregate.totalWeight());
        for (float value : aggregate.newWeights()) {
            assertThat(value).isFinite();
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void aNonFiniteUpdateCountsAsIfItHadFailedBeforehand(String spec) {
        float[] global = Rounds.global(3, 5000);
        List<Update> clean = Rounds.updates(4, global, 6, -1);
        float[] bad = global.clone();
        bad[4321] = Float.POSITIVE_INFINITY;
        bad[4999] = Float.NaN;
        List<Update> withBad = new ArrayList<>(clean);
        withBad.add(2, update(6, 10, bad));
        AggregationRule rule = AggregationRules.parse(spec);

        Aggregate screened = rule.aggregate(global, withBad, List.of());
        Aggregate given = rule.aggregate(global, clean, List.of(new Failure(address(6), "value 4321 is infinite")));

        assertThat(screened).isEqualTo(given);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void shuffledInputGivesBitIdenticalOutput(String spec) {
        float[] global = Rounds.global(5, 3000);
        List<Update> updates = Rounds.updates(6, global, 9, 2);
        List<Failure> failures = List.of(new Failure(address(20), "malformed file"), new Failure(address(21), "late"));
        AggregationRule rule = AggregationRules.parse(spec);
        Aggregate expected = rule.aggregate(global, updates, failures);
        Random random = new Random(7);
        for (int round = 0; round < 5; round++) {
            List<Update> shuffledUpdates = new ArrayList<>(updates);
            Collections.shuffle(shuffledUpdates, random);
            List<Failure> shuffledFailures = new ArrayList<>(failures);
            Collections.shuffle(shuffledFailures, random);

            Aggregate actual = rule.aggregate(global, shuffledUpdates, shuffledFailures);

            assertThat(actual).isEqualTo(expected);
            assertThat(actual.weightsTree().root()).isEqualTo(expected.weightsTree().root());
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void withNothingUsableTheModelStaysAndEveryoneIsRejected(String spec) {
        float[] global = {1, 2, 3};
        Aggregate aggregate = AggregationRules.parse(spec).aggregate(global,
                List.of(update(1, 10, 1, 2)), List.of(new Failure(address(2), "missing reveal")));

        assertThat(aggregate.newWeights()).containsExactly(1, 2, 3).isNotSameAs(global);
        assertThat(aggregate.accepted()).isEmpty();
        assertThat(aggregate.totalWeight()).isZero();
        assertThat(aggregate.contributions()).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void aParticipantListedTwiceIsTheCallersMistake(String spec) {
        AggregationRule rule = AggregationRules.parse(spec);
        float[] global = new float[1];
        assertThatThrownBy(() -> rule.aggregate(global, List.of(update(1, 1, 1), update(1, 2, 2)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two entries for " + lower(1));
        assertThatThrownBy(() -> rule.aggregate(global, List.of(update(1, 1, 1)), List.of(new Failure(lower(1), "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rule.aggregate(new float[] {Float.NaN}, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("global value 0 is NaN");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void addressesAreComparedInLowerCase(String spec) {
        Aggregate aggregate = AggregationRules.parse(spec).aggregate(new float[1],
                List.of(update(1, 1, 1), update(2, 1, 1)), List.of());

        Set<String> participants = aggregate.contributions().stream().map(Contribution::participant)
                .collect(Collectors.toSet());
        assertThat(participants).containsExactlyInAnyOrder(lower(1), lower(2));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void theGlobalModelResubmittedUnchangedIsRejected(String spec) {
        float[] global = Rounds.global(5, 64);
        List<Update> updates = new ArrayList<>(Rounds.updates(6, global, 6, -1));
        updates.add(update(6, 500, global.clone()));

        Aggregate aggregate = AggregationRules.parse(spec).aggregate(global, updates, List.of());

        assertThat(aggregate.rejections())
                .containsExactly(new Failure(address(6), "the global model resubmitted unchanged: no training"));
        assertThat(aggregate.accepted()).hasSize(6);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void identicalUpdatesFromTwoParticipantsEarnNothingButAreNotRejected(String spec) {
        float[] global = Rounds.global(5, 64);
        List<Update> updates = new ArrayList<>(Rounds.updates(6, global, 6, -1));
        updates.add(new Update(address(6), 300, updates.get(2).weights().clone()));

        Aggregate aggregate = AggregationRules.parse(spec).aggregate(global, updates, List.of());

        assertThat(aggregate.rejections()).isEmpty();
        assertThat(aggregate.selected()).doesNotContain(lower(2), lower(6));
        assertThat(aggregate.contributions()).filteredOn(c -> Set.of(lower(2), lower(6)).contains(c.participant()))
                .allSatisfy(c -> assertThat(c.weight()).isZero());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void anUpdatePullingAgainstTheCrowdEarnsNothingUnderEveryRule(String spec) {
        float[] global = Rounds.global(8, 256);
        float[] direction = Rounds.global(9, 256);
        List<Update> updates = new ArrayList<>();
        Random random = new Random(10);
        for (int i = 0; i < 6; i++) {
            float[] weights = new float[global.length];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = global[j] + direction[j] + (float) random.nextGaussian() * 0.05f;
            }
            updates.add(new Update(address(i), 100, weights));
        }
        float[] flipped = new float[global.length];
        for (int j = 0; j < flipped.length; j++) {
            flipped[j] = global[j] - direction[j];
        }
        updates.add(new Update(address(6), 100, flipped));

        Aggregate aggregate = AggregationRules.parse(spec).aggregate(global, updates, List.of());

        assertThat(aggregate.selected()).doesNotContain(lower(6));
        assertThat(aggregate.accepted()).contains(lower(6));
        assertThat(aggregate.selected()).hasSizeGreaterThanOrEqualTo(4);
    }
}
