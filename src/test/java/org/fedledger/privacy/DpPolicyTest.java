package org.fedledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DpPolicyTest {
    @Test
    void invalidPoliciesAreRejectedWithAMessage() {
        assertThatThrownBy(() -> new DpPolicy(0, 1, 1e-5, 1)).hasMessage("clip norm must be positive and finite: 0.0");
        assertThatThrownBy(() -> new DpPolicy(1, 0, 1e-5, 1)).hasMessage("noise multiplier must be positive and finite: 0.0");
        assertThatThrownBy(() -> new DpPolicy(1, 1, 1, 1)).hasMessage("delta must be in (0, 1), e.g. 1e-5: 1.0");
        assertThatThrownBy(() -> new DpPolicy(1, 1, 1e-5, Double.POSITIVE_INFINITY))
                .hasMessage("epsilon budget must be positive and finite: Infinity");
        assertThatThrownBy(() -> new DpPolicy(Double.NaN, 1, 1e-5, 1)).hasMessageContaining("clip norm");
    }

    @Test
    void aBudgetBecomesTheLeastNoiseThatLastsThePlannedRounds() {
        DpPolicy policy = DpPolicy.forBudget(1.0, 3.0, 1e-5, 20);

        assertThat(policy.spentAfter(20).epsilon()).isLessThanOrEqualTo(3.0);
        assertThat(policy.roundsWithinBudget()).isEqualTo(20);
        assertThat(policy.clipNorm()).isEqualTo(1.0);
        assertThat(policy.delta()).isEqualTo(1e-5);
    }

    @Test
    void roundsWithinBudgetIsTheLastRoundThatStaysWithinIt() {
        DpPolicy policy = new DpPolicy(2.0, 1.1, 1e-5, 8.0);
        long rounds = policy.roundsWithinBudget();

        assertThat(rounds).isPositive();
        assertThat(policy.spentAfter(rounds).epsilon()).isLessThanOrEqualTo(8.0);
        assertThat(policy.spentAfter(rounds + 1).epsilon()).isGreaterThan(8.0);
        assertThat(new DpPolicy(2.0, 2.2, 1e-5, 8.0).roundsWithinBudget()).isGreaterThan(rounds);
    }

    @Test
    void aBudgetTooSmallForEvenOneRoundAllowsNone() {
        DpPolicy policy = new DpPolicy(1.0, 0.5, 1e-5, 0.1);

        assertThat(policy.roundsWithinBudget()).isZero();
        assertThat(policy.spentAfter(0).epsilon()).isZero();
    }

    @Test
    void noiseStdDevIsMultiplierTimesClipNorm() {
        assertThat(new DpPolicy(0.5, 1.2, 1e-5, 1).noiseStdDev()).isEqualTo(0.6);
    }
}
