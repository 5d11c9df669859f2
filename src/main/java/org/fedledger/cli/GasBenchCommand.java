package org.fedledger.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.bench.GasBenchmark;
import org.fedledger.chain.Chain;
import org.fedledger.chain.DevAccounts;
import org.fedledger.localnet.LocalService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fl bench gas}: gas per call and per participant-round at several participant counts,
 * on a fresh in-memory devnet that the command starts and stops itself (or on the devnet at
 * {@code --rpc-url}, whose dev account 0 deploys and funds).
 */
@Command(name = "gas", description = "Gas per call and per participant-round at N = 5, 10 and 50 participants.")
final class GasBenchCommand implements Callable<Integer> {
    @Option(names = "--participants", split = ",", paramLabel = "N[,N...]",
            description = "Participant counts (default: 5,10,50).")
    List<Integer> participants = GasBenchmark.Settings.defaults().participantCounts();

    @Option(names = "--rounds", description = "Rounds per task (default: ${DEFAULT-VALUE}).")
    int rounds = GasBenchmark.Settings.defaults().rounds();

    @Option(names = "--rpc-url", paramLabel = "URL",
            description = "Measure on this devnet (deterministic dev accounts) instead of a fresh one.")
    URI rpcUrl;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GasBenchmark.Settings settings = new GasBenchmark.Settings(participants, rounds, 1);
        PrintWriter out = spec.commandLine().getOut();
        GasBenchmark.Report report;
        if (rpcUrl != null) {
            report = measure(rpcUrl, settings);
        } else {
            Path runDir = Files.createTempDirectory("fl-bench-gas-");
            try (LocalService devnet = LocalService.startDevnet(0, null, runDir, false)) {
                out.println("Measuring on a fresh devnet at " + devnet.url() + " ...");
                out.flush();
                report = measure(devnet.url(), settings);
            }
        }
        out.print(report.toTable());
        BenchCommand.writeJson(out, json, report.toJson());
        return 0;
    }

    private static GasBenchmark.Report measure(URI url, GasBenchmark.Settings settings) throws Exception {
        try (Chain chain = Chain.connect(url, null)) {
            return new GasBenchmark(chain, DevAccounts.account(0)).run(settings);
        }
    }
}
