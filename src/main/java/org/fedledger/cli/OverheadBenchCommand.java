package org.fedledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.bench.OverheadBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl bench overhead}: the same task as plain in-memory FedAvg and through FedLedger, on a
 * devnet and IPFS node that the command starts on loopback and stops at the end.
 */
@Command(name = "overhead",
        description = {"The same FedAvg task (MLP on the MNIST subset, data split, seeds, initial weights, rounds) run "
                + "as plain in-memory federated averaging and through FedLedger on a devnet and IPFS node that it "
                + "starts: seconds per round of both, their ratio, where FedLedger's round goes, final accuracies.",
                "Without options: 10 participants x 5 rounds; --quick: 4 x 2 rounds (under a minute on 2 cores)."})
final class OverheadBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "4 participants x 2 rounds, for CI.")
    boolean quick;

    @Option(names = "--participants", paramLabel = "N", description = "Participants.")
    Integer participants;

    @Option(names = "--rounds", paramLabel = "R", description = "Rounds.")
    Integer rounds;

    @Option(names = "--epochs", paramLabel = "E", description = "Local epochs per round (default 1).")
    Integer epochs;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "Seeds (data split and training).")
    List<Long> seeds;

    @Option(names = "--split", paramLabel = "SPEC", description = "Data split: iid, label-skew:K or dirichlet:A.")
    String split;

    @Mixin
    BenchCommand.Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OverheadBenchmark.Settings settings = settings();
        OverheadBenchmark.Report report = BenchCommand.onLocalNodes(out, "overhead",
                (chain, models) -> new OverheadBenchmark(chain, models, out).run(settings));
        output.write(out, report.toTable(), report.toJson());
        return 0;
    }

    private OverheadBenchmark.Settings settings() {
        OverheadBenchmark.Settings base = quick ? OverheadBenchmark.Settings.quick() : OverheadBenchmark.Settings.full();
        return BenchCommand.settings(spec, () -> new OverheadBenchmark.Settings(
                participants != null ? participants : base.participants(),
                rounds != null ? rounds : base.rounds(),
                epochs != null ? epochs : base.epochs(),
                seeds != null ? seeds : base.seeds(),
                split != null ? split : base.split()));
    }
}
