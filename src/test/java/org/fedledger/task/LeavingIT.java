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
 * A participant leaving mid-task: its last round is the one it asked to leave in, it stays
 * liable until the cooldown after that round ends, it no longer counts from the next round on,
 * its stake is locked until then, and the rewards it earned stay claimable.
 */
@LocalServices
class LeavingIT {
    private static final BigInteger LEAVING = BigInteger.valueOf(3);
    private static final BigInteger LEFT = BigInteger.valueOf(4);

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
    void leaverStaysLiableDuringTheCooldownIsNotCountedAfterItsLastRoundAndKeepsItsRewards() throws Exception {
        TaskRules terms = harness.terms().rounds(4).build();
        TestTask task = harness.create(terms);
        List<Participant> ps = task.joinAll(3);
        List<Participant> stayers = ps.subList(0, 2);
        Participant leaver = ps.get(2);
        Participant reporter = ps.get(0);
        task.start();
        Outcome round1 = task.playFinalizedRound(ps);

        task.commit(leaver);
        TransactionReceipt leave = leaver.client().requestLeave();

        assertThat(FederatedTask.getLeaveRequestedEvents(leave)).singleElement()
                .satisfies(e -> assertThat(e.exitRound).isEqualTo(BigInteger.valueOf(3)));
        assertThat(task.info(leaver).status).isEqualTo(LEAVING);
        assertThat(task.contract().isActive(leaver.address(), BigInteger.TWO).send()).isTrue();
        assertThat(task.contract().isActive(leaver.address(), BigInteger.valueOf(3)).send()).isFalse();
        assertThat(task.contract().nextRoundActiveCount().send()).isEqualTo(BigInteger.TWO);
        assertThat(task.contract().unlockTime(leaver.address()).send()).as("unknown while round 2 runs").isZero();
        assertReverts("MembershipStakeLocked", () -> leaver.client().withdrawStake());

        // Round 2: the leaver committed but never reveals; the others finish the round.
        task.commitAll(stayers);
        assertThat(task.phase()).as("round 2 still counts the leaver").isEqualTo(TaskPhase.REVEAL);
        task.revealAll(stayers);
        task.expireAndAdvance();
        Outcome round2 = task.honestOutcome(stayers);
        task.vote(stayers.get(0), round2);
        task.vote(stayers.get(1), round2);
        assertThat(task.round()).isEqualTo(3);
        long unlock = task.record(2).endedAt.longValueExact() + terms.leaveCooldown().toSeconds();
        assertThat(task.contract().unlockTime(leaver.address()).send()).isEqualTo(BigInteger.valueOf(unlock));
        assertThat(harness.now()).isLessThan(unlock);
        assertReverts("MembershipStakeLocked", () -> leaver.client().withdrawStake());

        // The pending NoReveal slash of its last round still lands during the cooldown.
        BigInteger stake = task.stakeOf(leaver);
        TransactionReceipt slash = reporter.client().slashNoReveal(leaver.address());
        BigInteger amount = stake.multiply(BigInteger.valueOf(terms.noRevealSlashBps())).divide(BigInteger.valueOf(10_000));
        assertThat(FederatedTask.getSlashedEvents(slash)).singleElement().satisfies(e -> {
            assertThat(e.round).isEqualTo(BigInteger.TWO);
            assertThat(e.amount).isEqualTo(amount);
        });
        assertThat(task.stakeOf(leaver)).isEqualTo(stake.subtract(amount));

        // Round 3 runs with the two others only: commit and reveal end early without the leaver.
        assertThat(task.roundState().activeCount).isEqualTo(BigInteger.TWO);
        assertReverts("RoundsNotActive", () -> task.commit(leaver));
        task.commitAll(stayers);
        assertThat(task.phase()).isEqualTo(TaskPhase.REVEAL);
        task.revealAll(stayers);
        assertThat(task.phase()).isEqualTo(TaskPhase.VOTE);

        harness.jumpTo(unlock - 5);
        assertReverts("MembershipStakeLocked", () -> leaver.client().withdrawStake());
        harness.jumpTo(unlock);
        BigInteger wallet = harness.balanceOf(leaver.address());
        BigInteger remaining = task.stakeOf(leaver);
        TransactionReceipt withdrawn = leaver.client().withdrawStake();
        assertThat(FederatedTask.getStakeWithdrawnEvents(withdrawn)).singleElement()
                .satisfies(e -> assertThat(e.amount).isEqualTo(remaining));
        assertThat(harness.balanceOf(leaver.address())).isEqualTo(wallet.add(remaining));
        assertThat(task.stakeOf(leaver)).isZero();
        assertThat(task.info(leaver).status).isEqualTo(LEFT);
        assertReverts("MembershipWrongStatus", () -> leaver.client().withdrawStake());

        leaver.client().claim(List.of(round1.claimOf(leaver)));
        assertThat(task.rewardsOf(leaver.address())).isEqualTo(task.creator().claimable(1, round1.weightOf(leaver)))
                .isPositive();
        leaver.client().withdrawRewards();
        task.assertConserved();
    }

    @Test
    void participantThatLeavesBeforeItsFirstRoundUnlocksAtOnce() throws Exception {
        TestTask task = harness.create(harness.terms().build());
        task.joinAll(2);
        task.start();
        Participant late = task.join(3); // active from round 2
        BigInteger wallet = harness.balanceOf(late.address());

        late.client().requestLeave();

        assertThat(task.contract().isActive(late.address(), BigInteger.TWO).send()).isFalse();
        assertThat(task.contract().unlockTime(late.address()).send()).isEqualTo(BigInteger.valueOf(harness.now()));
        late.client().withdrawStake();
        assertThat(harness.balanceOf(late.address())).isEqualTo(wallet.add(task.defaultStake()));
        assertThat(task.contract().nextRoundActiveCount().send()).isEqualTo(BigInteger.TWO);
        task.assertConserved();
    }
}
