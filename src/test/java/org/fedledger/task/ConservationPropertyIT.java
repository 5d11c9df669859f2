package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Token conservation under random call sequences (see {@link RandomTaskRun}): three seeds, 150
 * calls each, six potential participants, six rounds. Deterministic for a seed.
 */
@LocalServices
class ConservationPropertyIT {
    private static final int CALLS = 150;

    private static TaskHarness harness;

    @BeforeAll
    static void deploy(TestDevnet devnet) throws Exception {
        harness = TaskHarness.start(devnet);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomCallsConserveTokensAndNeverTakeMoreStakeThanWasPutIn(long seed) throws Exception {
        TestTask task = harness.create(harness.terms().rounds(6).minRevealers(2).cooldown(1_500).build());
        RandomTaskRun run = new RandomTaskRun(harness, task, seed);

        run.run(CALLS);

        StringBuilder summary = new StringBuilder("seed " + seed + ": " + run.finalizedRounds() + " rounds finalized;");
        for (Map.Entry<RandomTaskRun.Action, int[]> e : run.tally().entrySet()) {
            summary.append(' ').append(e.getKey()).append(' ').append(e.getValue()[0]).append('/')
                    .append(e.getValue()[0] + e.getValue()[1]);
        }
        summary.append("; refused: ").append(run.refusals());
        System.out.println(summary);
        assertThat(run.finalizedRounds()).as("the sequence reached finalized rounds").isPositive();
        assertThat(run.tally().get(RandomTaskRun.Action.SLASH)[0]).as("some slash reports landed").isPositive();
        assertThat(run.tally().get(RandomTaskRun.Action.CLAIM)[0]).as("some claims paid").isPositive();
    }
}
