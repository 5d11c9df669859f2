package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fedledger.chain.ContractRevertException;
import org.fedledger.chain.RewardClaim;
import org.fedledger.chain.TaskPhase;
import org.fedledger.outcome.Contribution;
import org.fedledger.outcome.WeightsTree;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory task refuses what the contract refuses, by the same error, and its clock waits for every participant. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InMemoryTaskTest {
    @TempDir
    Path dir;

    private static String errorOf(Throwable t) {
        return ((ContractRevertException) t).errorName().orElseThrow();
    }

    @Test
    void anAdvanceBeforeTheDeadlineIsRefusedWithRoundsPhaseNotOver() throws Exception {
        Federation f = new Federation(dir, 1);
        ScriptedMember alice = f.scripted("alice").join();

        assertThatThrownBy(alice::advance).satisfies(e -> assertThat(errorOf(e)).isEqualTo("RoundsPhaseNotOver"));
        alice.advanceAfterDeadline();
        assertThat(f.task.position().phase()).isEqualTo(TaskPhase.COMMIT);
    }

    @Test
    void aSecondCommitIsRefusedWithRoundsAlreadyCommittedAndABadOpeningWithRoundsCommitmentMismatch()
            throws Exception {
        Federation f = new Federation(dir, 1);
        ScriptedMember alice = f.scripted("alice").join();
        ScriptedMember bob = f.scripted("bob").join();
        alice.advanceAfterDeadline();
        Cid update = alice.commitOffset(0.1f);

        assertThatThrownBy(() -> alice.commitOffset(0.2f))
                .satisfies(e -> assertThat(errorOf(e)).isEqualTo("RoundsAlreadyCommitted"));
        bob.commitOffset(0.3f);
        assertThatThrownBy(() -> alice.port.reveal(update, ScriptedMember.SAMPLES, new byte[32]))
                .satisfies(e -> assertThat(errorOf(e)).isEqualTo("RoundsCommitmentMismatch"));
        alice.reveal();
        assertThat(f.task.revealed(1)).singleElement().satisfies(r -> assertThat(r.cid()).isEqualTo(update));
    }

    @Test
    void aClaimCreditsItsShareOnceAndAProofOfAnotherWeightIsRefused() throws Exception {
        Federation f = new Federation(dir, 1);
        ScriptedMember alice = f.scripted("alice").join();
        ScriptedMember bob = f.scripted("bob").join();
        alice.advanceAfterDeadline();
        alice.commitOffset(0.1f);
        bob.commitOffset(0.2f);
        alice.reveal();
        bob.reveal();
        WeightsTree tree = new WeightsTree(List.of(new Contribution(alice.account, true, 1),
                new Contribution(bob.account, true, 3)));
        Cid aggregate = CidCalculator.of(new byte[] {1});
        alice.port.vote(aggregate, tree.root(), tree.totalWeight());
        bob.port.vote(aggregate, tree.root(), tree.totalWeight());

        alice.port.claim(List.of(new RewardClaim(1, BigInteger.ONE, tree.proof(alice.account))));
        assertThat(f.task.rewardsOf(alice.account)).isEqualTo(Federation.REWARD_POOL.divide(BigInteger.valueOf(4)));
        assertThatThrownBy(() -> alice.port.claim(List.of(new RewardClaim(1, BigInteger.ONE,
                tree.proof(alice.account))))).satisfies(e -> assertThat(errorOf(e)).isEqualTo("RewardsAlreadyClaimed"));
        assertThatThrownBy(() -> bob.port.claim(List.of(new RewardClaim(1, BigInteger.TWO, tree.proof(bob.account)))))
                .satisfies(e -> assertThat(errorOf(e)).isEqualTo("RewardsInvalidProof"));
    }

    @Test
    void timePassesOnlyOnceEveryAttachedParticipantWaits() throws Exception {
        Federation f = new Federation(dir, 1);
        long deadline = f.task.position().deadline();
        f.task.attach();
        f.task.attach();
        Thread first = new Thread(() -> {
            try {
                f.task.awaitChange(b -> false, deadline, Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        Thread.sleep(50);
        assertThat(f.task.now()).as("one of two waits").isEqualTo(InMemoryTask.START);

        long started = System.nanoTime();
        f.task.awaitChange(b -> false, deadline, Duration.ofSeconds(10));
        first.join(5_000);

        assertThat(f.task.now()).isEqualTo(deadline);
        assertThat(first.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
}
