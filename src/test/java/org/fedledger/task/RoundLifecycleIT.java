package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedledger.task.Reverts.assertReverts;

import java.math.BigInteger;
import java.util.List;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * How rounds end: deadlines (driven with evm_increaseTime), the three ways a round fails and
 * the roll-over of a failed round's reward, and the exact quorum edges of finalization.
 */
@LocalServices
class RoundLifecycleIT {
    private static TaskHarness harness;

    @BeforeAll
    static void deploy(TestDevnet devnet) throws Exception {
        harness = TaskHarness.start(devnet);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    // ----- deadlines -----

    @Test
    void everyPhaseRefusesAdvanceBeforeItsDeadlineAndMovesOnAfterIt() throws Exception {
        TaskRules terms = harness.terms().registration(500).rounds(2).build();
        TestTask task = harness.create(terms);
        List<Participant> ps = task.joinAll(3);
        Participant a = ps.get(0);
        Participant b = ps.get(1);
        Participant c = ps.get(2);

        assertReverts("RoundsPhaseNotOver", () -> task.creator().advance());
        assertReverts("RoundsNotInPhase", () -> task.commit(a));
        TransactionReceipt started = task.expireAndAdvance();
        assertPhaseStarted(started, 1, TaskPhase.COMMIT, terms.commit().toSeconds());

        task.commit(a);
        task.commit(b);
        assertReverts("RoundsPhaseNotOver", () -> task.creator().advance());
        task.expire();
        assertReverts("RoundsPhaseExpired", () -> task.commit(c));
        assertPhaseStarted(task.creator().advance(), 1, TaskPhase.REVEAL, terms.reveal().toSeconds());

        task.reveal(a);
        assertReverts("RoundsPhaseNotOver", () -> task.creator().advance());
        task.expire();
        assertReverts("RoundsPhaseExpired", () -> task.reveal(b));
        assertPhaseStarted(task.creator().advance(), 1, TaskPhase.VOTE, terms.vote().toSeconds());

        assertReverts("RoundsPhaseNotOver", () -> task.creator().advance());
        TransactionReceipt failed = task.expireAndAdvance();
        assertThat(FederatedTask.getRoundFailedEvents(failed)).singleElement()
                .satisfies(e -> assertThat(e.reason).isEqualTo(RoundStatus.FAILED_NO_QUORUM.abi()));
        assertPhaseStarted(failed, 2, TaskPhase.COMMIT, terms.commit().toSeconds());
        task.assertConserved();
    }

    @Test
    void roundWithoutCommitsFailsAtTheCommitDeadline() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        task.joinAll(2);
        task.start();
        BigInteger pool = task.accounting().pool;

        TransactionReceipt failed = task.expireAndAdvance();

        assertRoundFailed(task, failed, 1, RoundStatus.FAILED_NO_COMMITS);
        assertThat(task.accounting().pool).isEqualTo(pool);
    }

    @Test
    void roundWithCommitsButNoRevealsFailsAtTheRevealDeadline() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(2);
        task.start();
        task.commitAll(ps);
        assertThat(task.phase()).isEqualTo(TaskPhase.REVEAL);

        TransactionReceipt failed = task.expireAndAdvance();

        assertRoundFailed(task, failed, 1, RoundStatus.FAILED_NO_REVEALS);
    }

    @Test
    void roundWithFewerRevealsThanMinRevealersFails() throws Exception {
        TestTask task = harness.create(harness.terms().minRevealers(2).build());
        List<Participant> ps = task.joinAll(2);
        task.start();
        task.commitAll(ps);
        task.reveal(ps.get(0));

        TransactionReceipt failed = task.expireAndAdvance();

        assertRoundFailed(task, failed, 1, RoundStatus.FAILED_NO_REVEALS);
    }

    @Test
    void voteWithoutQuorumFailsAndTheRewardRollsOverToLaterRounds() throws Exception {
        TaskRules terms = harness.terms().rounds(3).build();
        TestTask task = harness.create(terms);
        List<Participant> ps = task.joinAll(3);
        task.start();
        BigInteger pool = task.accounting().pool;
        task.commitAll(ps);
        task.revealAll(ps);
        task.vote(ps.get(0), task.honestOutcome(ps));
        assertThat(task.phase()).isEqualTo(TaskPhase.VOTE);

        TransactionReceipt failed = task.expireAndAdvance();

        assertRoundFailed(task, failed, 1, RoundStatus.FAILED_NO_QUORUM);
        assertThat(task.accounting().pool).isEqualTo(pool);
        task.playFinalizedRound(ps);
        BigInteger roundsLeftAtRound2 = BigInteger.valueOf(terms.numRounds() - 2 + 1);
        BigInteger reward2 = task.record(2).reward;
        assertThat(reward2).isEqualTo(pool.divide(roundsLeftAtRound2))
                .isGreaterThan(pool.divide(BigInteger.valueOf(terms.numRounds())));
        task.playFinalizedRound(ps);
        assertThat(task.record(3).reward).isEqualTo(pool.subtract(reward2));
        assertThat(task.phase()).isEqualTo(TaskPhase.COMPLETED);
        assertThat(task.accounting().pool).isZero();
        assertThat(task.accounting().allocatedRewards).isEqualTo(pool);
        task.assertConserved();
    }

    @Test
    void outcomeWithZeroTotalWeightFinalizesWithoutAllocatingTheRoundsReward() throws Exception {
        TaskRules terms = harness.terms().rounds(2).build();
        TestTask task = harness.create(terms);
        List<Participant> ps = task.joinAll(2);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome allRejected = task.outcome(List.of(TestTask.rejected(ps.get(0)), TestTask.rejected(ps.get(1))));
        BigInteger pool = task.accounting().pool;

        task.vote(ps.get(0), allRejected);
        task.vote(ps.get(1), allRejected);

        assertThat(task.status(1)).isEqualTo(RoundStatus.FINALIZED);
        assertThat(task.record(1).reward).isZero();
        assertThat(task.accounting().pool).isEqualTo(pool);
        assertThat(task.contract().globalModel().send().component2()).isEqualTo(allRejected.aggregate().digest());
        task.playFinalizedRound(ps);
        assertThat(task.record(2).reward).as("the last round takes the whole pool").isEqualTo(pool);
        task.assertConserved();
    }

    // ----- quorum edges -----

    @Test
    void voteThatBringsTheTallyExactlyToTheQuorumFinalizes() throws Exception {
        TestTask task = harness.create(harness.terms().quorumBps(7_500).build());
        List<Participant> ps = task.joinAll(4);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome honest = task.honestOutcome(ps);
        BigInteger revealed = task.roundState().revealedStake;
        BigInteger stake = task.defaultStake();
        assertThat(reachesQuorum(stake.multiply(BigInteger.TWO), revealed, 7_500)).isFalse();
        assertThat(stake.multiply(BigInteger.valueOf(3)).multiply(BigInteger.valueOf(10_000)))
                .as("three votes are exactly the quorum").isEqualTo(revealed.multiply(BigInteger.valueOf(7_500)));

        task.vote(ps.get(0), honest);
        task.vote(ps.get(1), honest);
        assertThat(task.phase()).isEqualTo(TaskPhase.VOTE);
        TransactionReceipt third = task.vote(ps.get(2), honest);

        assertThat(FederatedTask.getRoundFinalizedEvents(third)).singleElement().satisfies(e -> {
            assertThat(e.round).isEqualTo(BigInteger.ONE);
            assertThat(e.weightsRoot).isEqualTo(honest.root());
            assertThat(e.totalWeight).isEqualTo(honest.totalWeight());
        });
        assertThat(task.status(1)).isEqualTo(RoundStatus.FINALIZED);
        assertThat(task.position().round()).isEqualTo(2);
    }

    @Test
    void tallyOneBaseUnitShortOfTheQuorumDoesNotFinalizeAndTheRoundFailsAtTheDeadline() throws Exception {
        TestTask task = harness.create(harness.terms().quorumBps(7_500).build());
        BigInteger stake = task.defaultStake();
        List<Participant> voters = List.of(task.join(1), task.join(2), task.join(3));
        Participant heavier = task.join(4, stake.add(BigInteger.ONE));
        List<Participant> all = List.of(voters.get(0), voters.get(1), voters.get(2), heavier);
        task.start();
        task.commitAll(all);
        task.revealAll(all);
        Outcome honest = task.honestOutcome(all);
        BigInteger revealed = task.roundState().revealedStake;
        BigInteger threeVotes = stake.multiply(BigInteger.valueOf(3));
        assertThat(reachesQuorum(threeVotes, revealed, 7_500)).isFalse();
        assertThat(reachesQuorum(threeVotes.add(BigInteger.ONE), revealed, 7_500)).isTrue();

        for (Participant p : voters) {
            task.vote(p, honest);
        }

        assertThat(task.position().round()).isEqualTo(1);
        assertThat(task.phase()).isEqualTo(TaskPhase.VOTE);
        assertThat(task.contract().voteProgress().send().component4()).isEqualTo(threeVotes);
        assertRoundFailed(task, task.expireAndAdvance(), 1, RoundStatus.FAILED_NO_QUORUM);
    }

    @Test
    void splitVotesFailTheRoundInTheLastVoteWhenNeitherOutcomeReachesTheQuorum() throws Exception {
        TestTask task = harness.create(harness.terms().quorumBps(6_000).build());
        List<Participant> ps = task.joinAll(4);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome honest = task.honestOutcome(ps);
        Outcome other = task.junkOutcome("split");

        task.vote(ps.get(0), honest);
        task.vote(ps.get(1), other);
        task.vote(ps.get(2), honest);
        byte[] otherId = task.contract().outcomeIdFor(other.aggregate().bytes(), other.root(), other.totalWeight()).send();
        assertThat(task.contract().currentTally(otherId).send().component2()).isEqualTo(BigInteger.TWO);
        TransactionReceipt last = task.vote(ps.get(3), other);

        assertRoundFailed(task, last, 1, RoundStatus.FAILED_NO_QUORUM);
        assertThat(FederatedTask.getRoundFinalizedEvents(last)).isEmpty();
        for (Participant p : ps) {
            assertThat(task.slashable(p, SlashKind.WRONG_VOTE)).as("nobody is liable in a failed round").isFalse();
        }
    }

    @Test
    void voteThatReachesTheQuorumFinalizesBeforeTheOthersHaveVoted() throws Exception {
        TestTask task = harness.create(harness.terms().quorumBps(6_000).build());
        List<Participant> ps = task.joinAll(5);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome honest = task.honestOutcome(ps);

        task.vote(ps.get(0), honest);
        task.vote(ps.get(1), honest);
        TransactionReceipt third = task.vote(ps.get(2), honest);

        assertThat(FederatedTask.getRoundFinalizedEvents(third)).hasSize(1);
        assertThat(task.position().round()).isEqualTo(2);
        assertThat(task.phase()).isEqualTo(TaskPhase.COMMIT);
        for (Participant late : ps.subList(3, 5)) {
            assertReverts("RoundsNotInPhase", () -> task.vote(late, honest));
            assertThat(task.slashable(late, SlashKind.WRONG_VOTE)).isFalse();
            late.client().claim(List.of(honest.claimOf(late)));
            assertThat(task.rewardsOf(late.address()))
                    .isEqualTo(task.creator().claimable(1, honest.weightOf(late))).isPositive();
        }
    }

    private static boolean reachesQuorum(BigInteger tally, BigInteger revealedStake, int quorumBps) {
        return tally.multiply(BigInteger.valueOf(10_000)).compareTo(revealedStake.multiply(BigInteger.valueOf(quorumBps))) >= 0;
    }

    private static void assertPhaseStarted(TransactionReceipt receipt, long round, TaskPhase phase, long duration)
            throws Exception {
        long at = harness.timestampOf(receipt);
        assertThat(FederatedTask.getPhaseAdvancedEvents(receipt)).last().satisfies(e -> {
            assertThat(e.round).isEqualTo(BigInteger.valueOf(round));
            assertThat(e.phase).isEqualTo(BigInteger.valueOf(phase.ordinal()));
            assertThat(e.deadline).as("deadline = phase start + duration").isEqualTo(BigInteger.valueOf(at + duration));
        });
    }

    private static void assertRoundFailed(TestTask task, TransactionReceipt receipt, long round, RoundStatus reason)
            throws Exception {
        assertThat(FederatedTask.getRoundFailedEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.round).isEqualTo(BigInteger.valueOf(round));
            assertThat(e.reason).isEqualTo(reason.abi());
        });
        FederatedTask.RoundRecord record = task.record(round);
        assertThat(RoundStatus.of(record.status)).isEqualTo(reason);
        assertThat(record.reward).isZero();
        assertThat(record.endedAt).isEqualTo(BigInteger.valueOf(harness.timestampOf(receipt)));
        assertThat(task.position().round()).isEqualTo(round + 1);
        assertThat(task.phase()).isEqualTo(TaskPhase.COMMIT);
        task.assertConserved();
    }
}
