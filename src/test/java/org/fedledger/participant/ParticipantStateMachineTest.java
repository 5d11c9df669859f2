package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.TaskPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A participant's way through a task's phases, against the task in memory ({@link InMemoryTask}). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParticipantStateMachineTest {
    @TempDir
    Path dir;

    @Test
    void aLoneParticipantJoinsCommitsRevealsVotesAndClaimsEveryRound() throws Exception {
        Federation f = new Federation(dir, 2);
        Peer alice = f.peer("alice");

        f.run(alice);

        assertThat(alice.summary().roundsCommitted()).isEqualTo(2);
        assertThat(alice.events.events()).containsSubsequence("joined from round 1", "committed 1", "revealed 1",
                "voted 1", "ended 1 FINALIZED agreed", "committed 2", "voted 2", "ended 2 FINALIZED agreed",
                "claimed [1, 2]");
        assertThat(f.task.position().phase()).isEqualTo(TaskPhase.COMPLETED);
        assertThat(f.task.roundRecord(2).status()).isEqualTo(RoundRecord.Status.FINALIZED);
    }
}
