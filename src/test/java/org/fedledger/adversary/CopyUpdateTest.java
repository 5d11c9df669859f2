package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The copier in round 1, where no update has been revealed yet. What it copies later (the
 * round before's update of the lowest other address) needs the chain: see
 * {@code AttackConsequencesIT}.
 */
class CopyUpdateTest {
    @Test
    void hasNothingToCopyInRoundOneAndResubmitsTheGlobalModelWithoutAskingTheChainOrTheStore() {
        float[] global = {0.5f, -0.5f};
        // neither events nor a model store: round 1 must not need them
        CopyUpdate copier = new CopyUpdate(null, null, "0x00000000000000000000000000000000000000AA");

        float[] update = copier.train(null, global, null, 1);

        assertThat(update).containsExactly(0.5f, -0.5f).isNotSameAs(global);
    }
}
