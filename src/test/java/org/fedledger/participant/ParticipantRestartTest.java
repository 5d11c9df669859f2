package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fedledger.participant.Intercepts.Call;
import org.fedledger.participant.Intercepts.Crash;
import org.fedledger.storage.Cid;
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

    @Test
    void aParticipantRestartedAfterJoiningDoesNotJoinAgain() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        f.task.intercepts().crashAfter(alice.account, Call.JOIN);

        f.run(alice);
        assertThat(alice.failure()).isInstanceOf(Crash.class);
        f.run(alice);

        assertThat(f.task.intercepts().calls(alice.account, Call.JOIN)).isEqualTo(1);
        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aParticipantRestartedAfterCommittingRevealsTheSameUpdateWithoutTrainingAgain() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        f.task.intercepts().crashAfter(alice.account, Call.COMMIT);

        f.run(alice);
        assertThat(alice.failure()).isInstanceOf(Crash.class);
        Cid committed;
        try (StateFile state = alice.state()) {
            committed = state.round(1).updateCid();
        }
        f.run(alice);

        assertThat(alice.trainedRounds()).containsExactly(1L);
        assertThat(f.task.revealed(1)).singleElement().satisfies(r -> assertThat(r.cid()).isEqualTo(committed));
        assertThat(alice.events.events()).contains("revealed 1", "ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aParticipantRestartedBetweenSavingItsSaltAndCommittingCommitsTheSavedUpdateWithoutTrainingAgain()
            throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        f.task.intercepts().crashBefore(alice.account, Call.COMMIT);

        f.run(alice);
        assertThat(alice.failure()).isInstanceOf(Crash.class);
        RoundEntry saved;
        try (StateFile state = alice.state()) {
            saved = state.round(1);
        }
        f.run(alice);

        assertThat(alice.trainedRounds()).containsExactly(1L);
        assertThat(alice.events.committedUpdates()).containsExactly(saved.updateCid());
        assertThat(f.task.revealed(1)).singleElement().satisfies(r -> assertThat(r.cid()).isEqualTo(saved.updateCid()));
        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aParticipantRestartedAfterSavingItsOutcomeVotesForItWithoutFetchingTheUpdatesAgain() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        f.task.intercepts().crashBefore(alice.account, Call.VOTE);

        f.run(alice);
        assertThat(alice.failure()).isInstanceOf(Crash.class);
        RoundEntry.Outcome saved;
        try (StateFile state = alice.state()) {
            saved = state.round(1).outcome();
        }
        Cid update = f.task.revealed(1).get(0).cid();
        int readsBefore = alice.content.reads(update);
        f.run(alice);

        assertThat(saved).isNotNull();
        assertThat(alice.events.votedAggregates()).containsExactly(saved.aggregateCid());
        assertThat(f.task.finalized().get(0).aggregate()).isEqualTo(saved.aggregateCid());
        assertThat(f.task.finalized().get(0).weightsRoot()).isEqualTo(saved.tree().root());
        assertThat(alice.content.reads(update)).isEqualTo(readsBefore).isEqualTo(1);
        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aParticipantRestartedAfterVotingClaimsWithoutVotingAgain() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        f.task.intercepts().crashAfter(alice.account, Call.VOTE);

        f.run(alice);
        assertThat(alice.failure()).isInstanceOf(Crash.class);
        assertThat(alice.events.starting("claimed")).isEmpty();
        f.run(alice);

        assertThat(f.task.intercepts().calls(alice.account, Call.VOTE)).isEqualTo(1);
        assertThat(alice.events.events()).endsWith("ended 1 FINALIZED agreed", "claimed [1]");
        assertThat(alice.summary().rewards()).isEqualTo(Federation.REWARD_POOL);
    }

    @Test
    void aCommittedRoundWithoutASaltInTheStateFileStopsTheParticipantNamingTheStateFile() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        f.task.intercepts().crashAfter(alice.account, Call.COMMIT);

        f.run(alice);
        Files.delete(alice.statePath);
        f.run(alice);

        assertThat(alice.failure()).isInstanceOf(ParticipantException.class)
                .hasMessageContaining("committed in round 1 but the state file " + alice.statePath + " has no salt");
        assertThat(f.task.revealed(1)).isEmpty();
    }
}
