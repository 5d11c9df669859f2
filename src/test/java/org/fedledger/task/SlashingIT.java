package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedledger.task.Reverts.assertReverts;

import java.math.BigInteger;
import java.util.List;
import org.fedledger.chain.TaskPhase;
import org.fedledger.chain.TaskRules;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The four slash rules with their exact consequences (the Slashed event, the stake cut by the
 * rule's fraction, the reporter's bounty credited, the rest back in the pool), the settlement
 * of unreported liabilities by the offender's own next action, and that an honest participant
 * is never slashable. Participants 1 and 2 are honest, 3 misbehaves; account 9, who never
 * joins, reports.
 */
@LocalServices
class SlashingIT {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private static TaskHarness harness;

    @BeforeAll
    static void deploy(TestDevnet devnet) throws Exception {
        harness = TaskHarness.start(devnet);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void participantIsSlashedWhenRevealIsMissing() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        Participant reporter = task.participant(9);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps.subList(0, 2));
        assertThat(task.slashable(offender, SlashKind.NO_REVEAL)).as("its reveal phase is still open").isFalse();
        task.expireAndAdvance();
        assertThat(task.phase()).isEqualTo(TaskPhase.VOTE);
        assertThat(task.slashable(offender, SlashKind.NO_REVEAL)).isTrue();
        Snapshot before = Snapshot.of(task, offender, reporter);

        TransactionReceipt receipt = reporter.client().slashNoReveal(offender.address());

        assertSlashed(task, receipt, before, 1, SlashKind.NO_REVEAL, task.terms().noRevealSlashBps(), reporter);
        assertThat(task.slashable(offender, SlashKind.NO_REVEAL)).isFalse();
        assertReverts("SlashingNoEvidence", () -> reporter.client().slashNoReveal(offender.address()));
        BigInteger bounty = task.rewardsOf(reporter.address());
        BigInteger wallet = harness.balanceOf(reporter.address());
        reporter.client().withdrawRewards();
        assertThat(harness.balanceOf(reporter.address())).isEqualTo(wallet.add(bounty));
        task.assertConserved();
    }

    @Test
    void unreportedMissingRevealIsSettledByTheOffendersNextCommitWithoutBounty() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps.subList(0, 2));
        task.expireAndAdvance();
        Outcome honest = task.honestOutcome(ps.subList(0, 2));
        task.vote(ps.get(0), honest);
        task.vote(ps.get(1), honest);
        assertThat(task.round()).isEqualTo(2);
        Snapshot before = Snapshot.of(task, offender, null);

        TransactionReceipt commit = task.commit(offender);

        assertSlashed(task, commit, before, 1, SlashKind.NO_REVEAL, task.terms().noRevealSlashBps(), null);
        assertReverts("SlashingNoEvidence", () -> ps.get(0).client().slashNoReveal(offender.address()));
    }

    @Test
    void participantIsSlashedWhenTheFinalizedOutcomeRejectedItsUpdate() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        Participant reporter = task.participant(9);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome outcome = task.outcome(List.of(task.accepted(ps.get(0)), task.accepted(ps.get(1)),
                TestTask.rejected(offender)));
        task.vote(ps.get(0), outcome);
        task.vote(ps.get(1), outcome);
        assertThat(task.status(1)).isEqualTo(RoundStatus.FINALIZED);
        assertThat(task.slashable(offender, SlashKind.REJECTED_UPDATE)).as("a proof is needed").isFalse();
        Snapshot before = Snapshot.of(task, offender, reporter);

        TransactionReceipt receipt = reporter.client().slashRejectedUpdate(offender.address(), 1, BigInteger.ZERO,
                outcome.proofOf(offender));

        assertSlashed(task, receipt, before, 1, SlashKind.REJECTED_UPDATE, task.terms().rejectedSlashBps(), reporter);
        assertThat(task.contract().isRejectionSlashed(offender.address(), BigInteger.ONE).send()).isTrue();
        assertReverts("SlashingAlreadySlashed", () -> reporter.client().slashRejectedUpdate(offender.address(), 1,
                BigInteger.ZERO, outcome.proofOf(offender)));
        assertReverts("SlashingInvalidProof", () -> reporter.client().slashRejectedUpdate(ps.get(0).address(), 1,
                outcome.weightOf(ps.get(0)), outcome.proofOf(ps.get(0))));
    }

    @Test
    void participantIsSlashedWhenItVotedForAnOutcomeOtherThanTheFinalizedOne() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        Participant reporter = task.participant(9);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome honest = task.honestOutcome(ps);
        task.vote(offender, task.junkOutcome("wrong vote")); // first, so the junk outcome gets ordinal 1
        assertThat(task.slashable(offender, SlashKind.WRONG_VOTE)).as("not finalized yet").isFalse();
        task.vote(ps.get(0), honest);
        task.vote(ps.get(1), honest);
        assertThat(task.record(1).winningOrdinal).isEqualTo(BigInteger.TWO);
        assertThat(task.slashable(offender, SlashKind.WRONG_VOTE)).isTrue();
        Snapshot before = Snapshot.of(task, offender, reporter);

        TransactionReceipt receipt = reporter.client().slashWrongVote(offender.address());

        assertSlashed(task, receipt, before, 1, SlashKind.WRONG_VOTE, task.terms().wrongVoteSlashBps(), reporter);
        assertReverts("SlashingNoEvidence", () -> reporter.client().slashWrongVote(offender.address()));
    }

    @Test
    void unreportedWrongVoteIsSettledByTheOffendersNextVoteWithoutBounty() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps);
        task.vote(ps.get(0), task.honestOutcome(ps));
        task.vote(offender, task.junkOutcome("wrong vote"));
        task.vote(ps.get(1), task.honestOutcome(ps));
        assertThat(task.round()).isEqualTo(2);
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome honest = task.honestOutcome(ps);
        Snapshot before = Snapshot.of(task, offender, null);

        TransactionReceipt vote = task.vote(offender, honest);

        assertSlashed(task, vote, before, 1, SlashKind.WRONG_VOTE, task.terms().wrongVoteSlashBps(), null);
        assertThat(FederatedTask.getVoteCastEvents(vote)).singleElement()
                .satisfies(e -> assertThat(e.stake).as("votes with the slashed stake").isEqualTo(task.stakeOf(offender)));
    }

    @Test
    void participantMissingMoreRoundsThanToleratedIsSlashedAndSuspended() throws Exception {
        TaskRules terms = harness.terms().rounds(3).missTolerance(1).build();
        TestTask task = harness.create(terms);
        List<Participant> ps = task.joinAll(3);
        List<Participant> honest = ps.subList(0, 2);
        Participant absent = ps.get(2);
        Participant reporter = task.participant(9);
        task.start();
        task.playFinalizedRound(honest);
        assertThat(task.slashable(absent, SlashKind.MISSED_ROUNDS)).as("one miss is tolerated").isFalse();
        assertReverts("SlashingNoEvidence", () -> reporter.client().slashMissedRounds(absent.address()));
        task.commitAll(honest);
        assertThat(task.slashable(absent, SlashKind.MISSED_ROUNDS)).as("round 2's commit phase still open").isFalse();
        task.expireAndAdvance();
        assertThat(task.slashable(absent, SlashKind.MISSED_ROUNDS)).isTrue();
        Snapshot before = Snapshot.of(task, absent, reporter);

        TransactionReceipt receipt = reporter.client().slashMissedRounds(absent.address());

        assertSlashed(task, receipt, before, 2, SlashKind.MISSED_ROUNDS, terms.missedRoundsSlashBps(), reporter);
        assertThat(FederatedTask.getParticipantSuspendedEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.participant).isEqualToIgnoringCase(absent.address());
            assertThat(e.fromRound).isEqualTo(BigInteger.valueOf(3));
        });
        assertThat(task.info(absent).status).as("Suspended").isEqualTo(BigInteger.TWO);
        assertThat(task.contract().nextRoundActiveCount().send()).isEqualTo(BigInteger.TWO);
        assertReverts("SlashingNoEvidence", () -> reporter.client().slashMissedRounds(absent.address()));
        task.revealAll(honest);
        Outcome round2 = task.honestOutcome(honest);
        task.vote(honest.get(0), round2);
        task.vote(honest.get(1), round2);
        assertThat(task.round()).isEqualTo(3);
        assertThat(task.roundState().activeCount).isEqualTo(BigInteger.TWO);
        assertReverts("RoundsNotActive", () -> task.commit(absent));
        task.commitAll(honest);
        assertThat(task.phase()).as("commit ends early without the suspended participant").isEqualTo(TaskPhase.REVEAL);
    }

    @Test
    void unreportedMissedRoundsAreSettledByTheOffendersNextCommitWithoutSuspension() throws Exception {
        TaskRules terms = harness.terms().rounds(3).missTolerance(1).build();
        TestTask task = harness.create(terms);
        List<Participant> ps = task.joinAll(3);
        Participant absent = ps.get(2);
        task.start();
        task.playFinalizedRound(ps.subList(0, 2));
        task.playFinalizedRound(ps.subList(0, 2));
        assertThat(task.slashable(absent, SlashKind.MISSED_ROUNDS)).isTrue();
        Snapshot before = Snapshot.of(task, absent, null);

        TransactionReceipt commit = task.commit(absent);

        assertSlashed(task, commit, before, 2, SlashKind.MISSED_ROUNDS, terms.missedRoundsSlashBps(), null);
        assertThat(FederatedTask.getParticipantSuspendedEvents(commit)).isEmpty();
        assertThat(task.info(absent).status).as("still Active").isEqualTo(BigInteger.ONE);
        assertThat(task.slashable(absent, SlashKind.MISSED_ROUNDS)).isFalse();
    }

    @Test
    void slashThatLeavesTheStakeBelowTheMinimumSuspendsFromTheNextRound() throws Exception {
        TaskRules terms = harness.terms().build();
        TestTask task = harness.create(terms);
        List<Participant> ps = List.of(task.join(1), task.join(2), task.join(3, terms.minStake()));
        Participant offender = ps.get(2);
        Participant reporter = task.participant(9);
        task.start();
        task.commitAll(ps);
        task.revealAll(ps.subList(0, 2));
        task.expireAndAdvance();
        Snapshot before = Snapshot.of(task, offender, reporter);

        TransactionReceipt receipt = reporter.client().slashNoReveal(offender.address());

        assertSlashed(task, receipt, before, 1, SlashKind.NO_REVEAL, terms.noRevealSlashBps(), reporter);
        assertThat(task.stakeOf(offender)).isLessThan(terms.minStake());
        assertThat(FederatedTask.getParticipantSuspendedEvents(receipt)).singleElement()
                .satisfies(e -> assertThat(e.fromRound).isEqualTo(BigInteger.TWO));
        assertThat(task.info(offender).status).as("Suspended").isEqualTo(BigInteger.TWO);
        assertThat(task.contract().isActive(offender.address(), BigInteger.TWO).send()).isFalse();
        assertThat(task.contract().nextRoundActiveCount().send()).isEqualTo(BigInteger.TWO);
        assertReverts("MembershipWrongStatus", () -> offender.client().topUp(terms.minStake()));
    }

    @Test
    void honestParticipantIsNeverSlashable() throws Exception {
        TestTask task = harness.create(harness.terms().rounds(2).missTolerance(0).build());
        List<Participant> ps = task.joinAll(3);
        Participant reporter = task.participant(9);
        task.start();
        assertNothingSlashable(task, ps, reporter, null);
        task.commitAll(ps);
        assertNothingSlashable(task, ps, reporter, null);
        task.revealAll(ps);
        assertNothingSlashable(task, ps, reporter, null);
        Outcome round1 = task.honestOutcome(ps);
        task.vote(ps.get(0), round1);
        assertNothingSlashable(task, ps, reporter, null);
        task.vote(ps.get(1), round1);
        assertThat(task.round()).isEqualTo(2);
        assertNothingSlashable(task, ps, reporter, round1);
        Outcome round2 = task.playFinalizedRound(ps);
        assertThat(task.phase()).isEqualTo(TaskPhase.COMPLETED);
        assertNothingSlashable(task, ps, reporter, round2);
        for (Participant p : ps) {
            assertThat(task.stakeOf(p)).isEqualTo(task.defaultStake());
        }
    }

    private static void assertNothingSlashable(TestTask task, List<Participant> ps, Participant reporter,
                                               Outcome finalized) throws Exception {
        for (Participant p : ps) {
            for (SlashKind kind : SlashKind.values()) {
                assertThat(task.slashable(p, kind)).as("%s slashable for %s", p, kind).isFalse();
            }
            assertReverts("SlashingNoEvidence", () -> reporter.client().slashNoReveal(p.address()));
            assertReverts("SlashingNoEvidence", () -> reporter.client().slashWrongVote(p.address()));
            assertReverts("SlashingNoEvidence", () -> reporter.client().slashMissedRounds(p.address()));
            if (finalized != null) {
                assertReverts("SlashingInvalidProof", () -> reporter.client().slashRejectedUpdate(p.address(),
                        finalized.round(), finalized.weightOf(p), finalized.proofOf(p)));
                assertReverts("SlashingInvalidProof", () -> reporter.client().slashRejectedUpdate(p.address(),
                        finalized.round(), BigInteger.ZERO, finalized.proofOf(p)));
                assertThat(WeightsTree.verify(finalized.proofOf(p), finalized.root(),
                        WeightsTree.leafHash(finalized.contributionOf(p)))).isTrue();
            }
        }
    }

    /** What a slash changes, read just before it. */
    private record Snapshot(Participant offender, BigInteger stake, String reporter, BigInteger reporterRewards,
                            FederatedTask.Accounting books) {
        static Snapshot of(TestTask task, Participant offender, Participant reporter) throws Exception {
            String reporterAddress = reporter == null ? ZERO_ADDRESS : reporter.address();
            return new Snapshot(offender, task.stakeOf(offender), reporterAddress, task.rewardsOf(reporterAddress),
                    task.accounting());
        }
    }

    /**
     * Asserts one Slashed event with amount = stake * bps / 10000 and bounty = amount * bountyBps /
     * 10000 (none when the offender's own action settled it, reporter null), and the books.
     */
    private static void assertSlashed(TestTask task, TransactionReceipt receipt, Snapshot before, long round,
                                      SlashKind kind, int bps, Participant reporter) throws Exception {
        BigInteger amount = before.stake().multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
        BigInteger bounty = reporter == null ? BigInteger.ZERO
                : amount.multiply(BigInteger.valueOf(task.terms().reporterBountyBps())).divide(BigInteger.valueOf(10_000));
        assertThat(amount).isPositive();
        assertThat(FederatedTask.getSlashedEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.offender).isEqualToIgnoringCase(before.offender().address());
            assertThat(e.round).isEqualTo(BigInteger.valueOf(round));
            assertThat(e.kind).isEqualTo(kind.abi());
            assertThat(e.amount).isEqualTo(amount);
            assertThat(e.reporter).isEqualToIgnoringCase(before.reporter());
            assertThat(e.bounty).isEqualTo(bounty);
        });
        assertThat(task.stakeOf(before.offender())).isEqualTo(before.stake().subtract(amount));
        if (reporter != null) {
            assertThat(task.rewardsOf(reporter.address())).isEqualTo(before.reporterRewards().add(bounty));
        }
        FederatedTask.Accounting after = task.accounting();
        assertThat(after.totalStaked).isEqualTo(before.books().totalStaked.subtract(amount));
        assertThat(after.pool).isEqualTo(before.books().pool.add(amount).subtract(bounty));
        assertThat(after.creditedRewards).isEqualTo(before.books().creditedRewards.add(bounty));
        assertThat(after.allocatedRewards).isEqualTo(before.books().allocatedRewards);
        assertThat(after.balance).isEqualTo(before.books().balance);
        task.assertConserved();
    }
}
