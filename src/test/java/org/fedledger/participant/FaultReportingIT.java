package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.contracts.generated.FederatedTask;
import org.fedledger.outcome.Contribution;
import org.fedledger.storage.Cid;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Honest participants report what they see: in a one-round task, participant 4 reveals a file
 * that is not a weight file and participant 5 commits but never reveals. The three honest
 * participants reject the bad update, finalize without it once the reveal deadline has passed,
 * and report both faults, which the contract slashes with a bounty to the reporter.
 */
@LocalServices
class FaultReportingIT {
    private static final int HONEST = 3;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void honestParticipantsReportARejectedUpdateAndAMissingReveal(TestDevnet devnet, TestIpfs ipfs,
                                                                  @TempDir Path dir) throws Exception {
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, HONEST + 2, 1, "fedavg")) {
            TaskClient malformed = new TaskClient(fixture.chain, DevAccounts.account(4), fixture.task);
            TaskClient silent = new TaskClient(fixture.chain, DevAccounts.account(5), fixture.task);
            BigInteger stake = fixture.terms.minStake();
            malformed.join(stake);
            silent.join(stake);
            List<Participant> honest = new ArrayList<>();
            for (int i = 1; i <= HONEST; i++) {
                honest.add(fixture.participant(i, dir, HONEST + 2, ParticipantListener.NONE));
            }
            ExecutorService pool = Executors.newFixedThreadPool(HONEST);
            try {
                List<Future<Participant.Summary>> running = new ArrayList<>();
                for (Participant p : honest) {
                    running.add(pool.submit(p::run));
                }
                TaskClient observer = fixture.observer();
                awaitPhase(observer, TaskPhase.COMMIT);
                byte[] garbage = new byte[4096];
                new SecureRandom().nextBytes(garbage);
                Cid junk = new IpfsRpcClient(ipfs.apiUrl()).add(garbage);
                byte[] salt = new byte[32];
                malformed.commit(TaskClient.commitment(junk.digest(), 100, salt, malformed.account(), fixture.task, 1));
                silent.commit(TaskClient.commitment(junk.digest(), 100, salt, silent.account(), fixture.task, 1));

                awaitPhase(observer, TaskPhase.REVEAL);
                malformed.reveal(junk, 100, salt);
                // everyone but the silent participant has revealed: only the deadline ends the phase now
                long deadline = observer.position().deadline();
                while (FederatedTask.load(fixture.task, fixture.chain.web3j(),
                        fixture.chain.transactionManager(DevAccounts.account(0)), fixture.chain.gasProvider()).roundState().send().revealedCount.intValue() < HONEST + 1) {
                    Thread.sleep(100);
                }
                devnet.increaseTime(deadline - fixture.chain.latestBlockTime() + 1);

                for (Future<Participant.Summary> f : running) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            TaskEvents events = fixture.events();
            Set<String> honestAccounts = Set.of(DevAccounts.account(1).getAddress().toLowerCase(),
                    DevAccounts.account(2).getAddress().toLowerCase(), DevAccounts.account(3).getAddress().toLowerCase());
            List<TaskEvents.Slash> slashes = events.slashes();
            assertThat(slashes).extracting(TaskEvents.Slash::offender, TaskEvents.Slash::kind)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(malformed.account().toLowerCase(), SlashKind.REJECTED_UPDATE),
                            org.assertj.core.groups.Tuple.tuple(silent.account().toLowerCase(), SlashKind.NO_REVEAL));
            assertThat(slashes).allSatisfy(s -> {
                assertThat(honestAccounts).contains(s.reporter());
                assertThat(s.bounty()).isPositive();
            });
            TaskClient observer = fixture.observer();
            assertThat(observer.stakeOf(malformed.account())).isLessThan(stake);
            assertThat(observer.stakeOf(silent.account())).isLessThan(stake);
            for (String h : honestAccounts) {
                assertThat(observer.stakeOf(h)).isEqualTo(events.joins().stream()
                        .filter(j -> j.participant().equals(h)).findFirst().orElseThrow().amount());
            }
            assertThat(events.finalized()).hasSize(1);
            TaskFixture.RoundOutcome outcome = fixture.outcomes().get(0);
            assertThat(outcome.contributionOf(malformed.account()))
                    .isEqualTo(new Contribution(malformed.account(), false, 0));
            assertThat(honestAccounts).allSatisfy(h -> assertThat(outcome.contributionOf(h).weight()).isPositive());
            assertThat(observer.roundRecord(1).totalWeight()).isEqualTo(outcome.tree().totalWeight());
            BigInteger bounties = slashes.stream().map(TaskEvents.Slash::bounty).reduce(BigInteger.ZERO, BigInteger::add);
            BigInteger honestRewards = BigInteger.ZERO;
            for (String h : honestAccounts) {
                honestRewards = honestRewards.add(observer.rewardsOf(h));
            }
            assertThat(honestRewards).isGreaterThan(bounties);
            assertThat(slashes.stream().map(TaskEvents.Slash::reporter).collect(Collectors.toSet()))
                    .isSubsetOf(honestAccounts);
        }
    }

    private static void awaitPhase(TaskClient observer, TaskPhase phase) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (observer.position().phase() != phase) {
            assertThat(System.nanoTime()).as("waiting for phase " + phase).isLessThan(until);
            Thread.sleep(100);
        }
    }
}
