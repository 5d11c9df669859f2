package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedledger.task.Reverts.assertReverts;

import java.math.BigInteger;
import java.util.List;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.RewardClaim;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A participant that votes against a round's finalized outcome forfeits that round's reward,
 * even when the finalized tree gives its honestly trained update an accepted leaf: its vote
 * marker refuses the claim ({@code RewardsForfeited}) until the wrong vote is settled, and the
 * settlement, reported or by the offender's next vote, sets its claim bit for the round. Rounds
 * in which it voted with the majority stay claimable. Participants 1 and 2 are honest, 3 votes
 * wrong; account 9, who never joins, reports. Only rounds up to 120 are played: their claim bits
 * live in the account slot; the bitmap of later rounds would take 121 played rounds to reach.
 */
@LocalServices
class WrongVoteForfeitIT {
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
    void wrongVoterCannotClaimTheRoundItVotedAgainstWhileHonestVotersClaimIt() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        task.start();
        Outcome round1 = playWithWrongVote(task, ps, offender);
        assertThat(round1.weightOf(offender)).as("its update is accepted in the finalized tree").isPositive();
        BigInteger reward = task.record(1).reward;

        ContractRevertException revert = assertReverts("RewardsForfeited",
                () -> offender.client().claim(List.of(round1.claimOf(offender))));

        assertThat(revert.description()).hasValue("RewardsForfeited(1)");
        assertThat(isClaimed(task, offender, 1)).as("not settled yet: the vote marker alone refuses").isFalse();
        assertThat(task.slashable(offender, SlashKind.WRONG_VOTE)).as("the refused claim settled nothing").isTrue();
        BigInteger paid = BigInteger.ZERO;
        for (Participant p : ps.subList(0, 2)) {
            BigInteger share = share(reward, round1.weightOf(p), round1.totalWeight());
            TransactionReceipt receipt = p.client().claim(List.of(round1.claimOf(p)));
            assertThat(FederatedTask.getRewardsClaimedEvents(receipt)).singleElement().satisfies(e -> {
                assertThat(e.participant).isEqualToIgnoringCase(p.address());
                assertThat(e.rounds).containsExactly(BigInteger.ONE);
                assertThat(e.amounts).containsExactly(share);
                assertThat(e.total).isEqualTo(share);
            });
            assertThat(task.rewardsOf(p.address())).isEqualTo(share);
            paid = paid.add(share);
        }
        assertThat(task.rewardsOf(offender.address())).isZero();
        assertThat(task.accounting().allocatedRewards).as("the forfeited share stays allocated")
                .isEqualTo(reward.subtract(paid));
        task.assertConserved();
    }

    @Test
    void reportedWrongVoteMarksTheRoundClaimed() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        Participant reporter = task.participant(9);
        task.start();
        Outcome round1 = playWithWrongVote(task, ps, offender);
        RewardClaim claim1 = round1.claimOf(offender);
        BigInteger stake = task.stakeOf(offender);

        TransactionReceipt report = reporter.client().slashWrongVote(offender.address());

        assertSlashedForWrongVote(task, report, offender, stake, 1, reporter.address());
        assertThat(isClaimed(task, offender, 1)).isTrue();
        // The unchanged vote marker is checked before the claim bit, so the report does not change the error.
        assertReverts("RewardsForfeited", () -> offender.client().claim(List.of(claim1)));
        // Once its next vote overwrites the marker, the bit set by the report is what refuses the claim;
        // that vote settles nothing more.
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome round2 = task.honestOutcome(ps);
        TransactionReceipt vote = task.vote(offender, round2);
        assertThat(FederatedTask.getSlashedEvents(vote)).isEmpty();
        task.vote(ps.get(0), round2);
        assertThat(task.status(2)).isEqualTo(RoundStatus.FINALIZED);
        ContractRevertException revert = assertReverts("RewardsAlreadyClaimed",
                () -> offender.client().claim(List.of(claim1)));
        assertThat(revert.description()).hasValue("RewardsAlreadyClaimed(1)");
        assertThat(task.rewardsOf(offender.address())).isZero();
        task.assertConserved();
    }

    @Test
    void wrongVoteSettledByTheOffendersNextVoteMarksTheRoundClaimed() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        task.start();
        Outcome round1 = playWithWrongVote(task, ps, offender);
        assertThat(isClaimed(task, offender, 1)).isFalse();
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome round2 = task.honestOutcome(ps);
        BigInteger stake = task.stakeOf(offender);

        TransactionReceipt vote = task.vote(offender, round2);

        assertSlashedForWrongVote(task, vote, offender, stake, 1, ZERO_ADDRESS);
        assertThat(isClaimed(task, offender, 1)).isTrue();
        ContractRevertException revert = assertReverts("RewardsAlreadyClaimed",
                () -> offender.client().claim(List.of(round1.claimOf(offender))));
        assertThat(revert.description()).hasValue("RewardsAlreadyClaimed(1)");
        assertReverts("SlashingNoEvidence", () -> task.participant(9).client().slashWrongVote(offender.address()));
        task.assertConserved();
    }

    @Test
    void forfeitHoldsWhenTheWrongVoteSlashTakesNothing() throws Exception {
        // The case the forfeit exists for: a slash smaller than the round's share (here none at all).
        TestTask task = harness.create(harness.terms().slashBps(1_000, 2_000, 0, 500).build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        task.start();
        Outcome round1 = playWithWrongVote(task, ps, offender);
        BigInteger stake = task.stakeOf(offender);
        assertThat(task.slashable(offender, SlashKind.WRONG_VOTE)).as("a 0 bps slash takes nothing").isFalse();
        assertReverts("SlashingNothingToSlash", () -> task.participant(9).client().slashWrongVote(offender.address()));
        assertThat(isClaimed(task, offender, 1)).as("the reverted report set nothing").isFalse();
        assertReverts("RewardsForfeited", () -> offender.client().claim(List.of(round1.claimOf(offender))));
        task.commitAll(ps);
        task.revealAll(ps);

        TransactionReceipt vote = task.vote(offender, task.honestOutcome(ps));

        assertThat(FederatedTask.getSlashedEvents(vote)).isEmpty();
        assertThat(task.stakeOf(offender)).isEqualTo(stake);
        assertThat(isClaimed(task, offender, 1)).isTrue();
        assertReverts("RewardsAlreadyClaimed", () -> offender.client().claim(List.of(round1.claimOf(offender))));
        task.assertConserved();
    }

    @Test
    void wrongVoterStillClaimsTheRoundsItVotedWithTheMajority() throws Exception {
        TestTask task = harness.create(harness.terms().rounds(3).build());
        List<Participant> ps = task.joinAll(3);
        Participant offender = ps.get(2);
        List<Participant> offenderFirst = List.of(offender, ps.get(0), ps.get(1));
        task.start();
        Outcome round1 = task.playFinalizedRound(offenderFirst);
        assertThat(task.info(offender).voteRound).as("voted in round 1").isEqualTo(BigInteger.ONE);
        Outcome round2 = playWithWrongVote(task, ps, offender);
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome round3 = task.honestOutcome(ps);
        BigInteger stake = task.stakeOf(offender);
        TransactionReceipt settling = task.vote(offender, round3);
        task.vote(ps.get(0), round3);
        assertThat(task.status(3)).isEqualTo(RoundStatus.FINALIZED);
        assertSlashedForWrongVote(task, settling, offender, stake, 2, ZERO_ADDRESS);
        assertThat(FederatedTask.getVoteCastEvents(settling)).singleElement()
                .satisfies(e -> assertThat(e.ordinal).as("voted with the majority").isEqualTo(BigInteger.ONE));
        assertThat(task.record(1).winningOrdinal).isEqualTo(BigInteger.ONE);
        assertThat(task.record(3).winningOrdinal).isEqualTo(BigInteger.ONE);

        ContractRevertException revert = assertReverts("RewardsAlreadyClaimed", () -> offender.client().claim(
                List.of(round1.claimOf(offender), round2.claimOf(offender), round3.claimOf(offender))));
        assertThat(revert.description()).hasValue("RewardsAlreadyClaimed(2)");
        assertThat(task.rewardsOf(offender.address())).as("a refused batch pays nothing").isZero();
        assertThat(isClaimed(task, offender, 1)).isFalse();
        TransactionReceipt receipt = offender.client().claim(List.of(round1.claimOf(offender), round3.claimOf(offender)));

        BigInteger share1 = share(task.record(1).reward, round1.weightOf(offender), round1.totalWeight());
        BigInteger share3 = share(task.record(3).reward, round3.weightOf(offender), round3.totalWeight());
        assertThat(FederatedTask.getRewardsClaimedEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.rounds).containsExactly(BigInteger.ONE, BigInteger.valueOf(3));
            assertThat(e.amounts).containsExactly(share1, share3);
            assertThat(e.total).isEqualTo(share1.add(share3));
        });
        assertThat(task.rewardsOf(offender.address())).isEqualTo(share1.add(share3));
        for (long round = 1; round <= 3; round++) {
            assertThat(isClaimed(task, offender, round)).as("round %d", round).isTrue();
        }
        task.assertConserved();
    }

    /**
     * Plays the current round with every participant revealing and the honest outcome (all
     * accepted, the offender included) finalizing; the offender votes first, for a junk outcome.
     */
    private static Outcome playWithWrongVote(TestTask task, List<Participant> ps, Participant offender)
            throws Exception {
        long round = task.round();
        task.commitAll(ps);
        task.revealAll(ps);
        Outcome honest = task.honestOutcome(ps);
        task.vote(offender, task.junkOutcome("wrong vote " + round));
        for (Participant p : ps) {
            if (p != offender && task.round() == round) {
                task.vote(p, honest);
            }
        }
        assertThat(task.status(round)).isEqualTo(RoundStatus.FINALIZED);
        assertThat(task.record(round).winningOrdinal).as("the junk outcome came first").isEqualTo(BigInteger.TWO);
        return honest;
    }

    /**
     * Asserts one Slashed event of kind WrongVote for {@code round} taking {@code wrongVoteSlashBps}
     * of {@code stakeBefore}, with the bounty paid only to a reporter (none when {@code reporter} is
     * the zero address: the offender's own vote settled it).
     */
    private static void assertSlashedForWrongVote(TestTask task, TransactionReceipt receipt, Participant offender,
                                                  BigInteger stakeBefore, long round, String reporter) {
        BigInteger amount = stakeBefore.multiply(BigInteger.valueOf(task.terms().wrongVoteSlashBps()))
                .divide(BigInteger.valueOf(10_000));
        BigInteger bounty = ZERO_ADDRESS.equals(reporter) ? BigInteger.ZERO
                : amount.multiply(BigInteger.valueOf(task.terms().reporterBountyBps())).divide(BigInteger.valueOf(10_000));
        assertThat(amount).isPositive();
        assertThat(FederatedTask.getSlashedEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.offender).isEqualToIgnoringCase(offender.address());
            assertThat(e.round).isEqualTo(BigInteger.valueOf(round));
            assertThat(e.kind).isEqualTo(SlashKind.WRONG_VOTE.abi());
            assertThat(e.amount).isEqualTo(amount);
            assertThat(e.reporter).isEqualToIgnoringCase(reporter);
            assertThat(e.bounty).isEqualTo(bounty);
        });
    }

    private static boolean isClaimed(TestTask task, Participant p, long round) throws Exception {
        return task.contract().isClaimed(p.address(), BigInteger.valueOf(round)).send();
    }

    private static BigInteger share(BigInteger reward, BigInteger weight, BigInteger totalWeight) {
        return reward.multiply(weight).divide(totalWeight);
    }
}
