package org.fedledger.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedledger.adversary.Attack;
import org.fedledger.bench.RobustnessBenchmark;
import org.fedledger.chain.Chain;
import org.fedledger.localnet.LocalService;
import org.fedledger.localnet.StopOnExit;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.storage.IpfsRpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fl bench robustness}: the attack matrix, each cell a real task on a devnet and IPFS node
 * that the command starts on loopback and stops at the end.
 */
@Command(name = "robustness",
        description = {"Aggregation rule x attack x attacker fraction x seed, each a real task on a fresh devnet "
                + "and IPFS node: final accuracy, drop against no attack, attacker-rounds slashed or unpaid, honest "
                + "slashes, attackers' reward share.",
                "Without options: the full matrix (several hours on 2 cores); --quick: the CI subset (a few minutes)."})
final class RobustnessBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Multi-Krum, sign-flip and free-ride, 30%% attackers, 1 seed, 7 x 3 rounds.")
    boolean quick;

    @Option(names = "--rules", split = ",", paramLabel = "RULE",
            description = "Rules among fedavg, median, trimmed-mean, multi-krum, multi-krum-agree (Krum's sized to N).")
    List<String> rules;

    @Option(names = "--attacks", split = ",", paramLabel = "ATTACK", description = "Attacks (ids as in --help-attacks).")
    List<String> attacks;

    @Option(names = "--fractions", split = ",", paramLabel = "PERCENT", description = "Attacker fractions in percent.")
    List<Integer> fractions;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "Seeds (data split and training).")
    List<Long> seeds;

    @Option(names = "--participants", paramLabel = "N", description = "Participants per task.")
    Integer participants;

    @Option(names = "--rounds", paramLabel = "R", description = "Rounds per task.")
    Integer rounds;

    @Option(names = "--protocol-attacks-with-every-rule",
            description = "Run no-show, no-reveal, forge-vote, malformed and oversize under every rule, not just the last.")
    boolean protocolWithEveryRule;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the tables to a markdown file.")
    Path markdown;

    @Option(names = "--help-attacks", description = "List the attacks and exit.")
    boolean helpAttacks;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (helpAttacks) {
            for (Attack a : Attack.values()) {
                out.printf("  %-11s %s%n", a.id(), a.description());
            }
            return 0;
        }
        RobustnessBenchmark.Settings settings = settings();
        Path runDir = Files.createTempDirectory("fl-bench-robustness-");
        out.println("Starting a devnet and an IPFS node on 127.0.0.1 ...");
        out.flush();
        RobustnessBenchmark.Report report;
        try (LocalService devnet = LocalService.startDevnet(0, null, runDir, false);
             LocalService ipfs = LocalService.startIpfs(0, runDir.resolve("ipfs-repo"), runDir, false);
             Chain chain = Chain.connect(devnet.url(), null);
             StopOnExit stop = new StopOnExit(devnet, ipfs)) {
            report = new RobustnessBenchmark(chain, devnet.url(), new ModelStore(new IpfsRpcClient(ipfs.url())), out)
                    .run(settings);
        }
        String table = report.toTable();
        out.println();
        out.print(table);
        if (markdown != null) {
            Path parent = markdown.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(markdown, table, StandardCharsets.UTF_8);
            out.println("Markdown written to " + markdown);
        }
        BenchCommand.writeJson(out, json, report.toJson());
        return 0;
    }

    private RobustnessBenchmark.Settings settings() {
        RobustnessBenchmark.Settings base = quick ? RobustnessBenchmark.Settings.quick()
                : RobustnessBenchmark.Settings.full();
        try {
            return new RobustnessBenchmark.Settings(
                    rules != null ? rules : base.rules(),
                    attacks != null ? attacks.stream().map(Attack::parse).toList() : base.attacks(),
                    fractions != null ? fractions : base.fractions(),
                    seeds != null ? seeds : base.seeds(),
                    participants != null ? participants : base.participants(),
                    rounds != null ? rounds : base.rounds(),
                    base.epochs(), base.split(), protocolWithEveryRule || base.protocolAttacksWithEveryRule());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
