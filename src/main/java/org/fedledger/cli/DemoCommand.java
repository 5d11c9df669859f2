package org.fedledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fedledger.data.DataSets;
import org.fedledger.data.Partitioners;
import org.fedledger.demo.Demo;
import org.fedledger.demo.DemoSettings;
import org.fedledger.deploy.TokenAmounts;
import org.fedledger.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fl demo}: the whole system on this machine in one command. */
@Command(name = "demo", description = {
    "Start a devnet and an IPFS node, deploy the contracts, create a funded task and run participants "
        + "(one of them malicious by default) through every round; then print the global accuracy per round and "
        + "each participant's stake, rewards, slashes and accepted rounds, read back from the chain.",
    "Stops the services it started when it ends."})
final class DemoCommand implements Callable<Integer> {
    private static final DemoSettings DEFAULTS = DemoSettings.defaults();

    @Option(names = "--participants", description = "Participants, 1..19 (default: ${DEFAULT-VALUE}).")
    int participants = DEFAULTS.participants();

    @Option(names = "--attackers", description = "How many of them poison their updates by sign flipping "
            + "(default: ${DEFAULT-VALUE}).")
    int attackers = DEFAULTS.attackers();

    @Option(names = "--rounds", description = "Rounds (default: ${DEFAULT-VALUE}).")
    int rounds = DEFAULTS.rounds();

    @Option(names = "--data", paramLabel = "SPEC", description = "Data set: " + DataSets.SPECS
            + " (default: ${DEFAULT-VALUE}).")
    String data = DEFAULTS.data();

    @Option(names = "--split", paramLabel = "SPEC", description = "How the data is divided: " + Partitioners.SPECS
            + " (default: ${DEFAULT-VALUE}).")
    String split = DEFAULTS.split();

    @Option(names = "--model", paramLabel = "NAME", description = "mlp or cnn for images (default: mlp; a "
            + "tabular MLP for CSV data).")
    String model;

    @Option(names = "--rule", paramLabel = "SPEC", description = "Aggregation rule (default: fedavg without "
            + "attackers, multi-krum:f=ATTACKERS,m=HONEST with them).")
    String rule;

    @Option(names = "--epochs", description = "Local epochs per round (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--seed", description = "Seed of the split and of training (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--report", paramLabel = "FILE", description = "The HTML report with plots "
            + "(default: DATA_DIR/demo-report.html).")
    Path report;

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = new DemoSettings(participants, attackers, rounds, data, split, model, rule, epochs, seed);
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createDirectories(dataDir.dataDir()).resolve("demo");
        if (Files.exists(work)) {
            deleteTree(work);
        }
        Demo.Result result = new Demo(settings, out, System.console() != null).run(work);
        print(out, result);
        Path html = report != null ? report : dataDir.dataDir().resolve("demo-report.html");
        Files.createDirectories(html.toAbsolutePath().getParent());
        Files.writeString(html, HtmlReport.render(result.history()));
        out.println();
        out.println("HTML report with plots written to " + html);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
            out.println("JSON written to " + json);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, Demo.Result r) {
        out.println();
        out.printf("Task %s on chain %d: %s, %s, %d participants (%d attacking), %d rounds, %.0f s%n", r.task(),
                r.chainId(), r.model(), r.rule(), r.settings().participants(), r.settings().attackers(),
                r.settings().rounds(), r.seconds());
        out.println();
        out.println("Global model, test accuracy");
        out.printf("  round  0  initial     %.4f%n", r.initialAccuracy());
        double last = r.initialAccuracy();
        for (Demo.RoundRow row : r.rounds()) {
            out.printf("  round %2d  %-10s  %s%n", row.round(), row.status(),
                    row.accuracy() == null ? "-" : String.format("%.4f", row.accuracy()));
            last = row.accuracy() == null ? last : row.accuracy();
        }
        out.printf("  accuracy %.4f -> %.4f%n", r.initialAccuracy(), last);
        out.println();
        out.println("Participants (tokens, read from the chain)");
        out.printf("  %-3s %-42s %-9s %7s %9s %9s %10s %8s %9s%n", "#", "account", "role", "samples", "stake in",
                "stake now", "rewards", "slashes", "accepted");
        for (Demo.ParticipantRow p : r.participants()) {
            out.printf("  %-3d %-42s %-9s %7d %9s %9s %10s %8d %6d/%d%n", p.index(), p.account(), p.role(), p.samples(),
                    tokens(p.stakeJoined()), tokens(p.stake()), tokens(p.rewards()), p.slashes(), p.roundsAccepted(),
                    r.settings().rounds());
        }
    }

    private static String tokens(BigInteger amount) {
        return TokenAmounts.format(amount, 18, 2);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
