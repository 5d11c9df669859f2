package org.fedledger.bench;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.SlashKind;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.DataSets;
import org.fedledger.data.Dataset;
import org.fedledger.data.Split;
import org.fedledger.federation.Contracts;
import org.fedledger.federation.LocalFederation;
import org.fedledger.federation.ParticipantSpec;
import org.fedledger.federation.StateFiles;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.LocalTrainer;
import org.fedledger.participant.ParticipantSettings;
import org.fedledger.privacy.DpPolicy;
import org.fedledger.report.ModelAccuracy;
import org.fedledger.storage.Cid;
import org.fedledger.task.TaskPolicy;

/**
 * {@code fl bench privacy}: the global model's accuracy against the epsilon budget of a
 * client-level differential-privacy policy, each cell a real FedAvg task on the devnet and IPFS
 * node with every participant running the whole protocol on its own thread. Every cell has the
 * same model (the MLP), data split, rounds and training seeds; only the policy differs, so the
 * drop against the cell without a policy is what the clipping and noise cost. The noise itself
 * comes from SecureRandom and differs between runs.
 *
 * <p>Per cell: the epsilon asked for, the noise multiplier that lets the task's rounds fit in it
 * ({@code DpPolicy.forBudget}), the epsilon each participant actually spent by its revealed
 * updates, the final test accuracy and its drop, and the updates rejected (an honest noisy
 * update must never be).
 */
public final class PrivacyBenchmark {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final BigInteger REWARD_PER_ROUND = TOKEN.multiply(BigInteger.valueOf(1_000));
    /** Long phases: only early ends move a round, as every participant acts. */
    private static final Duration PHASE = Duration.ofMinutes(10);

    /** What to run; an epsilon of 0 in the results stands for no policy. */
    public record Settings(List<Double> epsilons, List<Long> seeds, int participants, int rounds, int epochs,
                           String split, double clipNorm, double delta) {
        public Settings {
            epsilons = List.copyOf(epsilons);
            seeds = List.copyOf(seeds);
            for (double e : epsilons) {
                if (!(e > 0) || Double.isInfinite(e)) {
                    throw new IllegalArgumentException("epsilons must be positive and finite: " + e);
                }
            }
            if (participants < 2 || participants > DevAccounts.FUNDED - 1) {
                throw new IllegalArgumentException("participants must be in 2.." + (DevAccounts.FUNDED - 1));
            }
            if (rounds < 1 || epochs < 1 || seeds.isEmpty() || epsilons.isEmpty()) {
                throw new IllegalArgumentException("need rounds, epochs, a seed and an epsilon");
            }
            new DpPolicy(clipNorm, 1, delta, 1); // validates clip norm and delta
        }

        /** Epsilon 10 to 10,000 and no policy; 10 participants x 5 rounds on IID parts; clip 1, delta 1e-5. */
        public static Settings full() {
            return new Settings(List.of(10.0, 100.0, 1_000.0, 10_000.0), List.of(1L), 10, 5, 1, "iid", 1, 1e-5);
        }

        /** For CI: epsilon 10 and 1,000 and no policy; 4 participants x 2 rounds. */
        public static Settings quick() {
            return new Settings(List.of(10.0, 1_000.0), List.of(1L), 4, 2, 1, "iid", 1, 1e-5);
        }
    }

    /**
     * One task. {@code epsilonTarget} is 0 (and {@code noiseMultiplier}, {@code epsilonSpent} 0)
     * without a policy; {@code epsilonSpent} is the most any participant spent; the drop is in
     * accuracy points (percent) against the cell without a policy of the same seed.
     */
    public record Cell(double epsilonTarget, long seed, double noiseMultiplier, double epsilonSpent,
                       int updatesPerParticipant, double finalAccuracy, double accuracyDrop, int finalizedRounds,
                       int rejectedUpdates, double seconds) {
        boolean hasPolicy() {
            return epsilonTarget > 0;
        }
    }

    /** Everything measured. */
    public record Report(Settings settings, List<Cell> cells, double seconds) {
        public String toTable() {
            StringBuilder t = new StringBuilder();
            t.append(String.format(Locale.ROOT, "Privacy: %d participants x %d rounds, FedAvg, MLP on the MNIST subset "
                            + "split %s, %d epoch%s per round, clip norm %s, delta %s, seeds %s%n%n",
                    settings.participants(), settings.rounds(), settings.split(), settings.epochs(),
                    settings.epochs() == 1 ? "" : "s", num(settings.clipNorm()), num(settings.delta()), settings.seeds()));
            t.append("| epsilon (budget) | noise multiplier z | epsilon spent | updates each | final accuracy "
                    + "| drop vs no DP | rejected updates |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for (List<Cell> group : grouped(cells).values()) {
                Cell first = group.get(0);
                t.append(first.hasPolicy()
                        ? String.format(Locale.ROOT, "| %s | %.4g | %s | %d | %.4f | %+.2f | %d |%n",
                                num(first.epsilonTarget()), first.noiseMultiplier(),
                                epsilon(max(group, Cell::epsilonSpent)),
                                first.updatesPerParticipant(), mean(group, Cell::finalAccuracy),
                                mean(group, Cell::accuracyDrop), group.stream().mapToInt(Cell::rejectedUpdates).sum())
                        : String.format(Locale.ROOT, "| no DP | - | - | %d | %.4f | - | %d |%n",
                                first.updatesPerParticipant(), mean(group, Cell::finalAccuracy),
                                group.stream().mapToInt(Cell::rejectedUpdates).sum()));
            }
            t.append(String.format(Locale.ROOT, "%nDrop in accuracy points; means over seeds. Total time %.0f s%n",
                    seconds));
            return t.toString();
        }

        public String toJson() {
            return BenchJson.of(this);
        }

        private static Map<Double, List<Cell>> grouped(List<Cell> cells) {
            Map<Double, List<Cell>> groups = new LinkedHashMap<>();
            for (Cell c : cells) {
                groups.computeIfAbsent(c.epsilonTarget(), k -> new ArrayList<>()).add(c);
            }
            return groups;
        }

        private static double mean(List<Cell> cells, ToDoubleFunction<Cell> f) {
            return cells.stream().mapToDouble(f).average().orElse(Double.NaN);
        }

        private static double max(List<Cell> cells, ToDoubleFunction<Cell> f) {
            return cells.stream().mapToDouble(f).max().orElse(Double.NaN);
        }

        /** An epsilon to 4 significant digits, without an exponent: {@code 9.998}, {@code 10000}. */
        static String epsilon(double value) {
            return value >= 1_000 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.4g", value);
        }

        private static String num(double value) {
            return TaskPolicy.format(value);
        }
    }

    private final Chain chain;
    private final ModelStore models;
    private final PrintWriter progress;

    public PrivacyBenchmark(Chain chain, ModelStore models, PrintWriter progress) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.models = Objects.requireNonNull(models, "models == null");
        this.progress = Objects.requireNonNull(progress, "progress == null");
    }

    /** What every cell shares. */
    private record Setup(Contracts contracts, ModelSpec spec, List<Dataset> parts,
                         Dataset test, Settings settings, ExecutorService pool, Path stateDir) {}

    public Report run(Settings settings) throws Exception {
        long started = System.nanoTime();
        Split data = DataSets.load("mnist");
        ModelSpec spec = ModelSpecs.get("mlp");
        BenchDeployment deployment = BenchDeployment.deploy(chain, "privacy", progress);
        ExecutorService pool = Executors.newFixedThreadPool(settings.participants());
        List<Cell> cells = new ArrayList<>();
        try {
            for (long seed : settings.seeds()) {
                List<Dataset> parts = BenchDeployment.parts(data.train(), settings.split(), seed,
                        settings.participants());
                Setup setup = new Setup(deployment.contracts(), spec, parts, data.test(), settings, pool,
                        deployment.stateDir());
                Cell baseline = cell(setup, Optional.empty(), seed, Double.NaN);
                cells.add(baseline);
                for (double epsilon : settings.epsilons()) {
                    DpPolicy policy = DpPolicy.forBudget(settings.clipNorm(), epsilon, settings.delta(),
                            settings.rounds());
                    cells.add(cell(setup, Optional.of(policy), seed, baseline.finalAccuracy()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Cell> sorted = new ArrayList<>(cells);
        sorted.sort(java.util.Comparator.comparingDouble(Cell::epsilonTarget).thenComparingLong(Cell::seed));
        return new Report(settings, sorted, (System.nanoTime() - started) / 1e9);
    }

    /** Runs one task under {@code policy} (none: plain FedAvg) and measures it. */
    private Cell cell(Setup setup, Optional<DpPolicy> policy, long seed, double baselineAccuracy) throws Exception {
        long started = System.nanoTime();
        Settings settings = setup.settings();
        int n = settings.participants();
        BigInteger reward = REWARD_PER_ROUND.multiply(BigInteger.valueOf(settings.rounds()));
        TaskRules terms = TaskRules.builder(setup.contracts().token(), settings.rounds()).registration(Duration.ZERO)
                .phases(PHASE, PHASE, PHASE).build();
        TaskPolicy taskPolicy = new TaskPolicy("fedavg", policy, false);
        LocalFederation.Result run = LocalFederation.on(chain, models).contracts(setup.contracts())
                .task(terms, setup.spec(), taskPolicy, reward).participants(n).mintStakes().pool(setup.pool())
                .run(StateFiles.sharedDir(setup.stateDir()), seat -> new ParticipantSpec(
                        setup.parts().get(seat.index() - 1), new LocalTrainer(settings.epochs(), 32, seed * 1_000
                        + seat.index()), ParticipantSettings.defaults(n), seat.log("p" + seat.index())));
        TaskEvents events = new TaskEvents(chain, run.task(), null);
        List<TaskEvents.Finalized> finalized = events.finalized();
        Cid last = run.latestModel();
        double accuracy = new ModelAccuracy(models, setup.spec(), setup.test()).accuracyOf(last).orElse(0);
        Map<String, Integer> updates = new HashMap<>();
        events.revealed().forEach(r -> updates.merge(r.participant(), 1, Integer::sum));
        int most = updates.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int rejected = (int) events.slashes().stream().filter(s -> s.kind() == SlashKind.REJECTED_UPDATE).count();
        double drop = Double.isNaN(baselineAccuracy) ? 0 : 100 * (baselineAccuracy - accuracy);
        Cell cell = new Cell(policy.map(DpPolicy::epsilonBudget).orElse(0.0), seed,
                taskPolicy.privacy().map(DpPolicy::noiseMultiplier).orElse(0.0),
                taskPolicy.privacy().map(p -> p.spentAfter(most).epsilon()).orElse(0.0), most, accuracy, drop,
                finalized.size(), rejected, (System.nanoTime() - started) / 1e9);
        progress.printf(Locale.ROOT, "  %-11s seed %d: %saccuracy %.4f (drop %+.2f), %d rejected, %.0f s%n",
                cell.hasPolicy() ? "epsilon " + Report.num(cell.epsilonTarget()) : "no DP", seed, cell.hasPolicy()
                        ? String.format(Locale.ROOT, "z %.4g, epsilon spent %s, ", cell.noiseMultiplier(),
                                Report.epsilon(cell.epsilonSpent())) : "", accuracy, drop, rejected, cell.seconds());
        progress.flush();
        return cell;
    }
}
