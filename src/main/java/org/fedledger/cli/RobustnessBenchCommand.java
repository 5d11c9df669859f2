package org.fedledger.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fedledger.adversary.Attack;
import org.fedledger.bench.RobustnessBenchmark;
import org.fedledger.bench.RobustnessTables;
import org.fedledger.chain.Chain;
import org.fedledger.localnet.LocalService;
import org.fedledger.localnet.StopOnExit;
import org.fedledger.modelstore.ModelStore;
import org.fedledger.storage.IpfsRpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Option(names = "--quick", description = "multi-krum-agree against sign-flip, noise and free-ride, 30%% attackers,"
            + " 1 seed, 7 x 3 rounds.")
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

    @Mixin
    BenchCommand.Output output;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "1",
            description = "Run cells on K devnet and IPFS node pairs at once (default ${DEFAULT-VALUE}): a cell mostly"
                    + " waits for transactions and phase ends, so lanes overlap.")
    int parallel;

    @Option(names = "--merge", split = ",", paramLabel = "FILE",
            description = "Run nothing: merge reports written by --json (a cell measured again in a later file "
                    + "replaces the earlier one) and print their tables; --json and --markdown write the merge.")
    List<Path> merge;

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
        if (merge != null) {
            RobustnessBenchmark.Report merged;
            try {
                merged = RobustnessTables.read(merge);
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "cannot merge: " + e.getMessage());
            }
            output.write(out, merged.toTable(), merged.toJson());
            return 0;
        }
        RobustnessBenchmark.Settings settings = settings();
        if (parallel < 1 || parallel > 8) {
            throw new ParameterException(spec.commandLine(), "--parallel must be in 1..8: " + parallel);
        }
        out.println("Starting " + (parallel == 1 ? "a devnet and an IPFS node" : parallel + " devnets and IPFS nodes")
                + " on 127.0.0.1 ...");
        out.flush();
        List<LocalService> services = new CopyOnWriteArrayList<>();
        List<Chain> chains = new ArrayList<>();
        RobustnessBenchmark.Report report;
        try (StopOnExit stop = new StopOnExit(services)) {
            List<RobustnessBenchmark.Lane> lanes = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                Path runDir = Files.createTempDirectory("fl-bench-robustness-");
                LocalService devnet = LocalService.startDevnet(0, null, runDir, false);
                services.add(devnet);
                LocalService ipfs = LocalService.startIpfs(0, runDir.resolve("ipfs-repo"), runDir, false);
                services.add(ipfs);
                Chain chain = Chain.connect(devnet.url(), null);
                chains.add(chain);
                lanes.add(new RobustnessBenchmark.Lane(chain, devnet.url(), new ModelStore(new IpfsRpcClient(ipfs.url()))));
            }
            report = new RobustnessBenchmark(lanes, out).run(settings);
        } finally {
            chains.forEach(Chain::close);
            services.forEach(LocalService::close);
        }
        output.write(out, report.toTable(), report.toJson());
        return 0;
    }

    private RobustnessBenchmark.Settings settings() {
        RobustnessBenchmark.Settings base = quick ? RobustnessBenchmark.Settings.quick()
                : RobustnessBenchmark.Settings.full();
        return BenchCommand.settings(spec, () -> new RobustnessBenchmark.Settings(
                rules != null ? rules : base.rules(),
                attacks != null ? attacks.stream().map(Attack::parse).toList() : base.attacks(),
                fractions != null ? fractions : base.fractions(),
                seeds != null ? seeds : base.seeds(),
                participants != null ? participants : base.participants(),
                rounds != null ? rounds : base.rounds(),
                base.epochs(), base.split(), protocolWithEveryRule || base.protocolAttacksWithEveryRule()));
    }
}
