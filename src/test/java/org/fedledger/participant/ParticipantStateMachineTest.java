package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.TaskPhase;
import org.fedledger.participant.Intercepts.Call;
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

        assertThat(alice.events.events()).containsExactly("joined from round 1", "trained 1", "committed 1",
                "revealed 1", "voted 1", "ended 1 FINALIZED agreed", "trained 2", "committed 2", "revealed 2",
                "voted 2", "ended 2 FINALIZED agreed", "claimed [1, 2]");
        assertThat(f.task.position().phase()).isEqualTo(TaskPhase.COMPLETED);
        assertThat(f.task.finalized()).extracting(e -> e.round()).containsExactly(1L, 2L);
    }

    @Test
    void registrationEndsAtItsDeadlineAndEachPhaseEndsEarlyOnceEveryoneActed() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        Peer bob = f.peer("bob");
        Peer carol = f.peer("carol");

        f.run(alice, bob, carol);

        long registrationEnd = InMemoryTask.START + Federation.REGISTRATION.toSeconds();
        assertThat(f.task.transitions()).as("every phase opened at once, after registration")
                .extracting(t -> t.substring(0, t.indexOf(" by ")) + t.substring(t.indexOf(" at ")))
                .containsExactly("1 COMMIT at " + registrationEnd, "1 REVEAL at " + registrationEnd,
                        "1 VOTE at " + registrationEnd, "1 COMPLETED at " + registrationEnd);
        assertThat(f.task.committers(1)).hasSize(3);
        for (Peer p : new Peer[] {alice, bob, carol}) {
            assertThat(p.events.events()).contains("joined from round 1", "ended 1 FINALIZED agreed", "claimed [1]");
        }
    }

    @Test
    void aParticipantWaitsPastTheRegistrationDeadlineUntilTheAwaitedNumberJoined() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice").settings(Federation.settings(2));

        f.start(alice);
        f.task.awaitStuck(Duration.ofSeconds(10));
        assertThat(f.task.position().phase()).isEqualTo(TaskPhase.REGISTRATION);
        assertThat(f.task.passed(f.task.position().deadline())).isTrue();
        ScriptedMember bob = f.scripted("bob").join();
        f.await(alice);

        assertThat(f.task.transitions().get(0)).startsWith("1 COMMIT by " + alice.account);
        assertThat(f.task.committers(1)).containsExactly(alice.account);
        assertThat(f.task.participants()).containsExactly(alice.account, bob.account);
        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aParticipantJoiningDuringARoundTakesPartFromTheNextRound() throws Exception {
        Federation f = new Federation(dir, 2);
        ScriptedMember carol = f.scripted("carol").join();
        carol.advanceAfterDeadline();
        Peer alice = f.peer("alice");

        f.run(alice);

        assertThat(alice.events.events()).startsWith("joined from round 2");
        assertThat(alice.trainedRounds()).containsExactly(2L);
        assertThat(f.task.roundRecord(1).status()).isEqualTo(RoundRecord.Status.FAILED_NO_COMMITS);
        assertThat(f.task.committers(2)).containsExactly(alice.account);
        assertThat(alice.events.events()).contains("ended 1 FAILED_NO_COMMITS", "ended 2 FINALIZED agreed",
                "claimed [2]");
    }

    @Test
    void theSummaryCountsTheRoundsCommittedAndAcceptedAndTheRewardsCredited() throws Exception {
        Federation f = new Federation(dir, 3);
        Peer alice = f.peer("alice");
        Peer bob = f.peer("bob");

        f.run(alice, bob);

        Participant.Summary a = alice.summary();
        Participant.Summary b = bob.summary();
        assertThat(a.roundsCommitted()).isEqualTo(3);
        assertThat(a.roundsAccepted()).isEqualTo(3);
        assertThat(a.rewards()).isEqualTo(f.task.rewardsOf(alice.account)).isPositive();
        assertThat(a.stake()).isEqualTo(f.task.rules().minStake());
        assertThat(Federation.REWARD_POOL.subtract(a.rewards()).subtract(b.rewards()))
                .as("the whole pool paid out, but for rounding").isBetween(BigInteger.ZERO, BigInteger.valueOf(6));
    }

    @Test
    void aParticipantWhoseModelDoesNotFitItsDataIsRefusedBeforeJoining() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice").data(Federation.data(20, 3));

        f.run(alice);

        assertThat(alice.failure()).isInstanceOf(ParticipantException.class)
                .hasMessageContaining("takes 4 features").hasMessageContaining("has 3 features");
        assertThat(f.task.intercepts().calls(alice.account, Call.JOIN)).isZero();
        assertThat(f.task.participants()).isEmpty();
    }

    @Test
    void aParticipantThatAskedToLeaveStopsAtItsExitRoundAndClaimsWhatItEarned() throws Exception {
        Federation f = new Federation(dir, 3);
        Peer alice = f.peer("alice");
        Peer bob = f.peer("bob");
        f.task.intercepts().before(alice.account, Call.REVEAL, () -> f.task.port(alice.account).requestLeave());

        f.run(alice, bob);

        assertThat(f.task.participantInfo(alice.account).exitRound()).isEqualTo(2);
        assertThat(alice.trainedRounds()).containsExactly(1L);
        assertThat(alice.events.events()).endsWith("ended 1 FINALIZED agreed", "claimed [1]");
        assertThat(alice.summary().rewards()).isPositive();
        assertThat(f.task.committers(3)).containsExactly(bob.account);
        assertThat(bob.events.starting("reported")).as("a member that left missed no rounds").isEmpty();
    }

    @Test
    void aJoinTheContractRefusesStopsTheParticipantNamingTheContractsError() throws Exception {
        Federation f = new Federation(dir, 1);
        Peer alice = f.peer("alice").settings(Federation.settings(1).withStake(BigInteger.ONE));

        f.run(alice);

        assertThat(alice.failure()).isInstanceOf(ParticipantException.class)
                .hasMessageContaining("cannot join task " + InMemoryTask.ADDRESS)
                .hasMessageContaining("MembershipStakeTooLow(1, " + f.task.rules().minStake() + ")");
        assertThat(f.task.participants()).isEmpty();
    }

    @Test
    void aCompletedTaskCannotBeJoined() throws Exception {
        Federation f = new Federation(dir, 1);
        ScriptedMember bob = f.scripted("bob").join();
        bob.advanceAfterDeadline();
        bob.advanceAfterDeadline();
        Peer alice = f.peer("alice");

        f.run(alice);

        assertThat(f.task.position().phase()).isEqualTo(TaskPhase.COMPLETED);
        assertThat(alice.failure()).isInstanceOf(ParticipantException.class)
                .hasMessage("task " + InMemoryTask.ADDRESS + " is completed: it can no longer be joined");
        assertThat(f.task.intercepts().calls(alice.account, Call.JOIN)).isZero();
    }
}
