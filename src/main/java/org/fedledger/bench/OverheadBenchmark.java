package org.fedledger.bench;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fedledger.aggregation.AggregationRule;
import org.fedledger.aggregation.AggregationRules;
import org.fedledger.aggregation.Update;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.chain.TaskClient;
import org.fedledger.chain.TaskContracts;
import org.fedledger.chain.TaskEvents;
import org.fedledger.chain.TaskTerms;
import org.fedledger.data.DataSets;
import org.fedledger.data.Dataset;
import org.fedledger.data.Partitioners;
import org.fedledger.data.Split;
import org.fedledger.deploy.TaskPublisher;
import org.fedledger.model.LocalTraining;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.model.Weights;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.LocalTrainer;
import org.fedledger.participant.Participant;
import org.fedledger.participant.ParticipantSettings;
import org.fedledger.participant.StateFile;
import org.fedledger.participant.Work;
import org.fedledger.storage.Cid;
import org.fedledger.storage.CidCalculator;
import org.fedledger.weights.WeightFile;
import org.fedledger.weights.WeightFileException;
import org.web3j.crypto.Credentials;

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
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final BigInteger REWARD_PER_ROUND = TOKEN.multiply(BigInteger.valueOf(1_000));
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

    /**
     * Where a FedLedger participant's time per round goes, in seconds: means over participants of
     * wall time on each participant's thread (see {@link Work}).
     */
    public record Breakdown(double training, double ipfsPut, double ipfsGet, double transactions, double chainReads,
                            double checks, double aggregation, double waiting) {
        public double sum() {
            return training + ipfsPut + ipfsGet + transactions + chainReads + checks + aggregation + waiting;
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
    public record Ledger(List<Double> roundSeconds, double secondsPerRound, Breakdown breakdown,
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
                Breakdown b = l.breakdown();
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
    private record Setup(Settings settings, ModelSpec spec, List<Dataset> parts, Dataset test, TaskTerms terms,
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
                TaskTerms terms = TaskTerms.defaults(deployment.token(), settings.rounds()).withRegistration(Duration.ZERO)
                        .withPhases(PHASE, PHASE, PHASE);
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
                Ledger ledger = ledger(setup, deployment.contracts(), deployment.factory(), deployment.stateDir(),
                        ledgerWeights);
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

    /** The same task through FedLedger: a task on the devnet, N participants running the protocol. */
    private Ledger ledger(Setup setup, TaskContracts contracts, String factory, Path stateDir, float[][] finalWeights)
            throws Exception {
        long started = System.nanoTime();
        Settings settings = setup.settings();
        int n = settings.participants();
        Credentials creator = DevAccounts.account(0);
        BigInteger reward = REWARD_PER_ROUND.multiply(BigInteger.valueOf(settings.rounds()));
        contracts.mint(setup.terms().token(), creator.getAddress(), reward);
        String task = new TaskPublisher(contracts, models)
                .publish(factory, setup.terms(), setup.spec(), AggregationRules.parse("fedavg"), reward).task();
        List<StateFile> states = new ArrayList<>();
        List<RoundTimings> timings = new ArrayList<>();
        try {
            ParticipantRuns running = new ParticipantRuns(setup.pool(), stateDir.resolve(task + ".log"));
            for (int i = 1; i <= n; i++) {
                Credentials key = DevAccounts.account(i);
                contracts.mint(setup.terms().token(), key.getAddress(), setup.terms().minStake());
                StateFile state = StateFile.open(stateDir.resolve(task + "-" + i + ".json"), chain.chainId(), task,
                        key.getAddress());
                states.add(state);
                RoundTimings timing = new RoundTimings(running.log("p" + i));
                timings.add(timing);
                running.start(new Participant(chain, new TaskClient(chain, key, task), new TaskEvents(chain, task, null),
                        models, setup.parts().get(i - 1), setup.trainer(i), state, ParticipantSettings.defaults(n),
                        timing));
            }
            running.awaitAll(i -> false);
        } finally {
            states.forEach(StateFile::close);
        }
        TaskEvents events = new TaskEvents(chain, task, null);
        List<TaskEvents.Finalized> finalized = events.finalized();
        Cid last = finalized.isEmpty() ? new TaskClient(chain, creator, task).content().initialModel()
                : finalized.get(finalized.size() - 1).aggregate();
        finalWeights[0] = models.getWeights(last, setup.spec()).values();
        return measure(setup, timings, started, finalized.size(), finalWeights[0], task);
    }

    /** Round times, the mean breakdown and the CID checks' share from the participants' timings. */
    private static Ledger measure(Setup setup, List<RoundTimings> timings, long started, int finalizedRounds,
                                  float[] finalWeights, String task) {
        int rounds = setup.settings().rounds();
        long[] firstStart = new long[rounds + 2];
        Arrays.fill(firstStart, Long.MAX_VALUE);
        long lastEnd = Long.MIN_VALUE;
        double[] perWork = new double[Work.values().length];
        double windows = 0;
        for (RoundTimings t : timings) {
            for (int r = 1; r <= rounds; r++) {
                RoundTimings.Round round = t.round(r);
                if (round == null) {
                    continue;
                }
                firstStart[r] = Math.min(firstStart[r], round.start);
                windows += round.windowSeconds();
                for (Work w : Work.values()) {
                    perWork[w.ordinal()] += round.seconds(w);
                }
                if (r == rounds) {
                    lastEnd = Math.max(lastEnd, round.end);
                }
            }
        }
        List<Double> roundSeconds = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            long end = r < rounds ? firstStart[r + 1] : lastEnd;
            roundSeconds.add(end == Long.MAX_VALUE || firstStart[r] == Long.MAX_VALUE ? Double.NaN
                    : (end - firstStart[r]) / 1e9);
        }
        double total = (lastEnd - firstStart[1]) / 1e9;
        double scale = 1.0 / (timings.size() * (double) rounds);
        Breakdown b = new Breakdown(perWork[Work.TRAINING.ordinal()] * scale, perWork[Work.IPFS_PUT.ordinal()] * scale,
                perWork[Work.IPFS_GET.ordinal()] * scale, perWork[Work.TRANSACTIONS.ordinal()] * scale,
                perWork[Work.CHAIN_READS.ordinal()] * scale, perWork[Work.CHECKS.ordinal()] * scale,
                perWork[Work.AGGREGATION.ordinal()] * scale, perWork[Work.WAITING.ordinal()] * scale);
        double perRound = total / rounds;
        double unaccounted = perRound - b.sum();
        return new Ledger(roundSeconds, perRound, b, unaccounted, cidChecksPerRound(setup, finalWeights),
                (firstStart[1] - started) / 1e9, finalizedRounds, accuracy(setup, finalWeights), task);
    }

    /**
     * Seconds per participant-round of hashing and checking weight files: each round a
     * participant reads N updates and the new global model (each hashed by the IPFS client and
     * again by the model store, then decoded and checked) and puts two files (each hashed once).
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
        return (reads * (2 * hashMs + decodeMs) + 2 * hashMs) / 1e3;
    }

    private static double accuracy(Setup setup, float[] weights) {
        MultiLayerNetwork network = setup.spec().newNetwork();
        Weights.load(network, weights);
        return LocalTraining.accuracy(network, setup.test());
    }
}
