package org.fedledger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.fedledger.bench.AggregationBenchmark;
import org.fedledger.chain.Chain;
import org.fedledger.localnet.LocalService;
import org.fedledger.localnet.StopOnExit;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.storage.CachingContentStore;
import org.fedledger.storage.IpfsRpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fl bench ...}: FedLedger's benchmarks. Each prints a markdown table and, with
 * {@code --json FILE}, writes the same figures as JSON. Benchmarks measure; they never fail on
 * a figure.
 */
@Command(name = "bench", description = "Run a benchmark and print its table (and JSON with --json FILE).",
        subcommands = {BenchCommand.Aggregation.class, GasBenchCommand.class, RobustnessBenchCommand.class,
            PrivacyBenchCommand.class, OverheadBenchCommand.class, ScaleBenchCommand.class})
final class BenchCommand {
    private BenchCommand() {}

    /**
     * A benchmark's settings from its options: {@code settings} checks them, and an {@link
     * IllegalArgumentException} it throws (a bad option value) becomes picocli's usage error.
     */
    static <T> T settings(CommandSpec spec, Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Writes {@code json} to {@code file} (if given) and says where. */
    static void writeJson(PrintWriter out, Path file, String json) throws IOException {
        write(out, file, json + "\n", "JSON");
    }

    /** Prints a benchmark's markdown {@code table}, and writes it to {@code file} (if given), saying where. */
    static void writeTable(PrintWriter out, Path file, String table) throws IOException {
        out.println();
        out.print(table);
        write(out, file, table, "Markdown");
    }

    /** What a benchmark runs on the devnet and IPFS node {@link #onLocalNodes} started for it. */
    interface OnLocalNodes<R> {
        R run(Chain chain, ModelStore models) throws Exception;
    }

    /**
     * The nodes {@link #onLocalNodes} started: the connection, the shared model store and the
     * read cache under it, and the nodes' processes (null when gone).
     */
    record LocalNodes(Chain chain, ModelStore models, CachingContentStore reads, ProcessHandle devnet,
                      ProcessHandle ipfs) {}

    /** As {@link OnLocalNodes}, for a benchmark that also looks at the nodes' processes and the read cache. */
    interface OnLocalProcesses<R> {
        R run(LocalNodes nodes) throws Exception;
    }

    /**
     * Starts a devnet and an IPFS node of its own on free loopback ports, runs {@code body} on
     * them, and stops both, also when it fails or the JVM is stopped. The benchmark's
     * participants share one model store, whose reads of verified content are cached
     * ({@link CachingContentStore}), as participants run by one organisation in one JVM would.
     */
    static <R> R onLocalNodes(PrintWriter out, String name, OnLocalNodes<R> body) throws Exception {
        return onLocalNodes(out, name, (LocalNodes nodes) -> body.run(nodes.chain(), nodes.models()));
    }

    /** As {@link #onLocalNodes(PrintWriter, String, OnLocalNodes)}, telling {@code body} the nodes' processes. */
    static <R> R onLocalNodes(PrintWriter out, String name, OnLocalProcesses<R> body) throws Exception {
        Path runDir = Files.createTempDirectory("fl-bench-" + name + "-");
        out.println("Starting a devnet and an IPFS node on 127.0.0.1 ...");
        out.flush();
        try (LocalService devnet = LocalService.startDevnet(0, null, runDir, false);
             LocalService ipfs = LocalService.startIpfs(0, runDir.resolve("ipfs-repo"), runDir, false);
             StopOnExit stop = new StopOnExit(devnet, ipfs);
             Chain chain = Chain.connect(devnet.url(), null)) {
            CachingContentStore reads = new CachingContentStore(new IpfsRpcClient(ipfs.url()),
                    CachingContentStore.DEFAULT_BUDGET_BYTES);
            return body.run(new LocalNodes(chain, new ModelStore(reads), reads,
                    ProcessHandle.of(devnet.pid()).orElse(null), ProcessHandle.of(ipfs.pid()).orElse(null)));
        }
    }

    /** {@code --json FILE} and {@code --markdown FILE}: where a benchmark also writes its results. */
    static final class Output {
        @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
        Path json;

        @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the tables to a markdown file.")
        Path markdown;

        /** Prints {@code table}, and writes it and {@code json} where asked. */
        void write(PrintWriter out, String table, String jsonText) throws IOException {
            writeTable(out, markdown, table);
            writeJson(out, json, jsonText);
        }
    }

    private static void write(PrintWriter out, Path file, String text, String what) throws IOException {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        out.println(what + " written to " + file);
    }

    @Command(name = "aggregation",
            description = "Throughput of each aggregation rule (GB/s of input weights) beside a plain memory copy.")
    static final class Aggregation implements Callable<Integer> {
        @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
        Path json;

        @Option(names = "--updates", description = "Updates per aggregation (default: ${DEFAULT-VALUE}).")
        int updates = AggregationBenchmark.Settings.defaults().updates();

        @Option(names = "--params", description = "Parameters per update (default: ${DEFAULT-VALUE}).")
        int params = AggregationBenchmark.Settings.defaults().params();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            AggregationBenchmark.Settings d = AggregationBenchmark.Settings.defaults();
            AggregationBenchmark.Report report = AggregationBenchmark.run(
                    new AggregationBenchmark.Settings(updates, params, d.warmups(), d.iterations(), d.seed(), d.rules()));
            PrintWriter out = spec.commandLine().getOut();
            out.print(report.toTable());
            writeJson(out, json, report.toJson());
            return 0;
        }
    }
}
