package org.fedledger.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fedledger.aggregation.Rounds.update;

import java.util.List;
import org.junit.jupiter.api.Test;

class SumsTest {
    @Test
    void squaredDistanceIsTheSumOfSquaredDifferences() {
        assertThat(Sums.squaredDistance(new float[] {0, 0, 0}, new float[] {1, 2, 2})).isEqualTo(9.0);
        assertThat(Sums.squaredDistance(new float[0], new float[0])).isZero();
    }

    @Test
    void pairwiseDistancesByBlocksEqualWholeDistancesToTheBit() {
        float[] global = Rounds.global(1, 2 * Sums.BLOCK + 13);
        List<Update> updates = Rounds.updates(2, global, 5, 1);

        double[][] pairwise = Sums.pairwiseSquaredDistances(updates);

        for (int i = 0; i < 5; i++) {
            assertThat(pairwise[i][i]).isZero();
            for (int k = 0; k < 5; k++) {
                if (k != i) {
                    assertThat(pairwise[i][k]).isEqualTo(
                            Sums.squaredDistance(updates.get(i).weights(), updates.get(k).weights()));
                }
            }
        }
    }

    @Test
    void sampleSharesAreFractionsOfTheTotal() {
        assertThat(Sums.sampleShares(List.of(update(1, 1, 0), update(2, 3, 0)))).containsExactly(0.25, 0.75);
    }

    @Test
    void averageReportsAValueThatIsNotFinite() {
        List<Update> updates = List.of(update(1, 1, 1, 2), update(2, 1, 3, Float.NaN));
        assertThatThrownBy(() -> Sums.average(updates, new double[] {0.5, 0.5}))
                .isInstanceOf(Sums.NonFiniteInput.class);
    }

    @Test
    void averageOfDeltasStaysBetweenTheInputs() {
        float big = Float.MAX_VALUE;
        float[] result = Sums.averageOfDeltas(new float[] {-big, 1}, List.of(update(1, 1, big, 3)), new double[] {0.5});
        assertThat(result).containsExactly(0f, 2f);
    }
}
