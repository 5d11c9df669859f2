package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fedledger.aggregation.Rounds.update;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClippedFedAvgTest {
    @Test
    void deltasLongerThanTheClipNormAreScaledDownBeforeAveraging() {
        // deltas (3, 4) of norm 5 -> clipped to norm 2: (1.2, 1.6); (0, 1) is within the bound
        Aggregate aggregate = AggregationRules.parse("clipped-fedavg:2").aggregate(new float[] {1, 1},
                List.of(update(1, 10, 4, 5), update(2, 10, 1, 2)), List.of());

        assertThat(aggregate.newWeights()).containsExactly(new float[] {1.6f, 2.3f}, within(1e-6f));
        assertThat(aggregate.accepted()).hasSize(2);
    }

    @Test
    void withinTheBoundItIsFedAvg() {
        float[] global = Rounds.global(3, 100);
        List<Update> updates = Rounds.updates(4, global, 6, -1);

        float[] clipped = AggregationRules.parse("clipped-fedavg:1000").aggregate(global, updates, List.of()).newWeights();
        float[] plain = AggregationRules.parse("fedavg").aggregate(global, updates, List.of()).newWeights();

        assertThat(clipped).containsExactly(plain, within(1e-6f));
    }

    @Test
    void clippingBoundsHowFarAnOutlierMovesTheModel() {
        float[] global = Rounds.global(5, 1000);
        List<Update> updates = Rounds.updates(6, global, 5, 2);
        double clip = 0.5;

        float[] clipped = AggregationRules.parse("clipped-fedavg:" + clip).aggregate(global, updates, List.of()).newWeights();
        float[] plain = AggregationRules.parse("fedavg").aggregate(global, updates, List.of()).newWeights();

        assertThat(Math.sqrt(Sums.squaredDistance(clipped, global))).isLessThanOrEqualTo(clip * 1.000001);
        assertThat(Math.sqrt(Sums.squaredDistance(plain, global))).isGreaterThan(100 * clip);
    }

    @Test
    void scaleIsOneWithinTheBoundAndBoundOverNormBeyond() {
        ClippedFedAvg rule = ClippedFedAvg.of("2.0");
        assertThat(rule.scale(1.5)).isEqualTo(1.0);
        assertThat(rule.scale(8.0)).isEqualTo(0.25);
    }
}
