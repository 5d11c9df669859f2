package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fedledger.aggregation.Rounds.address;

import java.math.BigInteger;
import java.util.List;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.junit.jupiter.api.Test;

class AggregateTest {
    private static final Contribution ACCEPTED = new Contribution(address(2), true, 700);
    private static final Contribution REJECTED = new Contribution(address(1), false, 0);
    private static final Failure REASON = new Failure(address(1), "CID mismatch");

    @Test
    void sortsByAddressAndBuildsTheContributionsTree() {
        Aggregate aggregate = new Aggregate(new float[] {1}, List.of(ACCEPTED, REJECTED), List.of(REASON));

        assertThat(aggregate.contributions()).containsExactly(REJECTED, ACCEPTED);
        assertThat(aggregate.accepted()).containsExactly(ACCEPTED.participant());
        assertThat(aggregate.totalWeight()).isEqualTo(BigInteger.valueOf(700));
        assertThat(aggregate.weightsTree().root()).isEqualTo(new WeightsTree(List.of(REJECTED, ACCEPTED)).root());
    }

    @Test
    void everyRejectionHasExactlyOneReason() {
        assertThatThrownBy(() -> new Aggregate(new float[1], List.of(ACCEPTED, REJECTED), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aggregate(new float[1], List.of(ACCEPTED),
                List.of(new Failure(address(2), "x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aggregate(new float[1], List.of(REJECTED), List.of(REASON, REASON)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRejectedContributionWeighsNothing() {
        assertThatThrownBy(() -> new Aggregate(new float[1], List.of(new Contribution(address(1), false, 5)),
                List.of(REASON))).hasMessageContaining("must weigh 0");
    }

    @Test
    void failureReasonsAreOneLine() {
        assertThat(new Failure(address(3).toUpperCase().replace("0X", "0x"), " bad\n file \r\n ").reason())
                .isEqualTo("bad file");
        assertThatThrownBy(() -> new Failure(address(3), " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Update("0x12", 1, new float[0])).hasMessage("not an address: 0x12");
        assertThatThrownBy(() -> new Update(address(1), -1, new float[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
