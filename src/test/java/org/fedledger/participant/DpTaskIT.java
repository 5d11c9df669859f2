package org.fedledger.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fedledger.adversary.Deviation;
import org.fedledger.adversary.Attack;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskPhase;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.modelstore.ModelStoreException;
import org.fedledger.outcome.Contribution;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.privacy.StepBound;
import org.fedledger.storage.Cid;
import org.fedledger.storage.IpfsRpcClient;
import org.fedledger.task.TaskPolicy;
import org.fedledger.testing.LocalServices;
import org.fedledger.testing.TestDevnet;
import org.fedledger.testing.TestIpfs;
import org.fedledger.weights.WeightFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task with a differential-privacy policy on the devnet and IPFS node: 3 rounds, a budget that
 * covers 2 updates per participant, 3 honest participants and one that publishes its updates
 * without clipping (a test conduct adds 1.5 to every weight of the privatized update). Every
 * participant checks every update against the step bound: the honest noisy updates pass and
 * are scored by their samples alone, the unclipped ones are rejected and slashed. After their
 * second update the participants leave the task and say why: nobody commits in round 3.
 */
@LocalServices
class DpTaskIT {
    private static final int HONEST = 3;
    private static final int UNCLIPPED = 4;
    /** The budget covers exactly 2 updates: z = 0.7... makes epsilon 10 at delta 1e-5 after 2, not after 3. */
    private static final DpPolicy POLICY = TaskPolicy.canonical(DpPolicy.forBudget(1, 10, 1e-5, 2));

    /** Publishes the (privatized) update moved by 1.5 in every weight: a step far over the bound. */
    private static final Conduct UNCLIPPED_UPDATES = new Deviation() {
        @Override
        public Cid publish(ModelStore models, WeightFile update) throws ModelStoreException {
            float[] moved = update.values().clone();
            for (int j = 0; j < moved.length; j++) {
                moved[j] += 1.5f;
            }
            return models.putWeights(new WeightFile(update.specDigest(), moved));
        }
    };

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void noisyUpdatesPassTheBoundAnUnclippedOneIsSlashedAndEveryoneStopsAtTheBudget(TestDevnet devnet, TestIpfs ipfs,
                                                                                   @TempDir Path dir) throws Exception {
        assertThat(POLICY.roundsWithinBudget()).isEqualTo(2);
        try (TaskFixture fixture = TaskFixture.create(devnet, ipfs, UNCLIPPED, 3, "fedavg", POLICY)) {
            Map<String, String> stopped = new ConcurrentHashMap<>();
            List<Participant> participants = new ArrayList<>();
            for (int i = 1; i <= UNCLIPPED; i++) {
                String account = TaskFixture.address(i);
                ParticipantListener listener = new ParticipantListener() {
                    @Override
                    public void privacyBudgetSpent(long round, String spent) {
                        stopped.put(account, "round " + round + ": " + spent);
                    }
                };
                participants.add(i == UNCLIPPED
                        ? fixture.participant(i, dir, new Attack.Behaviour(fixture.honest(i).trainer(), UNCLIPPED_UPDATES),
                                ParticipantSettings.defaults(UNCLIPPED).withReport(false), listener)
                        : fixture.participant(i, dir, UNCLIPPED, listener));
            }
            ExecutorService pool = Executors.newFixedThreadPool(UNCLIPPED);
            try {
                List<Future<Participant.Summary>> running = new ArrayList<>();
                for (Participant p : participants) {
                    running.add(pool.submit(p::run));
                }
                for (Future<Participant.Summary> f : running) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            TaskEvents events = fixture.events();
            TaskClient observer = fixture.observer();
            String unclipped = TaskFixture.address(UNCLIPPED);
            // rounds 1 and 2 finalized; everyone left after its second update, so round 3 has no committer
            assertThat(events.finalized()).extracting(TaskEvents.Finalized::round).containsExactly(1L, 2L);
            assertThat(observer.position().round()).isEqualTo(3);
            assertThat(observer.position().phase()).isEqualTo(TaskPhase.COMMIT);
            assertThat(events.committers(3)).isEmpty();
            for (int i = 1; i <= UNCLIPPED; i++) {
                String account = TaskFixture.address(i);
                assertThat(events.revealed().stream().filter(r -> r.participant().equals(account))).hasSize(2);
                ParticipantInfo member = observer.participantInfo(account);
                assertThat(member.exitRound()).as(account).isEqualTo(3);
                assertThat(stopped.get(account)).as(account).startsWith("round 3: 2 updates published, epsilon ")
                        .endsWith(" of 10 at delta 0.00001");
            }

            // every honest update is a noisy one within the bound, accepted and scored by its samples alone
            ModelStore models = new ModelStore(new IpfsRpcClient(ipfs.apiUrl()));
            ModelSpec spec = models.getSpec(observer.metadata().modelSpec());
            List<TaskFixture.RoundOutcome> outcomes = fixture.outcomes(); // recomputed, same roots as finalized
            Cid global = observer.metadata().initialModel();
            for (TaskFixture.RoundOutcome outcome : outcomes) {
                float[] globalWeights = models.getWeights(global, spec).values();
                for (TaskEvents.Revealed r : events.revealed(outcome.round())) {
                    float[] update = models.getWeights(r.cid(), spec).values();
                    Contribution c = outcome.contributionOf(r.participant());
                    if (r.participant().equals(unclipped)) {
                        assertThat(StepBound.violation(POLICY, globalWeights, update)).isPresent();
                        assertThat(c).isEqualTo(new Contribution(unclipped, false, 0));
                    } else {
                        assertThat(StepBound.violation(POLICY, globalWeights, update)).isEmpty();
                        assertThat(c.accepted()).isTrue();
                        assertThat(c.weight()).isEqualTo(BigInteger.valueOf(r.numSamples() * 10_000));
                    }
                }
                global = events.finalized(outcome.round()).aggregate();
            }

            // the unclipped updates are slashed, in both rounds, by honest reporters; nobody else is
            List<TaskEvents.Slash> slashes = events.slashes();
            assertThat(slashes).extracting(TaskEvents.Slash::offender, TaskEvents.Slash::kind, TaskEvents.Slash::round)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(unclipped, SlashKind.REJECTED_UPDATE, 1L),
                            org.assertj.core.groups.Tuple.tuple(unclipped, SlashKind.REJECTED_UPDATE, 2L));
            assertThat(slashes).allSatisfy(s -> assertThat(s.reporter()).isNotEqualTo(unclipped));
            for (int i = 1; i <= HONEST; i++) {
                assertThat(observer.rewardsOf(TaskFixture.address(i))).isPositive()
                        .isEqualTo(fixture.expectedRewards(TaskFixture.address(i)).add(bounties(slashes, i)));
            }
        }
    }

    private static BigInteger bounties(List<TaskEvents.Slash> slashes, int participant) {
        return slashes.stream().filter(s -> s.reporter().equals(TaskFixture.address(participant)))
                .map(TaskEvents.Slash::bounty).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
