package org.fedledger.bench;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.fedledger.adversary.Attack;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.data.DataSets;
import org.fedledger.data.Dataset;
import org.fedledger.data.Split;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;

/**
 * {@code fl bench robustness}: aggregation rule x attack x attacker fraction x seed, each cell a
 * real task on the devnet and IPFS node (see {@link RobustnessScenario}), with the MLP on the
 * MNIST subset split non-IID (Dirichlet 0.5). Per cell: final test accuracy, its drop against the
 * same rule and seed without attackers, the share of attacker-rounds slashed or unpaid, slashes
 * of honest participants, and the attackers' share of the rewards paid.
 *
 * <p>Rules are named without parameters and sized to N: {@code trimmed-mean} trims 30% per side,
 * {@code multi-krum} assumes the most Byzantine participants it can ({@code f = (N - 3) / 2},
 * {@code m = N - f}). Attacks that do not poison the model (no-show, no-reveal, forged vote,
 * malformed and oversize files) act on the protocol, not the rule, and run with the last rule
 * only unless {@link Settings#protocolAttacksWithEveryRule()}.
 */
public final class RobustnessBenchmark {
    /** What to run. Fractions are percent of the participants, rounded to whole participants. */
    public record Settings(List<String> rules, List<Attack> attacks, List<Integer> fractions, List<Long> seeds,
                           int participants, int rounds, int epochs, String split,
                           boolean protocolAttacksWithEveryRule) {
        public Settings {
            rules = List.copyOf(rules);
            attacks = List.copyOf(attacks);
            fractions = List.copyOf(fractions);
            seeds = List.copyOf(seeds);
            for (String rule : rules) {
                ruleSpec(rule, participants);
            }
            for (int f : fractions) {
                if (f <= 0 || f >= 50) {
                    throw new IllegalArgumentException("attacker fractions must be in 1..49 percent: " + f);
                }
            }
            if (participants < 4 || participants > DevAccounts.FUNDED - 1) {
                throw new IllegalArgumentException("participants must be in 4.." + (DevAccounts.FUNDED - 1));
            }
            if (rounds < 1 || epochs < 1 || seeds.isEmpty() || rules.isEmpty()) {
                throw new IllegalArgumentException("need rounds, epochs, a seed and a rule");
            }
        }

        /** The full matrix: 5 rules, every attack, 10-40% attackers, 2 seeds, 10 participants x 5 rounds. */
        public static Settings full() {
            return new Settings(List.of("fedavg", "median", "trimmed-mean", "multi-krum", "multi-krum-agree"), List.of(Attack.values()),
                    List.of(10, 20, 30, 40), List.of(1L, 2L), 10, 5, 1, "dirichlet:0.5", false);
        }

        /**
         * For CI: Multi-Krum with the agreement pass against sign flip, noise and free ride, 30%
         * attackers, one seed, 7 participants x 3 rounds.
         */
        public static Settings quick() {
            return new Settings(List.of("multi-krum-agree"), List.of(Attack.SIGN_FLIP, Attack.NOISE, Attack.FREE_RIDE),
                    List.of(30),
                    List.of(1L), 7, 3, 1, "dirichlet:0.5", false);
        }

        int attackersAt(int fraction) {
            return Math.max(1, Math.round(participants * fraction / 100f));
        }
    }

    /** One cell; the drop is in accuracy points (percent) against the same rule and seed without attackers. */
    public record Cell(String rule, String attack, int fraction, int attackers, long seed, double finalAccuracy,
                       double accuracyDrop, int finalizedRounds, int attackerRounds, double punishedShare,
                       int attackerSlashes, int honestSlashes, double attackerRewardShare, BigInteger attackerRewards,
                       BigInteger honestRewards, int skippedPhases, double seconds) {}

    /** Everything measured. */
    public record Report(Settings settings, List<Cell> baselines, List<Cell> cells, double seconds) {
        /** The tables, as {@link RobustnessTables#markdown} writes them. */
        public String toTable() {
            return RobustnessTables.markdown(this);
        }

        /** Cells of the same rule, attack and fraction, in run order. */
        static Map<String, List<Cell>> grouped(List<Cell> cells) {
            Map<String, List<Cell>> groups = new LinkedHashMap<>();
            for (Cell c : cells) {
                groups.computeIfAbsent(c.rule() + "|" + c.attack() + "|" + c.fraction(), k -> new ArrayList<>()).add(c);
            }
            return groups;
        }

        private static double mean(List<Cell> cells, java.util.function.ToDoubleFunction<Cell> f) {
            return cells.stream().mapToDouble(f).average().orElse(Double.NaN);
        }

        public String toJson() {
            return BenchJson.of(this);
        }
    }

    /** The concrete rule spec for a rule name and N participants. */
    static String ruleSpec(String rule, int participants) {
        return switch (rule) {
            case "fedavg", "median" -> rule;
            case "trimmed-mean" -> "trimmed-mean:0.3";
            case "multi-krum", "multi-krum-agree" -> {
                int f = Math.max(1, (participants - 3) / 2);
                yield rule + ":f=" + f + ",m=" + (participants - f);
            }
            default -> throw new IllegalArgumentException("unknown rule '" + rule
                    + "': use fedavg, median, trimmed-mean, multi-krum or multi-krum-agree");
        };
    }

    /** A devnet and IPFS node on which cells run one at a time. */
    public record Lane(Chain chain, URI rpcUrl, ModelStore models) {
        public Lane {
            Objects.requireNonNull(chain, "chain == null");
            Objects.requireNonNull(rpcUrl, "rpcUrl == null");
            Objects.requireNonNull(models, "models == null");
        }
    }

    /** One task to run: a rule against an attack (none for a baseline) at a fraction, with a seed. */
    private record Job(long seed, String rule, Attack attack, int fraction) {
        boolean baseline() {
            return attack == null;
        }
    }

    private final List<Lane> lanes;
    private final PrintWriter progress;

    public RobustnessBenchmark(Chain chain, URI rpcUrl, ModelStore models, PrintWriter progress) {
        this(List.of(new Lane(chain, rpcUrl, models)), progress);
    }

    /**
     * A benchmark that runs cells on every lane at once. A cell spends most of its time waiting
     * for transactions and phase ends, so lanes on one machine finish a matrix several times
     * sooner than one lane; cells never share a lane, so their figures are unaffected.
     */
    public RobustnessBenchmark(List<Lane> lanes, PrintWriter progress) {
        this.lanes = List.copyOf(lanes);
        if (this.lanes.isEmpty()) {
            throw new IllegalArgumentException("need a lane");
        }
        this.progress = Objects.requireNonNull(progress, "progress == null");
    }

    public Report run(Settings settings) throws Exception {
        long started = System.nanoTime();
        Split data = DataSets.load("mnist");
        ModelSpec spec = ModelSpecs.get("mlp");
        List<Job> jobs = jobs(settings);
        BlockingQueue<Job> queue = new LinkedBlockingQueue<>(jobs);
        Map<Job, RobustnessScenario.Outcome> outcomes = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(lanes.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Lane lane : lanes) {
                running.add(workers.submit(() -> {
                    runLane(lane, settings, data, spec, queue, outcomes);
                    return null;
                }));
            }
            for (Future<?> lane : running) {
                try {
                    lane.get();
                } catch (ExecutionException e) {
                    queue.clear(); // the other lanes stop after their current cell
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            workers.shutdownNow();
        }
        List<Cell> baselines = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (Job job : jobs) {
            RobustnessScenario.Outcome o = outcomes.get(job);
            if (job.baseline()) {
                baselines.add(cell(o, 0, Double.NaN));
            } else {
                cells.add(cell(o, job.fraction(), outcomes.get(new Job(job.seed(), job.rule(), null, 0)).finalAccuracy()));
            }
        }
        cells.sort(java.util.Comparator.comparing(Cell::rule).thenComparing(Cell::attack)
                .thenComparingInt(Cell::fraction).thenComparingLong(Cell::seed));
        return new Report(settings, baselines, cells, (System.nanoTime() - started) / 1e9);
    }

    /** Every cell of the matrix, baselines first, so that lanes start on them. */
    private static List<Job> jobs(Settings settings) {
        List<Job> baselines = new ArrayList<>();
        List<Job> cells = new ArrayList<>();
        for (long seed : settings.seeds()) {
            for (int r = 0; r < settings.rules().size(); r++) {
                String rule = ruleSpec(settings.rules().get(r), settings.participants());
                boolean lastRule = r == settings.rules().size() - 1;
                baselines.add(new Job(seed, rule, null, 0));
                for (Attack attack : settings.attacks()) {
                    if (!attack.poisonsModel() && !lastRule && !settings.protocolAttacksWithEveryRule()) {
                        continue;
                    }
                    for (int fraction : settings.fractions()) {
                        cells.add(new Job(seed, rule, attack, fraction));
                    }
                }
            }
        }
        List<Job> all = new ArrayList<>(baselines);
        all.addAll(cells);
        return all;
    }

    /** Runs jobs from the queue on one lane, with its own token, factory, participant threads and state files. */
    private void runLane(Lane lane, Settings settings, Split data, ModelSpec spec, BlockingQueue<Job> queue,
                         Map<Job, RobustnessScenario.Outcome> outcomes) throws Exception {
        BenchDeployment deployment = BenchDeployment.deploy(lane.chain(), "robustness", progress);
        ExecutorService pool = Executors.newFixedThreadPool(settings.participants());
        Map<Long, RobustnessScenario.Setup> setups = new HashMap<>();
        try {
            for (Job job = queue.poll(); job != null; job = queue.poll()) {
                RobustnessScenario.Setup setup = setups.get(job.seed());
                if (setup == null) {
                    List<Dataset> parts = BenchDeployment.parts(data.train(), settings.split(), job.seed(),
                            settings.participants());
                    setup = new RobustnessScenario.Setup(lane.chain(), lane.rpcUrl(), lane.models(),
                            deployment.contracts(), spec, parts, data.test(),
                            settings.rounds(), settings.epochs(), pool, deployment.stateDir());
                    setups.put(job.seed(), setup);
                }
                int attackers = job.baseline() ? 0 : settings.attackersAt(job.fraction());
                RobustnessScenario.Outcome o = RobustnessScenario.run(setup, job.rule(), job.attack(), attackers,
                        job.seed());
                outcomes.put(job, o);
                RobustnessScenario.Outcome baseline = outcomes.get(new Job(job.seed(), job.rule(), null, 0));
                report(cell(o, job.fraction(), job.baseline() || baseline == null ? Double.NaN
                        : baseline.finalAccuracy()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Cell cell(RobustnessScenario.Outcome o, int fraction, double baselineAccuracy) {
        double drop = Double.isNaN(baselineAccuracy) ? 0 : 100 * (baselineAccuracy - o.finalAccuracy());
        return new Cell(o.rule(), o.attack(), fraction, o.attackers(), o.seed(), o.finalAccuracy(), drop,
                o.finalizedRounds(), o.attackerRounds(), o.punishedShare(), o.attackerSlashes(), o.honestSlashes(),
                o.attackerShare(), o.attackerRewards(), o.honestRewards(), o.skippedPhases(), o.seconds());
    }

    private void report(Cell c) {
        synchronized (progress) {
            progress.printf("  %-22s %-10s %2d%% seed %d: accuracy %.4f (drop %+.2f), punished %.0f%%, attacker share %.2f%%,"
                        + " honest slashed %d, %.0f s%n", c.rule(), c.attack(), c.fraction(), c.seed(), c.finalAccuracy(),
                    c.accuracyDrop(), 100 * c.punishedShare(), 100 * c.attackerRewardShare(), c.honestSlashes(),
                    c.seconds());
            progress.flush();
        }
    }
}
