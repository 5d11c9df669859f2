package org.fedledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.bench.PrivacyBenchmark;
import org.fedledger.data.Partitioners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl bench privacy}: accuracy against the differential-privacy budget, each cell a real
 * task on a devnet and IPFS node that the command starts on loopback and stops at the end.
 */
@Command(name = "privacy",
        description = {"Final accuracy against the epsilon budget of client-level differential privacy (and without "
                + "it), each a real FedAvg task, on a devnet and IPFS node that it starts, with the same data split, "
                + "model, rounds and seeds: noise multiplier, epsilon spent, accuracy, drop against no DP.",
                "Without options: epsilon 10, 100, 1000 and 10000, 10 participants x 5 rounds (about 6 minutes on "
                        + "2 cores); --quick: epsilon 10 and 1000, 4 x 2 rounds (about 90 seconds)."})
final class PrivacyBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Epsilon 10 and 1000 and no DP, 4 participants x 2 rounds.")
    boolean quick;

    @Option(names = "--epsilons", split = ",", paramLabel = "E", description = "Epsilon budgets to run (besides no DP).")
    List<Double> epsilons;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "Seeds (data split and training).")
    List<Long> seeds;

    @Option(names = "--participants", paramLabel = "N", description = "Participants per task.")
    Integer participants;

    @Option(names = "--rounds", paramLabel = "R", description = "Rounds per task.")
    Integer rounds;

    @Option(names = "--split", paramLabel = "SPEC", description = "Data split: iid, label-skew:K or dirichlet:A.")
    String split;

    @Option(names = "--clip", paramLabel = "C", description = "Clip norm of each participant's step.")
    Double clip;

    @Option(names = "--delta", paramLabel = "D", description = "Delta of the guarantee.")
    Double delta;

    @Mixin
    BenchCommand.Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrivacyBenchmark.Settings settings = settings();
        PrivacyBenchmark.Report report = BenchCommand.onLocalNodes(out, "privacy",
                (chain, models) -> new PrivacyBenchmark(chain, models, out).run(settings));
        output.write(out, report.toTable(), report.toJson());
        return 0;
    }

    private PrivacyBenchmark.Settings settings() {
        PrivacyBenchmark.Settings base = quick ? PrivacyBenchmark.Settings.quick() : PrivacyBenchmark.Settings.full();
        return BenchCommand.settings(spec, () -> {
            if (split != null) {
                Partitioners.parse(split, 1); // a bad spec is a usage error before anything starts
            }
            return new PrivacyBenchmark.Settings(
                    epsilons != null ? epsilons : base.epsilons(),
                    seeds != null ? seeds : base.seeds(),
                    participants != null ? participants : base.participants(),
                    rounds != null ? rounds : base.rounds(),
                    base.epochs(),
                    split != null ? split : base.split(),
                    clip != null ? clip : base.clipNorm(),
                    delta != null ? delta : base.delta());
        });
    }
}
