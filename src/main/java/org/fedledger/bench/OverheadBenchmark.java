package org.fedledger.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fedledger.aggregation.AggregationRule;
import org.fedledger.aggregation.AggregationRules;
import org.fedledger.aggregation.Update;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.DataSets;
import org.fedledger.data.Dataset;
import org.fedledger.data.Partitioners;
import org.fedledger.data.Split;
import org.fedledger.model.LocalTraining;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.LocalTrainer;
import org.fedledger.participant.Work;
import org.fedledger.storage.CidCalculator;
import org.fedledger.weights.WeightFile;
import org.fedledger.weights.WeightFileException;

/**
 * {@code fl bench overhead}: what decentralisation costs. The same task (MLP on the MNIST subset,
 * data split, seeds, initial weights, rounds, local training) runs twice: as plain in-memory
 * FedAvg, the N trainers on a thread pool and their updates averaged by the same FedAvg rule,
 * with no chain and no IPFS; and as a FedLedger task on the devnet and IPFS node, every
 * participant running the whole protocol on its own thread of a pool. Both have the same
 * parallelism, so the difference is what the protocol adds.
 *
 * <p>Per seed: seconds per round of both and their ratio, where a FedLedger participant's time
 * per round goes (its own report, {@link Work}), and the final accuracy of both. FedAvg is
 * order-independent to the bit and weights travel bit-exactly, so with deterministic training
 * both runs end with the same weights.
 */
public final class OverheadBenchmark {
    /** Long phases: only early ends move a round, as every participant acts. */
    private static final Duration PHASE = Duration.ofMinutes(10);
    private static final int BATCH_SIZE = 32;

    /** What to run. */
    public record Settings(int participants, int rounds, int epochs, List<Long> seeds, String split) {
        public Settings {
            seeds = List.copyOf(seeds);
            Objects.requireNonNull(split, "split == null");
            if (participants < 2 || participants > DevAccounts.FUNDED - 1) {
                throw new IllegalArgumentException("participants must be in 2.." + (DevAccounts.FUNDED - 1));
            }
            if (rounds < 1 || epochs < 1 || seeds.isEmpty()) {
                throw new IllegalArgumentException("need rounds, epochs and a seed");
            }
            Partitioners.parse(split, 1); // a bad spec fails here, before anything starts
        }

        /** 10 participants x 5 rounds, 1 epoch per round, IID parts, seed 1. */
        public static Settings full() {
            return new Settings(10, 5, 1, List.of(1L), "iid");
        }

        /** For CI: 4 participants x 2 rounds. */
        public static Settings quick() {
            return new Settings(4, 2, 1, List.of(1L), "iid");
        }
    }

    /** The plain FedAvg run: seconds of each round, their mean, the training and averaging parts, final accuracy. */
    public record Plain(List<Double> roundSeconds, double secondsPerRound, double trainingPerRound,
                        double aggregationPerRound, double finalAccuracy) {}

    /**
     * The FedLedger run. A round runs from the first participant's first step in it to the first
     * step in the next (the last round: until the last participant saw it end); {@code
     * unaccountedPerRound} is the round time the breakdown does not cover (bookkeeping, the state
     * file, and participants starting a round later than the first). {@code cidChecksPerRound}
     * is the part of each participant's IPFS time spent hashing and checking weight files,
     * timed on the same files after the run. {@code setupSeconds}: publishing the task, joining
     * and registration, before round 1.
     */
    public record Ledger(List<Double> roundSeconds, double secondsPerRound, RoundBreakdown breakdown,
                         double unaccountedPerRound, double cidChecksPerRound, double setupSeconds,
                         int finalizedRounds, double finalAccuracy, String task) {}

    /** One seed: both runs, FedLedger's time per round over plain FedAvg's, and whether they ended with the same model. */
    public record Cell(long seed, Plain plain, Ledger fedLedger, double ratio, boolean identicalWeights,
                       double maxWeightDifference, String accuracyNote) {}

    /** Everything measured. */
    public record Report(Settings settings, List<Cell> cells, double seconds) {
        public String toTable() {
            StringBuilder t = new StringBuilder();
            t.append(String.format(Locale.ROOT, "Overhead: %d participants x %d rounds, FedAvg, MLP on the MNIST subset "
                            + "split %s, %d epoch%s per round, batch %d, seeds %s%n%n", settings.participants(),
                    settings.rounds(), settings.split(), settings.epochs(), settings.epochs() == 1 ? "" : "s",
                    BATCH_SIZE, settings.seeds()));
            t.append("| seed | plain FedAvg s/round | FedLedger s/round | FedLedger / plain | plain accuracy "
                    + "| FedLedger accuracy | same final weights |\n|---:|---:|---:|---:|---:|---:|---|\n");
            for (Cell c : cells) {
                t.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.2fx | %.4f | %.4f | %s |%n", c.seed(),
                        c.plain().secondsPerRound(), c.fedLedger().secondsPerRound(), c.ratio(),
                        c.plain().finalAccuracy(), c.fedLedger().finalAccuracy(), c.identicalWeights() ? "yes" : "no"));
            }
            t.append("\nWhere a FedLedger round goes (seconds per round, mean over participants, each on its own "
                    + "thread):\n\n| seed | training | IPFS put | IPFS get | transactions | chain reads | round-end checks "
                    + "| aggregation | waiting for others and the chain | unaccounted | round |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Cell c : cells) {
                Ledger l = c.fedLedger();
                RoundBreakdown b = l.breakdown();
                t.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f "
                                + "| %.3f |%n", c.seed(), b.training(), b.ipfsPut(), b.ipfsGet(), b.transactions(), b.chainReads(), b.checks(),
                        b.aggregation(), b.waiting(), l.unaccountedPerRound(), l.secondsPerRound()));
            }
            t.append("\n");
            for (Cell c : cells) {
                t.append(String.format(Locale.ROOT, "Seed %d: plain FedAvg trains %.3f s and averages %.4f s per round; "
                                + "FedLedger's IPFS times include %.4f s of CID and weight-file checks per round; "
                                + "setup before round 1 (task, joins) %.1f s. %s%n", c.seed(),
                        c.plain().trainingPerRound(), c.plain().aggregationPerRound(), c.fedLedger().cidChecksPerRound(),
                        c.fedLedger().setupSeconds(), c.accuracyNote()));
            }
            t.append(String.format(Locale.ROOT, "%nTotal time %.0f s%n", seconds));
            return t.toString();
        }

        public String toJson() {
            return BenchJson.of(this);
        }
    }

    private final Chain chain;
    private final ModelStore models;
    private final PrintWriter progress;

    public OverheadBenchmark(Chain chain, ModelStore models, PrintWriter progress) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.models = Objects.requireNonNull(models, "models == null");
        this.progress = Objects.requireNonNull(progress, "progress == null");
    }

    /** What both runs of a seed share. */
    private record Setup(Settings settings, ModelSpec spec, List<Dataset> parts, Dataset test, TaskRules terms,
                         long seed, ExecutorService pool) {
        LocalTrainer trainer(int participant) {
            return new LocalTrainer(settings.epochs(), BATCH_SIZE, seed * 1_000 + participant);
        }

        long numSamples(int participant) {
            return Math.min(parts.get(participant - 1).size(), terms.sampleCap());
        }
    }

    public Report run(Settings settings) throws Exception {
        long started = System.nanoTime();
        Split data = DataSets.load("mnist");
        ModelSpec spec = ModelSpecs.get("mlp");
        BenchDeployment deployment = BenchDeployment.deploy(chain, "overhead", progress);
        ExecutorService pool = Executors.newFixedThreadPool(settings.participants());
        List<Cell> cells = new ArrayList<>();
        try {
            for (long seed : settings.seeds()) {
                List<Dataset> parts = BenchDeployment.parts(data.train(), settings.split(), seed,
                        settings.participants());
                TaskRules terms = TaskRules.builder(deployment.token(), settings.rounds()).registration(Duration.ZERO)
                        .phases(PHASE, PHASE, PHASE).build();
                Setup setup = new Setup(settings, spec, parts, data.test(), terms, seed, pool);
                if (cells.isEmpty()) {
                    setup.trainer(1).train(spec, spec.initialWeights(), parts.get(0), 0); // loads ND4J before timing
                }
                float[][] plainWeights = new float[1][];
                Plain plain = plain(setup, plainWeights);
                progress.printf(Locale.ROOT, "  seed %d plain FedAvg: %.3f s per round, accuracy %.4f%n", seed,
                        plain.secondsPerRound(), plain.finalAccuracy());
                progress.flush();
                float[][] ledgerWeights = new float[1][];
                Ledger ledger = ledger(setup, deployment, ledgerWeights);
                progress.printf(Locale.ROOT, "  seed %d FedLedger:    %.3f s per round, accuracy %.4f (task %s)%n", seed,
                        ledger.secondsPerRound(), ledger.finalAccuracy(), ledger.task());
                progress.flush();
                cells.add(cell(seed, plain, ledger, plainWeights[0], ledgerWeights[0]));
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(settings, cells, (System.nanoTime() - started) / 1e9);
    }

    private static Cell cell(long seed, Plain plain, Ledger ledger, float[] plainWeights, float[] ledgerWeights) {
        boolean same = Arrays.equals(plainWeights, ledgerWeights);
        double maxDiff = 0;
        for (int i = 0; i < plainWeights.length && i < ledgerWeights.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(plainWeights[i] - ledgerWeights[i]));
        }
        String note;
        if (ledger.finalizedRounds() < plain.roundSeconds().size()) {
            note = "FedLedger finalized only " + ledger.finalizedRounds() + " of " + plain.roundSeconds().size()
                    + " rounds: the accuracies compare different models.";
        } else if (same) {
            note = "Both runs ended with the same weights, bit for bit.";
        } else {
            note = String.format(Locale.ROOT, "The final weights differ (largest difference %.3g): both runs average "
                    + "the same way (FedAvg is order-independent to the bit) and weights travel bit-exactly, so the "
                    + "difference comes from training, which is not bit-reproducible when ND4J runs on several "
                    + "threads (set OMP_NUM_THREADS=1).", maxDiff);
        }
        return new Cell(seed, plain, ledger, ledger.secondsPerRound() / plain.secondsPerRound(), same, maxDiff, note);
    }

    /** Plain FedAvg in memory: each round the N trainers on the pool, then the FedAvg rule. */
    private static Plain plain(Setup setup, float[][] finalWeights) throws Exception {
        int n = setup.settings().participants();
        AggregationRule rule = AggregationRules.parse("fedavg");
        List<String> accounts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            accounts.add(DevAccounts.account(i).getAddress());
        }
        float[] global = setup.spec().initialWeights();
        List<Double> rounds = new ArrayList<>();
        double training = 0;
        double aggregation = 0;
        for (int round = 1; round <= setup.settings().rounds(); round++) {
            long started = System.nanoTime();
            float[] from = global;
            long r = round;
            List<Future<float[]>> trained = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                LocalTrainer trainer = setup.trainer(i);
                Dataset part = setup.parts().get(i - 1);
                trained.add(setup.pool().submit(() -> trainer.train(setup.spec(), from, part, r)));
            }
            List<Update> updates = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                updates.add(new Update(accounts.get(i - 1), setup.numSamples(i), trained.get(i - 1).get()));
            }
            long averaging = System.nanoTime();
            global = rule.aggregate(global, updates, List.of()).newWeights();
            long ended = System.nanoTime();
            training += (averaging - started) / 1e9;
            aggregation += (ended - averaging) / 1e9;
            rounds.add((ended - started) / 1e9);
        }
        finalWeights[0] = global;
        int count = rounds.size();
        return new Plain(rounds, rounds.stream().mapToDouble(Double::doubleValue).sum() / count, training / count,
                aggregation / count, accuracy(setup, global));
    }

    /** The same task through FedLedger: a task on the devnet, N participants (dev accounts 1..N) running the protocol. */
    private Ledger ledger(Setup setup, BenchDeployment deployment, float[][] finalWeights) throws Exception {
        TimedTask.Result run = TimedTask.run(chain, models, deployment, setup.terms(), setup.spec(), setup.parts(),
                setup::trainer, DevAccounts.accounts(setup.settings().participants() + 1).subList(1,
                        setup.settings().participants() + 1), setup.pool());
        finalWeights[0] = run.finalWeights();
        return new Ledger(run.roundSeconds(), run.secondsPerRound(), run.breakdown(), run.unaccountedPerRound(),
                cidChecksPerRound(setup, run.finalWeights()), run.setupSeconds(), run.finalizedRounds(),
                accuracy(setup, run.finalWeights()), run.task());
    }

    /**
     * Seconds per participant-round of hashing and checking weight files: each round a
     * participant puts two files (each hashed once, by the IPFS client) and reads N updates and
     * the new global model, each decoded and checked; the participants share one read cache, so
     * a file is hashed once, when added, not again by each reader.
     */
    private static double cidChecksPerRound(Setup setup, float[] weights) {
        byte[] bytes = new WeightFile(setup.spec().digest(), weights).encode();
        double hashMs = Timer.median(3, 15, () -> CidCalculator.of(bytes).toString().length());
        double decodeMs = Timer.median(3, 15, () -> {
            try {
                return WeightFile.decode(bytes, setup.spec().digest(), setup.spec().parameterCount(), bytes.length)
                        .values().length;
            } catch (WeightFileException e) {
                throw new IllegalStateException(e);
            }
        });
        int reads = setup.settings().participants() + 1;
        return (reads * decodeMs + 2 * hashMs) / 1e3;
    }

    private static double accuracy(Setup setup, float[] weights) {
        return LocalTraining.accuracy(setup.spec(), weights, setup.test());
    }
}
