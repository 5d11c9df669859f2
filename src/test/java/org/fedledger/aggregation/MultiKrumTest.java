package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fedledger.aggregation.Rounds.address;
import static org.fedledger.aggregation.Rounds.update;

import java.util.List;
import org.fedledger.outcome.Contribution;
import org.junit.jupiter.api.Test;

class MultiKrumTest {
    @Test
    void scoresSumSquaredDistancesToTheNearestNMinusFMinusTwo() {
        List<Update> updates = List.of(update(0, 1, 0), update(1, 1, 1), update(2, 1, 3), update(3, 1, 10));
        // squared distances: 0-1: 1, 0-3: 9, 0-10: 100, 1-3: 4, 1-10: 81, 3-10: 49
        assertThat(MultiKrum.scores(updates, 1)).containsExactly(1, 1, 4, 49);
        assertThat(MultiKrum.scores(updates, 2)).containsExactly(10, 5, 13, 130);
    }

    @Test
    void selectsTheMLowestScoresAndAveragesThemBySamples() {
        List<Update> updates = List.of(update(0, 100, 0), update(1, 300, 1), update(2, 1, 3), update(3, 1, 10));

        Aggregate aggregate = AggregationRules.parse("multi-krum:f=0,m=2").aggregate(new float[] {-1}, updates, List.of());

        assertThat(aggregate.newWeights()[0]).isCloseTo(0.75f, within(1e-6f));
        // the selected two moved the way the aggregate did: 10,000 bps per sample
        assertThat(aggregate.contributions()).as("left out, not rejected: no slash for being far from the crowd")
                .containsExactly(new Contribution(address(0), true, 1_000_000), new Contribution(address(1), true, 3_000_000),
                        new Contribution(address(2), true, 0), new Contribution(address(3), true, 0));
        assertThat(aggregate.rejections()).isEmpty();
        assertThat(aggregate.selected()).containsExactly(address(0).toLowerCase(), address(1).toLowerCase());
        assertThat(aggregate.totalWeight()).isEqualTo(4_000_000);
    }

    @Test
    void equalScoresGoToTheLowerAddress() {
        List<Update> updates = List.of(update(2, 1, 5), update(1, 1, 6), update(3, 1, 7));

        Aggregate aggregate = AggregationRules.parse("multi-krum:f=0,m=1").aggregate(new float[1], updates, List.of());

        assertThat(aggregate.selected()).containsExactly(address(1).toLowerCase());
        assertThat(aggregate.newWeights()).containsExactly(6f);
    }

    @Test
    void leavesOutAnUpdateScaledAThousandTimes() {
        float[] global = Rounds.global(21, 500);
        List<Update> updates = Rounds.updates(22, global, 8, 4);

        Aggregate aggregate = AggregationRules.parse("multi-krum:f=1,m=6").aggregate(global, updates, List.of());

        // random steps agree with nothing, so few earn; the scaled one is not averaged in at all
        assertThat(aggregate.selected()).doesNotContain(address(4).toLowerCase());
        assertThat(aggregate.accepted()).hasSize(8);
        for (int j = 0; j < global.length; j++) {
            assertThat(aggregate.newWeights()[j]).isCloseTo(global[j], within(0.02f));
        }
    }

    @Test
    void runsWithFewerUpdatesThanTheGuaranteeNeeds() {
        Aggregate one = AggregationRules.parse("multi-krum:f=2,m=3").aggregate(new float[1],
                List.of(update(1, 5, 4)), List.of());
        assertThat(one.newWeights()).containsExactly(4f);
        assertThat(one.selected()).hasSize(1);

        Aggregate two = AggregationRules.parse("multi-krum:f=2,m=1").aggregate(new float[1],
                List.of(update(2, 5, 4), update(1, 5, 8)), List.of());
        assertThat(two.selected()).containsExactly(address(1).toLowerCase());
    }
}
