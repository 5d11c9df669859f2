package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fedledger.chain.RoundRecord;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.model.LocalTraining;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.Weights;
import org.fedledger.storage.Cid;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four honest participants train an MLP on IID quarters of the MNIST subset for three rounds,
 * coordinated by nothing but the task contract on the devnet and the IPFS node: each runs its
 * own round state machine on its own thread and connection.
 */
@LocalServices
class FederatedTrainingIT {
    private static final int PARTICIPANTS = 4;
    private static final int ROUNDS = 3;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void fourParticipantsTrainThreeRoundsAndAreRewardedByTheirWeights(TestDevnet devnet, TestIpfs ipfs,
                                                                       @TempDir Path dir) throws Exception {
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, PARTICIPANTS, ROUNDS, "fedavg")) {
            List<Participant> participants = new ArrayList<>();
            for (int i = 1; i <= PARTICIPANTS; i++) {
                participants.add(fixture.participant(i, dir, PARTICIPANTS,
                        new ParticipantLog(new java.io.PrintWriter(System.out, true), "p" + i)));
            }
            List<Participant.Summary> summaries = runAll(participants);

            TaskClient observer = fixture.observer();
            TaskEvents events = fixture.events();
            assertThat(observer.position().phase()).isEqualTo(TaskPhase.COMPLETED);

            // every round finalized, and every vote cast went to the outcome that finalized
            List<TaskEvents.Finalized> finalized = events.finalized();
            assertThat(finalized).extracting(TaskEvents.Finalized::round).containsExactly(1L, 2L, 3L);
            for (long round = 1; round <= ROUNDS; round++) {
                RoundRecord result = observer.roundRecord(round);
                assertThat(result.status()).isEqualTo(RoundRecord.Status.FINALIZED);
                List<TaskEvents.Vote> votes = events.votes(round);
                assertThat(votes).hasSizeGreaterThanOrEqualTo(3);
                assertThat(votes).allSatisfy(v -> assertThat(v.ordinal()).isEqualTo(result.winningOrdinal()));
                assertThat(events.revealed(round)).hasSize(PARTICIPANTS);
            }

            // the global model learned: each round's aggregate beats the initial model on the test set
            ModelSpec spec = fixture.models.getSpec(observer.metadata().modelSpec());
            double initial = accuracy(fixture, spec, observer.metadata().initialModel());
            List<Double> curve = new ArrayList<>();
            for (TaskEvents.Finalized f : finalized) {
                curve.add(accuracy(fixture, spec, f.aggregate()));
            }
            assertThat(initial).isLessThan(0.3);
            assertThat(curve).allSatisfy(a -> assertThat(a).isGreaterThan(initial + 0.4));
            assertThat(curve.get(ROUNDS - 1)).isGreaterThan(0.85).isGreaterThanOrEqualTo(curve.get(0));

            // rewards: each participant claimed every round, paid reward x its weight / total weight
            Map<String, Long> samples = new HashMap<>();
            events.revealed(1).forEach(r -> samples.put(r.participant(), r.numSamples()));
            for (Participant.Summary s : summaries) {
                BigInteger expected = fixture.expectedRewards(s.account());
                for (TaskEvents.Finalized f : finalized) {
                    assertThat(observer.isClaimed(s.account(), f.round())).isTrue();
                }
                assertThat(observer.rewardsOf(s.account())).as("rewards of " + s.account()).isEqualTo(expected);
                assertThat(s.rewards()).isEqualTo(expected);
                assertThat(s.roundsAccepted()).isEqualTo(ROUNDS);
                assertThat(s.stake()).isEqualTo(observer.participantInfo(s.account()).stake());
                assertThat(expected).isPositive();
            }
            // every update accepted and weighed by its samples x its agreement (at most 10,000 bps);
            // outcomes() checks that the weights add up to each round's total weight
            for (TaskFixture.RoundOutcome o : fixture.outcomes()) {
                assertThat(o.tree().leaves()).hasSize(PARTICIPANTS).allSatisfy(c -> {
                    assertThat(c.accepted()).isTrue();
                    assertThat(c.weight()).isPositive()
                            .isLessThanOrEqualTo(BigInteger.valueOf(samples.get(c.participant()) * 10_000));
                });
            }
            assertThat(events.slashes()).isEmpty();
        }
    }

    static List<Participant.Summary> runAll(List<Participant> participants) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(participants.size());
        try {
            List<Future<Participant.Summary>> running = new ArrayList<>();
            for (Participant p : participants) {
                running.add(pool.submit(p::run));
            }
            List<Participant.Summary> out = new ArrayList<>();
            for (Future<Participant.Summary> f : running) {
                out.add(f.get(8, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static double accuracy(TaskFixture fixture, ModelSpec spec, Cid weights) throws Exception {
        var network = spec.newNetwork();
        Weights.load(network, fixture.models.getWeights(weights, spec).values());
        return LocalTraining.accuracy(network, fixture.data.test());
    }
}
