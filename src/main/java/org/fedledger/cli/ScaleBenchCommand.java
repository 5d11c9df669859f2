package org.fedledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.bench.ScaleBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fl bench scale}: FedLedger tasks with more and more participants, on a devnet and IPFS
 * node that the command starts on loopback and stops at the end.
 */
@Command(name = "scale",
        description = {"FedAvg tasks (MLP on the MNIST subset) with N participants in this JVM, on a devnet and IPFS "
                + "node that it starts: seconds per round and where they go, gas per participant-round by function, "
                + "JVM heap and the nodes' memory.",
                "Without options: N = 10, 25, 50, 100 x 3 rounds (about 5 minutes on 2 cores, in under 3 GB of heap); "
                        + "--quick: N = 3, 6 x 2 rounds."})
final class ScaleBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "N = 3 and 6, 2 rounds, for CI.")
    boolean quick;

    @Option(names = "--participants", split = ",", paramLabel = "N", description = "Participant counts, e.g. 10,25,50,100.")
    List<Integer> participants;

    @Option(names = "--rounds", paramLabel = "R", description = "Rounds per task.")
    Integer rounds;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the data split and training (default 1).")
    Long seed;

    @Mixin
    BenchCommand.Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ScaleBenchmark.Settings settings = settings();
        ScaleBenchmark.Report report = BenchCommand.onLocalNodes(out, "scale",
                (BenchCommand.LocalNodes nodes) -> new ScaleBenchmark(nodes.chain(), nodes.models(), nodes.reads(),
                        nodes.devnet(), nodes.ipfs(), out).run(settings));
        output.write(out, report.toTable(), report.toJson());
        return 0;
    }

    private ScaleBenchmark.Settings settings() {
        ScaleBenchmark.Settings base = quick ? ScaleBenchmark.Settings.quick() : ScaleBenchmark.Settings.full();
        return BenchCommand.settings(spec, () -> new ScaleBenchmark.Settings(
                participants != null ? participants : base.participantCounts(),
                rounds != null ? rounds : base.rounds(), seed != null ? seed : base.seed()));
    }
}
