package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fedledger.adversary.Deviation;
import org.fedledger.adversary.ForgedVote;
import org.fedledger.chain.ChainException;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.participant.InMemoryTask.Slash;
import org.fedledger.participant.Intercepts.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * A participant racing the others (their advance or quorum first), refused by the contract,
 * failed by its node, in rounds that fail, and reporting the others' faults.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParticipantRacesAndFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Two of three equal stakes make a quorum of 60% (not the default 2/3, 6,667 bps). */
    private static final int TWO_OF_THREE = 6_000;

    @TempDir
    Path dir;

    private Federation f;

    @Test
    void anAdvanceAnotherAccountSentFirstIsSkippedAndTheParticipantCarriesOn() throws Exception {
        f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        ScriptedMember bystander = f.scripted("bystander");
        f.task.intercepts().before(alice.account, Call.ADVANCE, bystander::advance);

        f.run(alice);

        assertThat(f.task.transitions().get(0)).startsWith("1 COMMIT by " + bystander.account);
        assertThat(alice.events.starting("skipped")).singleElement().asString()
                .startsWith("skipped advance in 0: RoundsPhaseNotOver(1, 2, ");
        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aVoteRefusedBecauseAQuorumAlreadyFinalizedTheRoundIsSkippedAndTheRoundStillClaimed() throws Exception {
        f = new Federation(dir, Federation.rules(1).toBuilder().quorumBps(TWO_OF_THREE).build());
        Peer alice = f.peer("alice");
        Peer bob = f.peer("bob");
        Peer carol = f.peer("carol");
        f.task.intercepts().before(alice.account, Call.VOTE,
                () -> f.task.awaitUntil(() -> f.task.roundRecord(1).finalized(), WAIT));

        f.run(alice, bob, carol);

        assertThat(f.task.votes(1)).extracting(TaskEvents.Vote::voter).containsExactlyInAnyOrder(bob.account,
                carol.account);
        assertThat(alice.events.events()).contains("skipped vote in 1: RoundsNotInPhase(1, 4, 5)",
                "ended 1 FINALIZED agreed", "claimed [1]");
        assertThat(alice.summary().rewards()).isPositive();
    }

    @Test
    void aRefusedCommitIsSkippedWithTheContractsErrorAndNotSentAgainInThatPhase() throws Exception {
        f = new Federation(dir, 2);
        Peer alice = f.peer("alice");
        f.task.intercepts().failNext(alice.account, Call.COMMIT, 1,
                () -> Reverts.of("RoundsPhaseExpired", new Uint256(1), new Uint8(2), new Uint256(0)));

        f.run(alice);

        assertThat(alice.events.starting("skipped")).containsExactly("skipped commit in 1: RoundsPhaseExpired(1, 2, 0)");
        assertThat(f.task.intercepts().calls(alice.account, Call.COMMIT)).isEqualTo(2);
        assertThat(f.task.roundRecord(1).status()).isEqualTo(RoundRecord.Status.FAILED_NO_COMMITS);
        assertThat(alice.events.events()).contains("ended 2 FINALIZED agreed", "claimed [2]");
    }

    /** Alice alone in a one-round task, run to her end with her node failing her next {@code times} calls of {@code call}. */
    private Peer aloneWithNodeDown(Call call, int times) throws Exception {
        f = new Federation(dir, 1);
        Peer alice = f.peer("alice");
        f.task.intercepts().nodeDown(alice.account, call, times);
        f.run(alice);
        return alice;
    }

    @Test
    void aNodeFailureIsRetriedUntilTheNodeAnswersAgain() throws Exception {
        Peer alice = aloneWithNodeDown(Call.POSITION, 3);

        assertThat(alice.events.starting("problem")).hasSize(3)
                .allMatch(p -> p.equals("problem: node at http://fake:8545 unreachable"));
        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "claimed [1]");
    }

    @Test
    void aCommitTheNodeFailedToSendIsSentAgainWithoutTrainingAgain() throws Exception {
        Peer alice = aloneWithNodeDown(Call.COMMIT, 2);

        assertThat(f.task.intercepts().calls(alice.account, Call.COMMIT)).isEqualTo(3);
        assertThat(alice.trainedRounds()).containsExactly(1L);
        assertThat(alice.events.starting("committed")).containsExactly("committed 1");
        assertThat(alice.summary().roundsAccepted()).isEqualTo(1);
    }

    @Test
    void theParticipantGivesUpAfterThirtyNodeFailuresInARow() throws Exception {
        Peer alice = aloneWithNodeDown(Call.POSITION, 30);

        assertThat(alice.failure()).isInstanceOf(ParticipantException.class)
                .hasMessage("gave up after 30 failures in a row: node at http://fake:8545 unreachable");
        assertThat(alice.events.starting("problem")).hasSize(30);
    }

    @Test
    void aRoundWithoutRevealsFailsAndTheNextRoundGoesOn() throws Exception {
        f = new Federation(dir, 2);
        Peer alice = f.peer("alice").conduct(new Deviation() {
            @Override
            public boolean reveals(long round) {
                return round != 1;
            }
        });

        f.run(alice);

        assertThat(f.task.roundRecord(1).status()).isEqualTo(RoundRecord.Status.FAILED_NO_REVEALS);
        assertThat(alice.events.events()).contains("ended 1 FAILED_NO_REVEALS", "ended 2 FINALIZED agreed",
                "claimed [2]");
        assertThat(alice.events.starting("reported")).as("it does not report itself").isEmpty();
        assertThat(f.task.slashes()).as("the contract settles the missed reveal at its next commit")
                .extracting(Slash::offender, Slash::kind, Slash::round, Slash::reporter)
                .containsExactly(tuple(alice.account, SlashKind.NO_REVEAL, 1L, null));
    }

    @Test
    void aRoundWithoutQuorumFailsAndTheNextRoundGoesOn() throws Exception {
        f = new Federation(dir, 2);
        Peer alice = f.peer("alice");
        Peer mallory = f.peer("mallory");
        mallory.conduct(new Deviation() {
            private final ForgedVote forged = new ForgedVote(mallory.account);

            @Override
            public RoundEntry.Outcome vote(long round, Computation computed) throws ChainException, ModelStoreException,
                    ParticipantException, InterruptedException {
                return round == 1 ? forged.vote(round, computed) : computed.outcome();
            }
        });

        f.run(alice, mallory);

        assertThat(f.task.roundRecord(1).status()).isEqualTo(RoundRecord.Status.FAILED_NO_QUORUM);
        assertThat(f.task.roundRecord(2).status()).isEqualTo(RoundRecord.Status.FINALIZED);
        assertThat(alice.events.events()).contains("ended 1 FAILED_NO_QUORUM", "ended 2 FINALIZED agreed",
                "claimed [2]");
        assertThat(f.task.slashes()).as("no winning outcome, no wrong vote").isEmpty();
    }

    @Test
    void aCommitIsNotSentWhenTheCommitPhaseEndedWhileTraining() throws Exception {
        f = new Federation(dir, 1);
        ScriptedMember bob = f.scripted("bob").join();
        ScriptedMember bystander = f.scripted("bystander");
        Peer alice = f.peer("alice");
        alice.trainer((spec, global, data, round) -> {
            script(() -> {
                bob.commitOffset(0.5f);
                bystander.advanceAfterDeadline();
            });
            return Peer.offset(global, 0.01f);
        });

        f.run(alice);

        assertThat(alice.events.events()).contains("skipped commit in 1: round 1's commit phase ended while training");
        assertThat(f.task.intercepts().calls(alice.account, Call.COMMIT)).isZero();
        assertThat(f.task.committers(1)).containsExactly(bob.account);
        assertThat(alice.events.events()).contains("reported bob NO_REVEAL in 1");
        assertThat(alice.summary().roundsCommitted()).as("an update trained but never committed").isZero();
        assertThat(alice.summary().roundsAccepted()).isZero();
    }

    @Test
    void aCommitterThatDidNotRevealIsReportedAndSlashed() throws Exception {
        f = new Federation(dir, 1);
        ScriptedMember bob = f.scripted("bob").join();
        f.task.intercepts().onPhase(1, TaskPhase.COMMIT, () -> bob.commitOffset(0.5f));
        Peer alice = f.peer("alice");

        f.run(alice);

        assertThat(alice.events.events()).contains("ended 1 FINALIZED agreed", "reported bob NO_REVEAL in 1");
        BigInteger tenth = f.task.rules().minStake().divide(BigInteger.TEN);
        assertThat(f.task.slashes()).containsExactly(new Slash(bob.account, 1, SlashKind.NO_REVEAL, tenth,
                alice.account));
        assertThat(f.task.participantInfo(bob.account).stake()).isEqualTo(f.task.rules().minStake().subtract(tenth));
    }

    @Test
    void aMissedRevealIsReportedByTheOthersButNotByTheParticipantItself() throws Exception {
        f = new Federation(dir, 1);
        Peer alice = f.peer("alice").conduct(new Deviation() {
            @Override
            public boolean reveals(long round) {
                return false;
            }
        });
        Peer bob = f.peer("bob");

        f.run(alice, bob);

        assertThat(bob.events.events()).contains("reported alice NO_REVEAL in 1");
        assertThat(alice.events.starting("reported")).isEmpty();
        assertThat(alice.events.events()).contains("ended 1 FINALIZED").doesNotContain("claimed [1]");
        assertThat(f.task.slashes()).extracting(Slash::offender, Slash::reporter)
                .containsExactly(tuple(alice.account, bob.account));
    }

    @Test
    void aWrongVoteIsReportedByAnHonestParticipantAndForfeitsTheForgersReward() throws Exception {
        f = new Federation(dir, Federation.rules(1).toBuilder().quorumBps(TWO_OF_THREE).build());
        Peer alice = f.peer("alice");
        Peer bob = f.peer("bob");
        Peer mallory = f.peer("mallory");
        mallory.conduct(new ForgedVote(mallory.account));
        for (Peer honest : new Peer[] {alice, bob}) {
            f.task.intercepts().before(honest.account, Call.VOTE, () -> f.task.awaitUntil(() -> f.task.votes(1)
                    .stream().anyMatch(v -> v.voter().equals(mallory.account)), WAIT));
        }

        f.run(alice, bob, mallory);

        assertThat(f.task.roundRecord(1).winningOrdinal()).as("the forged outcome came first").isEqualTo(2);
        assertThat(f.task.slashes()).singleElement()
                .satisfies(s -> assertThat(s.offender()).isEqualTo(mallory.account))
                .satisfies(s -> assertThat(s.kind()).isEqualTo(SlashKind.WRONG_VOTE))
                .satisfies(s -> assertThat(s.reporter()).isIn(alice.account, bob.account));
        assertThat(concat(alice.events.starting("reported"), bob.events.starting("reported")))
                .containsExactly("reported mallory WRONG_VOTE in 1");
        assertThat(f.task.isClaimed(mallory.account, 1)).as("forfeited").isTrue();
        assertThat(mallory.summary().rewards()).isZero();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Runs a test's script inside a trainer, which may not throw checked exceptions. */
    private static void script(Intercepts.Script s) {
        try {
            s.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
