package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fedledger.aggregation.Rounds.address;
import static org.fedledger.aggregation.Rounds.update;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.outcome.Contribution;
import org.junit.jupiter.api.Test;

class FedAvgTest {
    private final AggregationRule fedAvg = AggregationRules.parse("fedavg");

    @Test
    void workedExampleWeighsUpdatesBySampleCount() {
        Aggregate aggregate = fedAvg.aggregate(new float[2],
                List.of(update(1, 1000, 0.1f, 0.2f), update(2, 2000, 0.3f, 0.4f)), List.of());

        float[] weights = aggregate.newWeights();
        assertThat(weights[0]).isCloseTo(7f / 30, within(1e-6f));
        assertThat(weights[1]).isCloseTo(1f / 3, within(1e-6f));
        // float sum in address order: (float) (1/3) * 0.1f + (float) (2/3) * 0.3f, each op rounded
        assertThat(Float.floatToIntBits(weights[0])).isEqualTo(0x3e6eeef0); // 0.23333335
        assertThat(Float.floatToIntBits(weights[1])).isEqualTo(0x3eaaaaab); // 0.33333334
    }

    @Test
    void everyUpdateIsAcceptedAndWeighsItsSamplesTimesItsAgreement() {
        Aggregate aggregate = fedAvg.aggregate(new float[1],
                List.of(update(2, 300, 1f), update(1, 100, 2f)), List.of());

        // both steps point the way the aggregate moved: full agreement, 10,000 bps per sample
        assertThat(aggregate.contributions()).containsExactly(
                new Contribution(address(1), true, 1_000_000), new Contribution(address(2), true, 3_000_000));
        assertThat(aggregate.totalWeight()).isEqualTo(BigInteger.valueOf(4_000_000));
        assertThat(aggregate.rejections()).isEmpty();
        assertThat(aggregate.newWeights()[0]).isCloseTo(1.25f, within(1e-6f));
    }

    @Test
    void equalSamplesGiveThePlainMean() {
        Aggregate aggregate = fedAvg.aggregate(new float[3],
                List.of(update(1, 5, 1, 2, 3), update(2, 5, 3, 4, 5), update(3, 5, 5, 6, 7)), List.of());

        assertThat(aggregate.newWeights()).containsExactly(new float[] {3, 4, 5}, within(1e-6f));
    }

    @Test
    void anOutlierDragsTheAverage() {
        float[] global = Rounds.global(1, 50);
        Aggregate aggregate = fedAvg.aggregate(global, Rounds.updates(2, global, 5, 0), List.of());

        assertThat(Math.abs(aggregate.newWeights()[0] - global[0])).isGreaterThan(1f);
    }

    @Test
    void sumsBeyondTheFloatRangeSaturateInsteadOfBecomingInfinite() {
        float big = Float.MAX_VALUE;
        List<Update> updates = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // ten shares of (float) 0.1 add up to just over 1: overflow
            updates.add(update(i, 1, big, -big, 1f));
        }
        Aggregate aggregate = fedAvg.aggregate(new float[3], updates, List.of());

        assertThat(aggregate.newWeights()).containsExactly(big, -big, 1.0000001f);
        assertThat(aggregate.accepted()).hasSize(10);
    }
}
