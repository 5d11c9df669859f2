package org.fedledger.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fedledger.chain.Chain;
import org.fedledger.chain.TaskRules;
import org.fedledger.data.DataSets;
import org.fedledger.data.Dataset;
import org.fedledger.data.Split;
import org.fedledger.model.LocalTraining;
import org.fedledger.model.ModelSpec;
import org.fedledger.model.ModelSpecs;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.participant.LocalTrainer;
import org.fedledger.storage.CachingContentStore;
import org.web3j.crypto.Credentials;

/**
 * {@code fl bench scale}: how far one machine takes FedLedger. For each participant count N, a
 * FedAvg task (MLP on the MNIST subset, IID parts, one local epoch per round) runs through the
 * whole protocol with N participants in this JVM, each on its own thread, all sharing one
 * devnet connection and one IPFS client as participants run by one organisation would. Per N:
 * seconds per round and where they go, the gas each participant pays per round (read back from
 * the receipts, by function), and memory: this JVM's peak heap and the devnet's and IPFS node's
 * resident sets. A task of 2 participants x 1 round runs first, unreported, so that the first
 * row does not pay for loading classes and compiling code.
 */
public final class ScaleBenchmark {
    /** Long phases: only early ends move a round, as every participant acts. */
    private static final Duration PHASE = Duration.ofMinutes(10);
    private static final int BATCH_SIZE = 32;
    /** Functions a participant calls once per task, not per round. */
    private static final List<String> PER_TASK = List.of("join", "joinWithPermit", "withdrawStake", "withdrawRewards");

    /** What to run. */
    public record Settings(List<Integer> participantCounts, int rounds, long seed) {
        public Settings {
            participantCounts = List.copyOf(new TreeSet<>(participantCounts));
            if (participantCounts.isEmpty() || participantCounts.get(0) < 2) {
                throw new IllegalArgumentException("participant counts must be 2 or more");
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be 1 or more");
            }
        }

        /** N = 10, 25, 50, 100 x 3 rounds, seed 1. */
        public static Settings full() {
            return new Settings(List.of(10, 25, 50, 100), 3, 1);
        }

        /** For CI: N = 3 and 6, 2 rounds. */
        public static Settings quick() {
            return new Settings(List.of(3, 6), 2, 1);
        }
    }

    /** Gas per call of one contract function, over the run's calls by participants. */
    public record FunctionGas(String function, long calls, double meanGas) {}

    /** Resident megabytes of a local node: now and at its peak since it started. */
    public record NodeMemory(double megabytes, double peakMegabytes) {}

    /** One participant count. */
    public record Row(int participants, List<Double> roundSeconds, double secondsPerRound, RoundBreakdown breakdown,
                      double unaccountedPerRound, double setupSeconds, int finalizedRounds, double finalAccuracy,
                      double transactionsPerRound, double gasPerParticipantRound, double joinGas,
                      List<FunctionGas> gasByFunction, double heapAfterGcMegabytes, double heapPeakMegabytes,
                      NodeMemory devnet, NodeMemory ipfs, CachingContentStore.Stats reads, String task) {}

    /** Everything measured. */
    public record Report(Settings settings, List<Row> rows, long maxHeapMegabytes, int processors, double seconds) {
        /** The target: N = 100 completes a round in under a minute. */
        static final double TARGET_SECONDS_AT_100 = 60;

        public String toTable() {
            StringBuilder t = new StringBuilder();
            t.append(String.format(Locale.ROOT, "Scale: FedAvg, MLP on the MNIST subset (IID parts), 1 epoch per round, "
                            + "batch %d, %d rounds, seed %d; participants in one JVM (%d processors, heap limit %d MB)%n%n",
                    BATCH_SIZE, settings.rounds(), settings.seed(), processors, maxHeapMegabytes));
            t.append("| N | s/round | rounds finalized | setup s (task, joins) | transactions/round "
                    + "| gas per participant-round | join gas | JVM heap after GC, peak MB | devnet RSS MB (peak) "
                    + "| IPFS RSS MB (peak) | accuracy |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                t.append(String.format(Locale.ROOT, "| %d | %.2f | %d/%d | %.1f | %.0f | %,.0f | %,.0f | %.0f "
                                + "| %.0f (%.0f) | %.0f (%.0f) | %.4f |%n", r.participants(), r.secondsPerRound(),
                        r.finalizedRounds(), settings.rounds(), r.setupSeconds(), r.transactionsPerRound(),
                        r.gasPerParticipantRound(), r.joinGas(), r.heapAfterGcMegabytes(), r.devnet().megabytes(),
                        r.devnet().peakMegabytes(), r.ipfs().megabytes(), r.ipfs().peakMegabytes(),
                        r.finalAccuracy()));
            }
            t.append("\nWhere a round goes (seconds per round, mean over participants, each on its own thread; "
                    + "the participants share 2 cores, so the parts overlap):\n\n| N | training | IPFS put | IPFS get "
                    + "| transactions | chain reads | round-end checks | aggregation | waiting for others and the chain "
                    + "| unaccounted | round |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                RoundBreakdown b = r.breakdown();
                t.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f "
                                + "| %.3f | %.3f |%n", r.participants(), b.training(), b.ipfsPut(), b.ipfsGet(),
                        b.transactions(), b.chainReads(), b.checks(), b.aggregation(), b.waiting(),
                        r.unaccountedPerRound(), r.secondsPerRound()));
            }
            List<String> functions = new ArrayList<>(new TreeSet<>(rows.stream()
                    .flatMap(r -> r.gasByFunction().stream().map(FunctionGas::function)).toList()));
            t.append("\nGas per call by function (calls by participants over the run):\n\n| N | ")
                    .append(String.join(" | ", functions)).append(" |\n|---:|")
                    .append("---:|".repeat(functions.size())).append('\n');
            for (Row r : rows) {
                t.append("| ").append(r.participants());
                for (String f : functions) {
                    FunctionGas g = r.gasByFunction().stream().filter(x -> x.function().equals(f)).findFirst()
                            .orElse(null);
                    t.append(g == null ? " | -" : String.format(Locale.ROOT, " | %,.0f (%d)", g.meanGas(), g.calls()));
                }
                t.append(" |\n");
            }
            t.append("\nIPFS reads through the shared cache (files read from the node / served from memory / "
                    + "waited for another reader's fetch) and the JVM's heap sampled every 100 ms, garbage included:\n\n"
                    + "| N | from the node | from memory | joined a fetch | heap peak MB |\n|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                t.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %.0f |%n", r.participants(),
                        r.reads().misses(), r.reads().hits(), r.reads().coalesced(), r.heapPeakMegabytes()));
            }
            Row largest = rows.get(rows.size() - 1);
            if (largest.participants() >= 100) {
                t.append(String.format(Locale.ROOT, "%nTarget: N = %d completes a round in under %.0f s: %s "
                                + "(%.1f s per round).%n", largest.participants(), TARGET_SECONDS_AT_100,
                        largest.secondsPerRound() < TARGET_SECONDS_AT_100 ? "met" : "missed",
                        largest.secondsPerRound()));
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
    private final CachingContentStore reads;
    private final ProcessHandle devnet;
    private final ProcessHandle ipfs;
    private final PrintWriter progress;

    /**
     * On {@code models}, which reads through {@code reads} (whose counts are reported); with
     * {@code devnet} and {@code ipfs} the local nodes' processes, whose memory is reported (null:
     * not local).
     */
    public ScaleBenchmark(Chain chain, ModelStore models, CachingContentStore reads, ProcessHandle devnet,
                          ProcessHandle ipfs, PrintWriter progress) {
        this.chain = Objects.requireNonNull(chain, "chain == null");
        this.models = Objects.requireNonNull(models, "models == null");
        this.reads = Objects.requireNonNull(reads, "reads == null");
        this.devnet = devnet;
        this.ipfs = ipfs;
        this.progress = Objects.requireNonNull(progress, "progress == null");
    }

    public Report run(Settings settings) throws Exception {
        long started = System.nanoTime();
        Split data = DataSets.load("mnist");
        ModelSpec spec = ModelSpecs.get("mlp");
        BenchDeployment deployment = BenchDeployment.deploy(chain, "scale", progress);
        int most = settings.participantCounts().get(settings.participantCounts().size() - 1);
        progress.printf(Locale.ROOT, "  funding %d participant accounts ...%n", most);
        progress.flush();
        List<Credentials> accounts = BenchDeployment.freshAccounts(chain, "fl-bench-scale", most);
        progress.println("  warming up: a task of 2 participants x 1 round, not reported ...");
        progress.flush();
        row(new Settings(List.of(2), 1, settings.seed()), 2, data, spec, deployment, accounts.subList(0, 2));
        List<Row> rows = new ArrayList<>();
        for (int n : settings.participantCounts()) {
            Row row = row(settings, n, data, spec, deployment, accounts.subList(0, n));
            progress.printf(Locale.ROOT, "  N = %d: %.2f s per round, %,.0f gas per participant-round, heap after GC "
                    + "%.0f MB (task %s)%n", n, row.secondsPerRound(), row.gasPerParticipantRound(), row.heapAfterGcMegabytes(),
                    row.task());
            progress.flush();
            rows.add(row);
        }
        return new Report(settings, rows, Runtime.getRuntime().maxMemory() / (1024 * 1024),
                Runtime.getRuntime().availableProcessors(), (System.nanoTime() - started) / 1e9);
    }

    private Row row(Settings settings, int n, Split data, ModelSpec spec, BenchDeployment deployment,
                    List<Credentials> accounts) throws Exception {
        List<Dataset> parts = BenchDeployment.parts(data.train(), "iid", settings.seed(), n);
        TaskRules terms = TaskRules.builder(deployment.token(), settings.rounds()).registration(Duration.ZERO)
                .phases(PHASE, PHASE, PHASE).build();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        TimedTask.Result run;
        double heapPeak;
        double heapAfterGc;
        CachingContentStore.Stats readsBefore = reads.stats();
        try (ProcessMemory.HeapPeak heap = new ProcessMemory.HeapPeak()) {
            run = TimedTask.run(chain, models, deployment, terms, spec, parts,
                    i -> new LocalTrainer(1, BATCH_SIZE, settings.seed() * 1_000 + i), accounts, pool);
            heapPeak = heap.peakMegabytes();
            heapAfterGc = heap.peakAfterGcMegabytes();
        } finally {
            pool.shutdownNow();
        }
        CachingContentStore.Stats readsAfter = reads.stats();
        CachingContentStore.Stats runReads = new CachingContentStore.Stats(readsAfter.hits() - readsBefore.hits(),
                readsAfter.coalesced() - readsBefore.coalesced(), readsAfter.misses() - readsBefore.misses(),
                readsAfter.bytesHeld());
        Map<String, TransactionGas.Calls> gas = TransactionGas.of(chain, run.task(),
                accounts.stream().map(Credentials::getAddress).toList(), run.firstBlock(), run.lastBlock());
        long perRoundGas = 0;
        long perRoundCalls = 0;
        List<FunctionGas> byFunction = new ArrayList<>();
        for (Map.Entry<String, TransactionGas.Calls> e : gas.entrySet()) {
            byFunction.add(new FunctionGas(e.getKey(), e.getValue().count(), e.getValue().meanGas()));
            if (!PER_TASK.contains(e.getKey())) {
                perRoundGas += e.getValue().gas();
                perRoundCalls += e.getValue().count();
            }
        }
        TransactionGas.Calls joins = gas.getOrDefault("join", new TransactionGas.Calls(0, 0));
        double participantRounds = n * (double) settings.rounds();
        return new Row(n, run.roundSeconds(), run.secondsPerRound(), run.breakdown(), run.unaccountedPerRound(),
                run.setupSeconds(), run.finalizedRounds(), LocalTraining.accuracy(spec, run.finalWeights(), data.test()),
                perRoundCalls / (double) settings.rounds(), perRoundGas / participantRounds, joins.meanGas(),
                byFunction, heapAfterGc, heapPeak, memory(devnet), memory(ipfs), runReads, run.task());
    }

    private static NodeMemory memory(ProcessHandle process) {
        if (process == null) {
            return new NodeMemory(0, 0);
        }
        ProcessMemory.Resident r = ProcessMemory.resident(process);
        return new NodeMemory(r.megabytes(), r.peakMegabytes());
    }
}
