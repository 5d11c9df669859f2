package org.fedledger.bench;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.fedledger.adversary.Attack;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.ParticipantInfo;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.Dataset;
import org.fedledger.federation.Contracts;
import org.fedledger.federation.LocalFederation;
import org.fedledger.federation.LocalTask;
import org.fedledger.federation.ParticipantSpec;
import org.fedledger.federation.StateFiles;
import org.fedledger.localnet.DeadlineSkipper;
import org.fedledger.model.ModelSpec;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.LocalTrainer;
import org.fedledger.participant.ParticipantException;
import org.fedledger.participant.ParticipantSettings;
import org.fedledger.participant.Trainer;
import org.fedledger.report.ModelAccuracy;
import org.fedledger.storage.Cid;
import org.fedledger.task.TaskPolicy;

/**
 * One cell of the robustness matrix: a fresh task with one rule, N participants of which the
 * last {@code attackers} run one attack, every participant running the full protocol on its own
 * thread against the devnet and IPFS node; then the figures read back from the chain's events
 * and the final model's accuracy on the test split.
 */
final class RobustnessScenario {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final BigInteger REWARD_PER_ROUND = TOKEN.multiply(BigInteger.valueOf(1_000));
    /** Long phases: only early ends move a round, and the skipper cuts waits that only attackers cause. */
    private static final Duration PHASE = Duration.ofMinutes(10);

    /** What a scenario needs that all scenarios share. */
    record Setup(Chain chain, URI rpcUrl, ModelStore models, Contracts contracts, ModelSpec spec, List<Dataset> parts, Dataset test, int rounds, int epochs, ExecutorService pool,
                 Path stateDir) {}

    /**
     * The figures of one run. An attacker-round is a round an attacker was active in (for a
     * forger, one in which its forged vote landed: a vote refused because the honest quorum had
     * already closed the round leaves it a participant that trained honestly); it is punished if
     * the attacker was slashed for that round or claimed nothing for it.
     */
    record Outcome(String rule, String attack, int attackers, long seed, double finalAccuracy, int finalizedRounds,
                   int attackerRounds, int attackerRoundsPunished, int attackerSlashes, int honestSlashes,
                   BigInteger attackerRewards, BigInteger honestRewards, int skippedPhases, double seconds) {
        double attackerShare() {
            BigInteger total = attackerRewards.add(honestRewards);
            return total.signum() == 0 ? 0 : attackerRewards.doubleValue() / total.doubleValue();
        }

        double punishedShare() {
            return attackerRounds == 0 ? 1 : (double) attackerRoundsPunished / attackerRounds;
        }
    }

    private RobustnessScenario() {}

    static Outcome run(Setup setup, String rule, Attack attack, int attackers, long seed) throws Exception {
        long started = System.nanoTime();
        int n = setup.parts().size();
        Chain chain = setup.chain();
        BigInteger pool = REWARD_PER_ROUND.multiply(BigInteger.valueOf(setup.rounds()));
        TaskRules terms = TaskRules.builder(setup.contracts().token(), setup.rounds()).registration(Duration.ZERO)
                .phases(PHASE, PHASE, PHASE).build();
        LocalTask task = LocalFederation.on(chain, setup.models()).contracts(setup.contracts())
                .task(terms, setup.spec(), TaskPolicy.of(rule), pool).participants(n).mintStakes()
                .pool(setup.pool()).publish();
        List<String> honest = new ArrayList<>();
        List<String> attacking = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            (i > n - attackers ? attacking : honest).add(DevAccounts.account(i).getAddress().toLowerCase());
        }
        TaskClient observer = task.observer();
        try (task; DeadlineSkipper skipper = new DeadlineSkipper(chain, setup.rpcUrl(), observer,
                (p, phase) -> honest.contains(p) || attack.takesStep(phase))) {
            LocalFederation.Result run = task.run(StateFiles.sharedDir(setup.stateDir()), seat -> {
                int i = seat.index();
                Trainer trainer = new LocalTrainer(setup.epochs(), 32, seed * 1_000 + i);
                ParticipantSpec spec = new ParticipantSpec(setup.parts().get(i - 1), trainer,
                        ParticipantSettings.defaults(n), seat.log("p" + i));
                if (honest.contains(seat.address())) {
                    return spec;
                }
                Attack.Behaviour b = attack.behaviour(trainer, new Attack.Context(seat.address(), seat.events(),
                        setup.models(), seed * 1_000 + i, seed));
                // an attacker that gives up (say, its stake slashed away) ends its own run only
                return new ParticipantSpec(spec.data(), b.trainer(), b.conduct(), spec.settings().withReport(false),
                        seat.log("p" + i + " " + attack.id()), ParticipantException.class);
            });
            return measure(setup, observer, new TaskEvents(chain, run.task(), null), run.latestModel(), rule, attack,
                    attacking, seed, skipper.skips(), started);
        }
    }

    private static Outcome measure(Setup setup, TaskClient observer, TaskEvents events, Cid last, String rule,
                                   Attack attack, List<String> attacking, long seed, int skips, long started)
            throws Exception {
        List<TaskEvents.Finalized> finalized = events.finalized();
        double accuracy = new ModelAccuracy(setup.models(), setup.spec(), setup.test()).accuracyOf(last).orElse(0);
        Map<String, BigInteger> claimedPerRound = new HashMap<>();
        BigInteger attackerRewards = BigInteger.ZERO;
        BigInteger honestRewards = BigInteger.ZERO;
        for (TaskEvents.Claim c : events.claims()) {
            claimedPerRound.merge(c.participant() + ":" + c.round(), c.amount(), BigInteger::add);
            if (attacking.contains(c.participant())) {
                attackerRewards = attackerRewards.add(c.amount());
            } else {
                honestRewards = honestRewards.add(c.amount());
            }
        }
        List<TaskEvents.Slash> slashes = events.slashes();
        int attackerSlashes = 0;
        int honestSlashes = 0;
        for (TaskEvents.Slash s : slashes) {
            if (attacking.contains(s.offender())) {
                attackerSlashes++;
            } else {
                honestSlashes++;
            }
        }
        int attackerRounds = 0;
        int punished = 0;
        for (String a : attacking) {
            ParticipantInfo m = observer.participantInfo(a);
            for (long r = Math.max(1, m.joinRound()); r <= setup.rounds(); r++) {
                if (m.exitRound() != 0 && r >= m.exitRound()) {
                    break;
                }
                long round = r;
                if (attack == Attack.FORGE_VOTE
                        && events.votes(round).stream().noneMatch(v -> v.voter().equals(a))) {
                    // its vote came after an honest quorum had closed the round and was refused: it only
                    // trained honestly this round, and is paid for that, so no attack took place
                    continue;
                }
                attackerRounds++;
                boolean slashed = slashes.stream().anyMatch(s -> s.offender().equals(a) && s.round() == round);
                boolean earned = claimedPerRound.getOrDefault(a + ":" + r, BigInteger.ZERO).signum() > 0;
                if (slashed || !earned) {
                    punished++;
                }
            }
        }
        return new Outcome(rule, attack == null ? "none" : attack.id(), attacking.size(), seed, accuracy,
                finalized.size(), attackerRounds, punished, attackerSlashes, honestSlashes, attackerRewards,
                honestRewards, skips, (System.nanoTime() - started) / 1e9);
    }
}
