package org.fedledger.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fedledger.outcome.Contribution;
import org.fedledger.participant.RoundEntry;
import org.fedledger.storage.CidCalculator;
import org.junit.jupiter.api.Test;

/** The protocol-step attacks: each changes one step and keeps the others honest. */
class ConductsTest {
    private static final String FORGER = "0x00000000000000000000000000000000000000ff";
    private static final RoundEntry.Outcome COMPUTED = RoundEntry.Outcome.of(CidCalculator.of(new byte[] {1, 2, 3}),
            List.of(new Contribution("0x0000000000000000000000000000000000000001", true, 500),
                    new Contribution(FORGER, true, 300)));

    @Test
    void noShowNeverCommits() {
        Absent absent = new Absent();

        for (long round = 1; round <= 5; round++) {
            assertThat(absent.commits(round)).isFalse();
        }
    }

    @Test
    void silentCommitterCommitsButNeverReveals() throws Exception {
        Silent silent = new Silent();

        for (long round = 1; round <= 5; round++) {
            assertThat(silent.commits(round)).isTrue();
            assertThat(silent.reveals(round)).isFalse();
        }
        assertThat(silent.vote(1, () -> COMPUTED)).isEqualTo(COMPUTED);
    }

    @Test
    void forgerVotesForANewAggregateAndATreeThatGivesItTheWholeReward() throws Exception {
        ForgedVote forger = new ForgedVote(FORGER);

        RoundEntry.Outcome forged = forger.vote(1, () -> {
            throw new AssertionError("a forger computes nothing");
        });
        RoundEntry.Outcome again = forger.vote(2, () -> COMPUTED);

        assertThat(forged.tree().leaves()).containsExactly(new Contribution(FORGER, true, 1));
        assertThat(forged.tree().totalWeight()).isEqualTo(1);
        assertThat(forged.tree().root()).isNotEqualTo(COMPUTED.tree().root());
        assertThat(forged.aggregateCid()).isNotEqualTo(COMPUTED.aggregateCid()).isNotEqualTo(again.aggregateCid());
        assertThat(forger.commits(1)).isTrue();
        assertThat(forger.reveals(1)).isTrue();
    }
}
