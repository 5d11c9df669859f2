package org.fedledger.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedledger.task.Reverts.assertReverts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.TaskRules;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Reward claims against the rounds' weights trees: forged, borrowed and stale proofs are
 * refused, a round is paid once, and a claim of several rounds credits exactly the sum of
 * {@code reward * weight / totalWeight}, with the rounds' rewards following the pool rule
 * {@code pool / rounds left}. Every test plays two finalized rounds with three participants whose
 * weights (sample counts) differ between rounds, so the two trees differ.
 */
@LocalServices
class RewardClaimsIT {
    private static TaskHarness harness;

    @BeforeAll
    static void deploy(TestDevnet devnet) throws Exception {
        harness = TaskHarness.start(devnet);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    /** A task after two finalized rounds of three. */
    private record Played(TestTask task, List<Participant> ps, Outcome round1, Outcome round2) {}

    private static Played twoFinalizedRounds() throws Exception {
        TestTask task = harness.create(harness.terms().rounds(3).build());
        List<Participant> ps = task.joinAll(3);
        task.start();
        Outcome round1 = task.playFinalizedRound(ps);
        Outcome round2 = task.playFinalizedRound(ps);
        assertThat(round1.root()).isNotEqualTo(round2.root());
        return new Played(task, ps, round1, round2);
    }

    @Test
    void forgedBorrowedAndStaleProofsAreRefused() throws Exception {
        Played played = twoFinalizedRounds();
        TestTask task = played.task();
        Participant a = played.ps().get(0);
        Participant b = played.ps().get(1);
        Outcome round1 = played.round1();
        BigInteger weight = round1.weightOf(a);
        List<byte[]> proof = round1.proofOf(a);
        List<byte[]> wrongSibling = new ArrayList<>(proof);
        byte[] tampered = wrongSibling.get(0).clone();
        tampered[31] ^= 1;
        wrongSibling.set(0, tampered);

        assertReverts("RewardsInvalidProof", () -> a.client().claim(List.of(
                new RewardClaim(1, weight.subtract(BigInteger.ONE), proof))));
        assertReverts("RewardsInvalidProof", () -> a.client().claim(List.of(
                new RewardClaim(1, weight, wrongSibling))));
        assertReverts("RewardsInvalidProof", () -> a.client().claim(List.of(
                new RewardClaim(1, weight, List.of()))));
        assertReverts("RewardsInvalidProof", () -> b.client().claim(List.of(round1.claimOf(a))));
        assertReverts("RewardsInvalidProof", () -> a.client().claim(List.of(
                new RewardClaim(2, weight, proof))));
        assertReverts("RewardsInvalidProof", () -> a.client().claim(List.of(played.round2().claimOf(a),
                new RewardClaim(1, weight, wrongSibling))));

        for (Participant p : played.ps()) {
            assertThat(task.rewardsOf(p.address())).isZero();
            assertThat(task.contract().isClaimed(p.address(), BigInteger.ONE).send()).isFalse();
        }
        task.assertConserved();
    }

    @Test
    void roundIsPaidOnlyOnce() throws Exception {
        Played played = twoFinalizedRounds();
        TestTask task = played.task();
        Participant a = played.ps().get(0);
        RewardClaim claim1 = played.round1().claimOf(a);
        RewardClaim claim2 = played.round2().claimOf(a);

        assertReverts("RewardsAlreadyClaimed", () -> a.client().claim(List.of(claim1, claim1)));
        a.client().claim(List.of(claim1));
        BigInteger credited = task.rewardsOf(a.address());

        assertReverts("RewardsAlreadyClaimed", () -> a.client().claim(List.of(claim1)));
        assertReverts("RewardsAlreadyClaimed", () -> a.client().claim(List.of(claim2, claim1)));
        a.client().withdrawRewards();
        assertReverts("RewardsAlreadyClaimed", () -> a.client().claim(List.of(claim1)));
        assertThat(task.contract().isClaimed(a.address(), BigInteger.ONE).send()).isTrue();
        assertThat(task.contract().isClaimed(a.address(), BigInteger.TWO).send()).isFalse();
        assertThat(credited).isEqualTo(task.creator().claimable(1, claim1.weight()));
        task.assertConserved();
    }

    @Test
    void claimOfSeveralRoundsCreditsTheSumOfEachRoundsShare() throws Exception {
        Played played = twoFinalizedRounds();
        TestTask task = played.task();
        TaskRules terms = task.terms();
        FederatedTask.RoundRecord record1 = task.record(1);
        FederatedTask.RoundRecord record2 = task.record(2);
        BigInteger pool = TaskHarness.POOL;
        BigInteger reward1 = pool.divide(BigInteger.valueOf(terms.numRounds()));
        BigInteger reward2 = pool.subtract(reward1).divide(BigInteger.valueOf(terms.numRounds() - 1));
        assertThat(record1.reward).isEqualTo(reward1);
        assertThat(record2.reward).isEqualTo(reward2);
        assertThat(record1.totalWeight).isEqualTo(played.round1().totalWeight());
        assertThat(record2.totalWeight).isEqualTo(played.round2().totalWeight());
        assertThat(task.accounting().allocatedRewards).isEqualTo(reward1.add(reward2));

        BigInteger paid = BigInteger.ZERO;
        for (Participant p : played.ps()) {
            BigInteger share1 = share(reward1, played.round1().weightOf(p), record1.totalWeight);
            BigInteger share2 = share(reward2, played.round2().weightOf(p), record2.totalWeight);
            assertThat(task.creator().claimable(1, played.round1().weightOf(p))).isEqualTo(share1);
            assertThat(task.creator().claimable(2, played.round2().weightOf(p))).isEqualTo(share2);
            BigInteger wallet = harness.balanceOf(p.address());

            TransactionReceipt receipt = p.client().claim(List.of(played.round1().claimOf(p), played.round2().claimOf(p)));

            assertThat(FederatedTask.getRewardsClaimedEvents(receipt)).singleElement().satisfies(e -> {
                assertThat(e.participant).isEqualToIgnoringCase(p.address());
                assertThat(e.rounds).containsExactly(BigInteger.ONE, BigInteger.TWO);
                assertThat(e.amounts).containsExactly(share1, share2);
                assertThat(e.total).isEqualTo(share1.add(share2));
            });
            assertThat(task.rewardsOf(p.address())).isEqualTo(share1.add(share2));
            p.client().withdrawRewards();
            assertThat(harness.balanceOf(p.address())).isEqualTo(wallet.add(share1).add(share2));
            assertThat(task.rewardsOf(p.address())).isZero();
            paid = paid.add(share1).add(share2);
            task.assertConserved();
        }
        assertThat(task.accounting().allocatedRewards).as("only rounding dust stays allocated")
                .isEqualTo(reward1.add(reward2).subtract(paid))
                .isLessThan(BigInteger.valueOf(played.ps().size() * 2L));
    }

    private static BigInteger share(BigInteger reward, BigInteger weight, BigInteger totalWeight) {
        return reward.multiply(weight).divide(totalWeight);
    }
}
