package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fedledger.participant.Intercepts.Call;
import org.fedledger.participant.Intercepts.Crash;
import org.fedledger.storage.Cid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A participant killed at each step it persists and started again on the same state file: it
 * picks up where it was, from the chain's markers and what it saved before acting.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParticipantRestartTest {
    @TempDir
    Path dir;

    private Federation f;
    private Peer alice;

    @BeforeEach
    void aloneInAOneRoundTask() throws Exception {
        f = new Federation(dir, 1);
        alice = f.peer("alice");
    }

    /** Runs alice until the arranged kill, then again; returns round 1 as her state file held it in between. */
    private RoundEntry killedThenRestarted() throws Exception {
        f.run(alice);
        assertThat(alice.failure()).isInstanceOf(Crash.class);
        RoundEntry saved;
        try (StateFile state = alice.state()) {
            saved = state.round(1);
        }
        f.run(alice);
        return saved;
    }

    @Test
    void aParticipantRestartedAfterJoiningDoesNotJoinAgain() throws Exception {
        f.task.intercepts().crashAfter(alice.account, Call.JOIN);

        assertThat(killedThenRestarted()).isNull();

        assertThat(f.task.intercepts().calls(alice.account, Call.JOIN)).isEqualTo(1);
        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aParticipantRestartedBetweenSavingItsSaltAndCommittingCommitsTheSavedUpdateWithoutTrainingAgain()
            throws Exception {
        f.task.intercepts().crashBefore(alice.account, Call.COMMIT);

        Cid saved = killedThenRestarted().updateCid();

        assertThat(alice.trainedRounds()).containsExactly(1L);
        assertThat(alice.events.committedUpdates()).containsExactly(saved);
        assertThat(f.task.revealed(1)).singleElement().satisfies(r -> assertThat(r.cid()).isEqualTo(saved));
    }

    @Test
    void aParticipantRestartedAfterCommittingRevealsTheSameUpdate() throws Exception {
        f.task.intercepts().crashAfter(alice.account, Call.COMMIT);

        Cid saved = killedThenRestarted().updateCid();

        assertThat(alice.trainedRounds()).containsExactly(1L);
        assertThat(f.task.intercepts().calls(alice.account, Call.COMMIT)).isEqualTo(1);
        assertThat(f.task.revealed(1)).singleElement().satisfies(r -> assertThat(r.cid()).isEqualTo(saved));
        assertThat(alice.events.events()).contains("revealed 1", "ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aParticipantRestartedAfterSavingItsOutcomeVotesForItWithoutFetchingTheUpdatesAgain() throws Exception {
        f.task.intercepts().crashBefore(alice.account, Call.VOTE);

        RoundEntry.Outcome saved = killedThenRestarted().outcome();

        assertThat(alice.events.votedAggregates()).containsExactly(saved.aggregateCid());
        assertThat(f.task.finalized().get(0).aggregate()).isEqualTo(saved.aggregateCid());
        assertThat(f.task.finalized().get(0).weightsRoot()).isEqualTo(saved.tree().root());
        assertThat(alice.content.reads(f.task.revealed(1).get(0).cid())).as("read once, before the kill").isEqualTo(1);
        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aParticipantRestartedAfterVotingClaimsWithoutVotingAgain() throws Exception {
        f.task.intercepts().crashAfter(alice.account, Call.VOTE);

        assertThat(killedThenRestarted().outcome()).isNotNull();

        assertThat(f.task.intercepts().calls(alice.account, Call.VOTE)).isEqualTo(1);
        assertThat(alice.events.events()).endsWith("ended 1 FINALIZED agreed", "claimed [1]");
        assertThat(alice.summary().rewards()).isEqualTo(Federation.REWARD_POOL);
    }

    @Test
    void aCommittedRoundWithoutASaltInTheStateFileStopsTheParticipantNamingTheStateFile() throws Exception {
        f.task.intercepts().crashAfter(alice.account, Call.COMMIT);

        f.run(alice);
        Files.delete(alice.statePath);
        f.run(alice);

        assertThat(alice.failure()).isInstanceOf(ParticipantException.class)
                .hasMessageContaining("committed in round 1 but the state file " + alice.statePath + " has no salt");
        assertThat(f.task.revealed(1)).isEmpty();
    }
}
